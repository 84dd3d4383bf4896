import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// Claims on the funds and the material filed with them. A claim step is a compare-and-set on its status, in one
/// unit of work with its log entry and the journal entries it causes (approval books the payable, payment the cash,
/// a recovery its share back), so the books never disagree with the claims.
public struct FundClaimStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let id: Int64; let detail: String }

    /// Files a claim; a loan with a live claim under the same fund gets a conflict.
    public func file(_ record: FundClaimRecord, actor: String, at time: Date) async throws -> FundClaimRecord {
        do {
            return try await database.write { unit in
                let sql = try unit.sql()
                if try await Self.live(sql, scheme: record.schemeCode, loanId: record.loanId) != nil { throw Self.duplicate }
                let now = epochMillis(time)
                let id = try await sql.insertReturningID("""
                    INSERT INTO fund_claims (scheme_code, loan_id, institution_id, status, deadline, detail, created_at, updated_at)
                    VALUES (\(bind: record.schemeCode), \(bind: record.loanId), \(bind: record.institutionId),
                      \(bind: record.status.rawValue), \(bind: record.claim.deadline?.description), '{}', \(bind: now), \(bind: now))
                    RETURNING id
                    """, what: "补偿申请编号")
                var stored = record
                stored.id = id
                stored.claim.claimId = "FC\(id)"
                try await sql.raw("UPDATE fund_claims SET detail = \(bind: try DetailCoding.encode(stored)) WHERE id = \(bind: id)").run()
                unit.log(try LogEvents.fund(record.schemeCode, about: "claim:\(id)", decision: "filed", actor: actor, at: time, detail: stored))
                return stored
            }
        } catch let error as DomainError {
            throw error
        } catch {
            // Two filings at once on PostgreSQL: the partial unique index refuses the second.
            if try await Self.live(database.sql(), scheme: record.schemeCode, loanId: record.loanId) != nil { throw Self.duplicate }
            throw error
        }
    }

    static let duplicate = DomainError.conflict("该笔贷款（或循环额度）在本基金已有在办的补偿申请，不能重复申请")

    static func live(_ sql: any SQLDatabase, scheme: String, loanId: String) async throws -> Int64? {
        struct IDRow: Decodable { let id: Int64 }
        return try await sql.raw("""
            SELECT id FROM fund_claims WHERE scheme_code = \(bind: scheme) AND loan_id = \(bind: loanId)
              AND status NOT IN ('rejected', 'withdrawn')
            """).first(decoding: IDRow.self)?.id
    }

    /// Saves a step (compare-and-set on the status read), posting `journal` to the fund's books in the same unit.
    public func save(_ record: FundClaimRecord, expecting: FundClaimStatus, step: String, actor: String, at time: Date,
                     journal: [FundJournalEntry] = []) async throws {
        try await database.write { unit in
            let sql = try unit.sql()
            let row = try await sql.raw("""
                UPDATE fund_claims SET status = \(bind: record.status.rawValue), deadline = \(bind: record.claim.deadline?.description),
                  detail = \(bind: try DetailCoding.encode(record)), updated_at = \(bind: epochMillis(time))
                WHERE id = \(bind: record.id) AND status = \(bind: expecting.rawValue)
                RETURNING id
                """).first()
            guard row != nil else { throw DomainError.conflict("该补偿申请刚被他人办理，请刷新后重试") }
            unit.log(try LogEvents.fund(record.schemeCode, about: "claim:\(record.id)", decision: step, actor: actor, at: time, detail: record))
            try await FundJournalStore.post(journal, scheme: record.schemeCode, actor: actor, at: time, in: unit)
        }
    }

    public func claim(id: Int64) async throws -> FundClaimRecord? {
        try await database.sql().raw("SELECT id, detail FROM fund_claims WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(FundClaimRecord.self, $0.detail) }
    }

    /// A page of claims, newest first: of one institution (nil: all), in some states (empty: all).
    public func claims(institutionId: String?, statuses: [FundClaimStatus] = [], paging: Paging) async throws -> ResultPage<FundClaimRecord> {
        struct Count: Decodable { let n: Int }
        let inst = institutionId ?? ""
        let states = statuses.isEmpty ? FundClaimStatus.allCases.map(\.rawValue) : statuses.map(\.rawValue)
        let filter: SQLQueryString = "(\(bind: inst) = '' OR institution_id = \(bind: inst)) AND status IN (\(binds: states))"
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM fund_claims WHERE \(filter)").first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("""
            SELECT id, detail FROM fund_claims WHERE \(filter) ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)
            """).all(decoding: Row.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(FundClaimRecord.self, $0.detail) }, paging: paging, total: total)
    }

    /// Every claim of a fund (the caps count what was approved; the dashboards count by state).
    public func claims(scheme: String) async throws -> [FundClaimRecord] {
        try await database.sql().raw("SELECT id, detail FROM fund_claims WHERE scheme_code = \(bind: scheme) ORDER BY id")
            .all(decoding: Row.self).map { try DetailCoding.decode(FundClaimRecord.self, $0.detail) }
    }

    // MARK: Material

    public struct Material: Sendable, Equatable {
        public var id: Int64
        public var institutionId: String
        public var kind: FundMaterialKind
        public var fileName: String
        public var contentType: String
        public var sha256: String
        public var bytes: [UInt8]
    }

    /// Stores one filed document; its key (`material:<id>`) is what the claim's attachment names.
    public func storeMaterial(institutionId: String, kind: FundMaterialKind, fileName: String, contentType: String,
                              bytes: [UInt8], at time: Date) async throws -> Int64 {
        let digest = LogEntry.digest(of: bytes)
        return try await database.write { unit in
            try await unit.sql().insertReturningID("""
                INSERT INTO fund_materials (institution_id, kind, file_name, content_type, sha256, bytes, created_at)
                VALUES (\(bind: institutionId), \(bind: kind.rawValue), \(bind: fileName), \(bind: contentType), \(bind: digest),
                  \(bind: Data(bytes)), \(bind: epochMillis(time)))
                RETURNING id
                """, what: "材料编号")
        }
    }

    /// What an institution has filed (without the bytes), newest first.
    public func materials(institutionId: String, limit: Int = 200) async throws -> [FundMaterialInfo] {
        struct IRow: Decodable { let id: Int64; let kind: String; let file_name: String; let sha256: String; let created_at: Int64 }
        return try await database.sql().raw("""
            SELECT id, kind, file_name, sha256, created_at FROM fund_materials WHERE institution_id = \(bind: institutionId)
            ORDER BY id DESC LIMIT \(bind: limit)
            """).all(decoding: IRow.self).compactMap { r in
            FundMaterialKind(rawValue: r.kind).map {
                FundMaterialInfo(key: "material:\(r.id)", kind: $0, fileName: r.file_name, sha256: r.sha256,
                                 uploadedAt: Date(timeIntervalSince1970: Double(r.created_at) / 1000))
            }
        }
    }

    public func material(id: Int64) async throws -> Material? {
        struct MRow: Decodable {
            let id: Int64; let institution_id: String; let kind: String; let file_name: String; let content_type: String
            let sha256: String; let bytes: Data
        }
        return try await database.sql().raw("""
            SELECT id, institution_id, kind, file_name, content_type, sha256, bytes FROM fund_materials WHERE id = \(bind: id)
            """).first(decoding: MRow.self).map {
            Material(id: $0.id, institutionId: $0.institution_id, kind: FundMaterialKind(rawValue: $0.kind) ?? .applicationForm,
                     fileName: $0.file_name, contentType: $0.content_type, sha256: $0.sha256, bytes: Array($0.bytes))
        }
    }
}

/// The fund's journal: each entry a balanced double entry (`FundLedger` checks it), posted in the unit of work of what
/// caused it. The ledger is rebuilt from the entries, so its balance is always the sum of its entries.
public struct FundJournalStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// Posts entries (capital, injections, contributions, interest) on their own.
    public func post(_ entries: [FundJournalEntry], scheme: String, actor: String, at time: Date) async throws {
        try await database.write { unit in try await Self.post(entries, scheme: scheme, actor: actor, at: time, in: unit) }
    }

    static func post(_ entries: [FundJournalEntry], scheme: String, actor: String, at time: Date, in unit: UnitOfWork) async throws {
        guard !entries.isEmpty else { return }
        let sql = try unit.sql()
        // The whole ledger checks each entry: in date order, positive, no payment beyond what is payable.
        var ledger = try await ledger(scheme: scheme, on: sql)
        for entry in entries {
            try ledger.post(entry)
            let id = try await sql.insertReturningID("""
                INSERT INTO fund_journal (scheme_code, day, kind, claim_id, detail, created_at)
                VALUES (\(bind: scheme), \(bind: entry.day.description), \(bind: entry.kind.rawValue), \(bind: entry.claimId),
                  \(bind: try DetailCoding.encode(entry)), \(bind: epochMillis(time)))
                RETURNING id
                """, what: "记账凭证编号")
            unit.log(try LogEvents.fund(scheme, about: "journal:\(id)", decision: entry.kind.rawValue, actor: actor, at: time, detail: entry))
        }
    }

    /// A fund's ledger, entries in posting order.
    public func ledger(scheme: String) async throws -> FundLedger {
        try await Self.ledger(scheme: scheme, on: database.sql())
    }

    static func ledger(scheme: String, on sql: any SQLDatabase) async throws -> FundLedger {
        struct Row: Decodable { let detail: String }
        let entries = try await sql.raw("SELECT detail FROM fund_journal WHERE scheme_code = \(bind: scheme) ORDER BY id")
            .all(decoding: Row.self).map { try DetailCoding.decode(FundJournalEntry.self, $0.detail) }
        return try FundLedger(entries: entries)
    }
}
