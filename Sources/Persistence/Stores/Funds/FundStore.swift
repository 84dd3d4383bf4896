import Domain
import FluentKit
import Foundation
import SQLKit

/// The funds' programmes, agreements and registrations. Every write is a unit of work with its transparency-log
/// entry (kind 风险补偿基金决定: the fund, what it is about, the decision).
public struct FundStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Detail: Decodable { let detail: String }

    // MARK: Programmes and agreements

    /// Opens a fund (idempotent: a second opening changes nothing and returns false).
    public func open(_ programme: FundProgramme, actor: String, at time: Date) async throws -> Bool {
        try await database.write { unit in
            let sql = try unit.sql()
            let inserted = try await sql.raw("""
                INSERT INTO fund_programmes (scheme_code, detail, created_at)
                VALUES (\(bind: programme.schemeCode), \(bind: try DetailCoding.encode(programme)), \(bind: epochMillis(time)))
                ON CONFLICT DO NOTHING RETURNING scheme_code
                """).first() != nil
            if inserted {
                unit.log(try LogEvents.fund(programme.schemeCode, about: "programme", decision: "opened", actor: actor, at: time,
                                            detail: programme))
            }
            return inserted
        }
    }

    public func programmes() async throws -> [FundProgramme] {
        try await database.sql().raw("SELECT detail FROM fund_programmes ORDER BY created_at, scheme_code")
            .all(decoding: Detail.self).map { try DetailCoding.decode(FundProgramme.self, $0.detail) }
    }

    /// Signs (or renews) an institution's agreement with a fund.
    public func sign(_ agreement: FundAgreement, actor: String, at time: Date) async throws {
        try await database.write { unit in
            try await unit.sql().raw("""
                INSERT INTO fund_agreements (scheme_code, institution_id, detail, created_at)
                VALUES (\(bind: agreement.schemeCode), \(bind: agreement.institutionId), \(bind: try DetailCoding.encode(agreement)),
                  \(bind: epochMillis(time)))
                ON CONFLICT (scheme_code, institution_id) DO UPDATE SET detail = excluded.detail
                """).run()
            unit.log(try LogEvents.fund(agreement.schemeCode, about: "institution:\(agreement.institutionId)", decision: "agreement_signed",
                                        actor: actor, at: time, detail: agreement))
        }
    }

    public func agreements(scheme: String? = nil) async throws -> [FundAgreement] {
        let sql = try database.sql()
        let rows = if let scheme {
            try await sql.raw("SELECT detail FROM fund_agreements WHERE scheme_code = \(bind: scheme) ORDER BY institution_id").all(decoding: Detail.self)
        } else {
            try await sql.raw("SELECT detail FROM fund_agreements ORDER BY scheme_code, institution_id").all(decoding: Detail.self)
        }
        return try rows.map { try DetailCoding.decode(FundAgreement.self, $0.detail) }
    }

    // MARK: Registrations (入库)

    /// Stores registration checks not made before (one per fund and loan); returns those stored now.
    public func register(_ records: [FundRegistrationRecord], actor: String, at time: Date) async throws -> [FundRegistrationRecord] {
        guard !records.isEmpty else { return [] }
        return try await database.write { unit in
            let sql = try unit.sql()
            var stored: [FundRegistrationRecord] = []
            for record in records {
                let inserted = try await sql.raw("""
                    INSERT INTO fund_registrations (scheme_code, loan_id, institution_id, uscc, covered, amount, checked_on, detail)
                    VALUES (\(bind: record.schemeCode), \(bind: record.loanId), \(bind: record.institutionId), \(bind: record.firmUSCC),
                      \(bind: record.isCovered ? 1 : 0), \(bind: record.amount.value), \(bind: record.checkedOn.description),
                      \(bind: try DetailCoding.encode(record)))
                    ON CONFLICT DO NOTHING RETURNING loan_id
                    """).first() != nil
                guard inserted else { continue }
                stored.append(record)
                unit.log(try LogEvents.fund(record.schemeCode, about: "loan:\(record.loanId)",
                                            decision: record.isCovered ? "registered" : "not_covered", actor: actor, at: time,
                                            detail: record))
            }
            return stored
        }
    }

    public func registration(scheme: String, loanId: String) async throws -> FundRegistrationRecord? {
        try await database.sql().raw("""
            SELECT detail FROM fund_registrations WHERE scheme_code = \(bind: scheme) AND loan_id = \(bind: loanId)
            """).first(decoding: Detail.self).map { try DetailCoding.decode(FundRegistrationRecord.self, $0.detail) }
    }

    /// A page of registration checks, newest loans first: of one institution (nil: all), one fund (nil: all), covered
    /// only or all.
    public func registrations(institutionId: String?, scheme: String?, coveredOnly: Bool,
                              paging: Paging) async throws -> ResultPage<FundRegistrationRecord> {
        struct Count: Decodable { let n: Int }
        let inst = institutionId ?? "", code = scheme ?? ""
        let filter: SQLQueryString = """
            (\(bind: inst) = '' OR institution_id = \(bind: inst)) AND (\(bind: code) = '' OR scheme_code = \(bind: code))
              AND covered >= \(bind: coveredOnly ? 1 : 0)
            """
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM fund_registrations WHERE \(filter)").first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("""
            SELECT detail FROM fund_registrations WHERE \(filter)
            ORDER BY checked_on DESC, scheme_code, loan_id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)
            """).all(decoding: Detail.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(FundRegistrationRecord.self, $0.detail) }, paging: paging,
                          total: total)
    }

    /// Every covered loan of a fund (the dashboards, the stop lines and the simulator read the whole book).
    public func coveredBook(scheme: String) async throws -> [FundRegistrationRecord] {
        try await database.sql().raw("""
            SELECT detail FROM fund_registrations WHERE scheme_code = \(bind: scheme) AND covered = 1 ORDER BY loan_id
            """).all(decoding: Detail.self).map { try DetailCoding.decode(FundRegistrationRecord.self, $0.detail) }
    }

    /// The loans checked under a fund already.
    public func checkedLoanIds(scheme: String) async throws -> Set<String> {
        struct Row: Decodable { let loan_id: String }
        return Set(try await database.sql().raw("SELECT loan_id FROM fund_registrations WHERE scheme_code = \(bind: scheme)")
            .all(decoding: Row.self).map(\.loan_id))
    }

    // MARK: Stop lines (熔断)

    public struct Pause: Sendable, Equatable, Codable {
        public var state: FundPauseState
        public var lines: [String]
        public var since: Day
        public init(state: FundPauseState, lines: [String], since: Day) { self.state = state; self.lines = lines; self.since = since }
    }

    public func pauses(scheme: String) async throws -> [String: Pause] {
        struct Row: Decodable { let institution_id: String; let detail: String }
        let rows = try await database.sql().raw("SELECT institution_id, detail FROM fund_pauses WHERE scheme_code = \(bind: scheme)")
            .all(decoding: Row.self)
        return Dictionary(try rows.map { ($0.institution_id, try DetailCoding.decode(Pause.self, $0.detail)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Records a changed pause state of an institution.
    public func setPause(scheme: String, institutionId: String, _ pause: Pause, actor: String, at time: Date) async throws {
        try await database.write { unit in
            try await unit.sql().raw("""
                INSERT INTO fund_pauses (scheme_code, institution_id, detail, updated_at)
                VALUES (\(bind: scheme), \(bind: institutionId), \(bind: try DetailCoding.encode(pause)), \(bind: epochMillis(time)))
                ON CONFLICT (scheme_code, institution_id) DO UPDATE SET detail = excluded.detail, updated_at = excluded.updated_at
                """).run()
            let decision = "registrations_\(pause.state.registrationsPaused ? "paused" : "open")+claims_\(pause.state.claimsPaused ? "paused" : "open")"
            unit.log(try LogEvents.fund(scheme, about: "institution:\(institutionId)", decision: decision, actor: actor, at: time,
                                        detail: pause))
        }
    }
}
