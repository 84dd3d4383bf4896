import Domain
import FluentKit
import Foundation
import SQLKit

/// Coupon programmes: every version of their rules (append-only) and the budget charged so far. Every write is a unit
/// of work with its transparency-log entry (kind 数字信用券).
public struct CouponProgrammeStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct VersionRow: Decodable { let programme_id: Int64; let detail: String }
    struct ProgrammeRow: Decodable { let id: Int64; let code: String; let charged: Int64 }

    /// Saves `draft` as the next version of programme `code` (creating the programme with version 1). A version may not
    /// set a budget below what is already charged. Returns the programme with all its versions.
    public func save(code: String, _ draft: CouponProgrammeVersion, actor: String, at time: Date) async throws -> CouponProgramme {
        try await database.write { unit in
            let sql = try unit.sql()
            var row = try await Self.lockedRow(code: code, sql: sql)
            if row == nil {
                let id = try await sql.insertReturningID("""
                    INSERT INTO coupon_programmes (code, charged, created_at) VALUES (\(bind: code), 0, \(bind: epochMillis(time)))
                    RETURNING id
                    """, what: "信用券项目编号")
                row = ProgrammeRow(id: id, code: code, charged: 0)
            }
            guard let row else { throw DomainError.notFound("该信用券项目") }
            if draft.budget.value < row.charged {
                throw DomainError.invalidInput(field: "budget", reason: "预算不能低于已核销占用的 \(Cents(row.charged).yuanText)")
            }
            struct Max: Decodable { let v: Int? }
            let last = try await sql.raw("SELECT MAX(version) AS v FROM coupon_programme_versions WHERE programme_id = \(bind: row.id)")
                .first(decoding: Max.self)?.v ?? 0
            var version = draft
            version.version = last + 1
            try await sql.raw("""
                INSERT INTO coupon_programme_versions (programme_id, version, effective_from, detail, created_at)
                VALUES (\(bind: row.id), \(bind: version.version), \(bind: version.effectiveFrom), \(bind: try DetailCoding.encode(version)),
                  \(bind: epochMillis(time)))
                """).run()
            unit.log(try LogEvents.coupon(programme: row.id, coupon: "programme", step: "version_saved", status: "v\(version.version)",
                                          uscc: nil, actor: actor, at: time, detail: version))
            return try await Self.programme(id: row.id, sql: sql) ?? CouponProgramme(id: row.id, code: code, versions: [version])
        }
    }

    /// The programme row, locked for the rest of the unit on PostgreSQL (SQLite's unit holds the write lock already).
    static func lockedRow(code: String, sql: any SQLDatabase) async throws -> ProgrammeRow? {
        let lock = DatabaseKind(sql) == .postgres ? " FOR UPDATE" : ""
        return try await sql.raw(SQLQueryString("SELECT id, code, charged FROM coupon_programmes WHERE code = ") + "\(bind: code)"
                                 + SQLQueryString(lock)).first(decoding: ProgrammeRow.self)
    }

    static func lockedRow(id: Int64, sql: any SQLDatabase) async throws -> ProgrammeRow? {
        let lock = DatabaseKind(sql) == .postgres ? " FOR UPDATE" : ""
        return try await sql.raw(SQLQueryString("SELECT id, code, charged FROM coupon_programmes WHERE id = ") + "\(bind: id)"
                                 + SQLQueryString(lock)).first(decoding: ProgrammeRow.self)
    }

    static func programme(id: Int64, sql: any SQLDatabase) async throws -> CouponProgramme? {
        guard let row = try await sql.raw("SELECT id, code, charged FROM coupon_programmes WHERE id = \(bind: id)")
            .first(decoding: ProgrammeRow.self) else { return nil }
        let versions = try await sql.raw("""
            SELECT programme_id, detail FROM coupon_programme_versions WHERE programme_id = \(bind: id) ORDER BY version
            """).all(decoding: VersionRow.self).map { try DetailCoding.decode(CouponProgrammeVersion.self, $0.detail) }
        return CouponProgramme(id: row.id, code: row.code, versions: versions)
    }

    public func programme(id: Int64) async throws -> CouponProgramme? {
        try await Self.programme(id: id, sql: database.sql())
    }

    public func programmes() async throws -> [CouponProgramme] {
        let sql = try database.sql()
        let rows = try await sql.raw("SELECT id, code, charged FROM coupon_programmes ORDER BY id").all(decoding: ProgrammeRow.self)
        let versions = Dictionary(grouping: try await sql.raw("""
            SELECT programme_id, detail FROM coupon_programme_versions ORDER BY programme_id, version
            """).all(decoding: VersionRow.self), by: \.programme_id)
        return try rows.map { row in
            CouponProgramme(id: row.id, code: row.code,
                            versions: try (versions[row.id] ?? []).map { try DetailCoding.decode(CouponProgrammeVersion.self, $0.detail) })
        }
    }

    /// The budget charged so far (redemptions' estimates, less what final settlements released).
    public func charged(programmeID: Int64) async throws -> Cents {
        Cents(try await database.sql().raw("SELECT id, code, charged FROM coupon_programmes WHERE id = \(bind: programmeID)")
            .first(decoding: ProgrammeRow.self)?.charged ?? 0)
    }

    /// Charges `cost` to the programme's budget inside `unit` if it fits under `budget`; false (nothing charged) if not.
    /// One conditional statement: on PostgreSQL the row lock makes a concurrent charge wait and re-check the condition
    /// on the committed value, on SQLite the unit holds the write lock; so concurrent redemptions never overspend.
    static func charge(programmeID: Int64, cost: Cents, budget: Cents, in unit: UnitOfWork) async throws -> Bool {
        try await unit.sql().raw("""
            UPDATE coupon_programmes SET charged = charged + \(bind: cost.value)
            WHERE id = \(bind: programmeID) AND charged + \(bind: cost.value) <= \(bind: budget.value) RETURNING id
            """).first() != nil
    }

    /// Gives back `amount` of a charge (a settled coupon's estimate beyond what was paid).
    static func release(programmeID: Int64, amount: Cents, in unit: UnitOfWork) async throws {
        guard amount.isPositive else { return }
        try await unit.sql().raw("""
            UPDATE coupon_programmes SET charged = charged - \(bind: amount.value) WHERE id = \(bind: programmeID)
            """).run()
    }
}
