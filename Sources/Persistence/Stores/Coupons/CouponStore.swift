import Domain
import FluentKit
import Foundation
import SQLKit

/// The coupons in firms' wallets and every step they take; each write is a unit of work with its log entry.
public struct CouponStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let detail: String }
    struct Count: Decodable { let n: Int }

    static func decode(_ rows: [Row]) throws -> [Coupon] { try rows.map { try DetailCoding.decode(Coupon.self, $0.detail) } }

    static func lock(_ sql: any SQLDatabase) -> SQLQueryString { SQLQueryString(DatabaseKind(sql) == .postgres ? " FOR UPDATE" : "") }

    // MARK: Issue

    /// Issues one coupon to each of `firms` under `programme`'s `version`, skipping firms already holding `perFirm` of its
    /// coupons. The programme row is locked for the unit, so concurrent issues cannot pass the per-firm cap.
    public func issue(programme: CouponProgramme, version: CouponProgrammeVersion, firms: [(uscc: String, name: String)],
                      on day: Day, actor: String, at time: Date) async throws -> [Coupon] {
        try await database.write { unit in
            let sql = try unit.sql()
            _ = try await CouponProgrammeStore.lockedRow(id: programme.id, sql: sql)
            var issued: [Coupon] = []
            for firm in firms {
                let held = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM coupons WHERE programme_id = \(bind: programme.id) AND uscc = \(bind: firm.uscc)
                    """).first(decoding: Count.self)?.n ?? 0
                guard held < version.perFirm else { continue }
                var coupon = Coupon(programmeID: programme.id, programmeCode: programme.code, version: version.version,
                                    uscc: firm.uscc, firmName: firm.name, face: version.face, issuedOn: day, expiresOn: version.expiresOn)
                coupon.id = try await sql.insertReturningID("""
                    INSERT INTO coupons (programme_id, version, uscc, status, expires_on, detail, created_at, updated_at)
                    VALUES (\(bind: programme.id), \(bind: version.version), \(bind: firm.uscc), 'held', \(bind: version.expiresOn.description),
                      '{}', \(bind: epochMillis(time)), \(bind: epochMillis(time)))
                    RETURNING id
                    """, what: "信用券编号")
                try await Self.write(coupon, sql: sql, time: time)
                unit.log(try LogEvents.coupon(programme: programme.id, coupon: String(coupon.id), step: "issued", status: "held",
                                              uscc: firm.uscc, actor: actor, at: time, detail: coupon, extra: ["version": "v\(version.version)"]))
                issued.append(coupon)
            }
            return issued
        }
    }

    /// Writes a coupon's detail and filter columns.
    static func write(_ c: Coupon, sql: any SQLDatabase, time: Date) async throws {
        try await sql.raw("""
            UPDATE coupons SET status = \(bind: c.storedStatus.rawValue), target_kind = \(bind: c.target?.kind),
              target_id = \(bind: c.target?.id), loan_id = \(bind: c.redemption.flatMap { $0.drawID == nil ? $0.loanID : nil }), institution_id = \(bind: c.redemption?.institutionID),
              detail = \(bind: try DetailCoding.encode(c)), updated_at = \(bind: epochMillis(time))
            WHERE id = \(bind: c.id)
            """).run()
    }

    // MARK: Reads

    public func coupon(id: Int64) async throws -> Coupon? {
        try await Self.decode(database.sql().raw("SELECT detail FROM coupons WHERE id = \(bind: id)").all(decoding: Row.self)).first
    }

    public func coupons(uscc: String) async throws -> [Coupon] {
        try await Self.decode(database.sql().raw("SELECT detail FROM coupons WHERE uscc = \(bind: uscc) ORDER BY id DESC")
            .all(decoding: Row.self))
    }

    /// The coupon attached to `target`, if any.
    public func attached(to target: CouponTarget) async throws -> Coupon? {
        try await Self.attached(to: target, sql: database.sql(), lock: false)
    }

    static func attached(to target: CouponTarget, sql: any SQLDatabase, lock: Bool) async throws -> Coupon? {
        let query: SQLQueryString = """
            SELECT detail FROM coupons WHERE target_kind = \(bind: target.kind) AND target_id = \(bind: target.id) AND status = 'attached'
            """
        return try Self.decode(try await sql.raw(lock ? query + Self.lock(sql) : query).all(decoding: Row.self)).first
    }

    /// The coupon redeemed on loan `loanID`, if any.
    public func redeemed(loanID: Int64) async throws -> Coupon? {
        try await Self.decode(database.sql().raw("SELECT detail FROM coupons WHERE loan_id = \(bind: loanID)").all(decoding: Row.self)).first
    }

    /// A page of an institution's redeemed coupons (nil: all), on loans and on draws, newest first.
    public func redeemed(institutionID: Int64?, paging: Paging) async throws -> ResultPage<Coupon> {
        let inst = institutionID ?? -1
        let filter: SQLQueryString = "institution_id IS NOT NULL AND (\(bind: inst) < 0 OR institution_id = \(bind: inst))"
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM coupons WHERE " + filter).first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT detail FROM coupons WHERE " + filter
                                     + " ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)").all(decoding: Row.self)
        return ResultPage(items: try Self.decode(rows), paging: paging, total: total)
    }

    /// Every coupon of a programme (the budget page counts them; expiry is judged by the reader).
    public func coupons(programmeID: Int64) async throws -> [Coupon] {
        try await Self.decode(database.sql().raw("SELECT detail FROM coupons WHERE programme_id = \(bind: programmeID) ORDER BY id")
            .all(decoding: Row.self))
    }

    /// How many coupons of the programme each firm has been issued.
    public func issuedCounts(programmeID: Int64) async throws -> [String: Int] {
        struct R: Decodable { let uscc: String; let n: Int }
        let rows = try await database.sql().raw("""
            SELECT uscc, COUNT(*) AS n FROM coupons WHERE programme_id = \(bind: programmeID) GROUP BY uscc
            """).all(decoding: R.self)
        return Dictionary(rows.map { ($0.uscc, $0.n) }, uniquingKeysWith: +)
    }

    // MARK: Attach and detach

    /// Attaches the firm's coupon to `target` (held, or attached to a target the caller found closed). The coupon row is
    /// re-read under lock and must still be the firm's and unexpired; a target with another live coupon is refused.
    public func attach(couponID: Int64, uscc: String, to target: CouponTarget, on day: Day, actor: String, at time: Date) async throws -> Coupon {
        try await database.write { unit in
            let sql = try unit.sql()
            guard var coupon = try Self.decode(try await sql.raw("SELECT detail FROM coupons WHERE id = \(bind: couponID)" + Self.lock(sql))
                .all(decoding: Row.self)).first, coupon.uscc == uscc else { throw DomainError.notFound("该信用券") }
            let status = coupon.status(on: day)
            guard status == .held || status == .attached else {
                throw DomainError.conflict("信用券 \(coupon.number) 当前状态为“\(status.label)”，不能绑定")
            }
            if let other = try await Self.attached(to: target, sql: sql, lock: true), other.id != coupon.id {
                throw DomainError.conflict("\(target.label) 已绑定信用券 \(other.number)，每笔申请限用一张")
            }
            coupon.storedStatus = .attached
            coupon.target = target
            try await Self.write(coupon, sql: sql, time: time)
            unit.log(try LogEvents.coupon(programme: coupon.programmeID, coupon: String(coupon.id), step: "attached", status: "attached",
                                          uscc: uscc, actor: actor, at: time, detail: coupon, extra: ["target": "\(target.kind):\(target.id)"]))
            return coupon
        }
    }

    /// Takes the firm's coupon off its target (back to held).
    public func detach(couponID: Int64, uscc: String, actor: String, at time: Date) async throws -> Coupon {
        try await database.write { unit in
            let sql = try unit.sql()
            guard var coupon = try Self.decode(try await sql.raw("SELECT detail FROM coupons WHERE id = \(bind: couponID)" + Self.lock(sql))
                .all(decoding: Row.self)).first, coupon.uscc == uscc else { throw DomainError.notFound("该信用券") }
            guard coupon.storedStatus == .attached else { throw DomainError.conflict("信用券 \(coupon.number) 未绑定申请") }
            try await Self.back(&coupon, step: "detached", actor: actor, time: time, unit: unit)
            return coupon
        }
    }

    /// Puts an attached coupon back in the wallet (held), logging `step`.
    static func back(_ coupon: inout Coupon, step: String, actor: String, time: Date, unit: UnitOfWork) async throws {
        let target = coupon.target
        coupon.storedStatus = .held
        coupon.target = nil
        try await write(coupon, sql: unit.sql(), time: time)
        unit.log(try LogEvents.coupon(programme: coupon.programmeID, coupon: String(coupon.id), step: step, status: "held",
                                      uscc: coupon.uscc, actor: actor, at: time, detail: coupon,
                                      extra: target.map { ["target": "\($0.kind):\($0.id)"] } ?? [:]))
    }

    // MARK: Expiry

    /// Records the expiry of held or attached coupons whose expiry day is before `day` (the daily job; readers judge
    /// expiry themselves, so this only writes down what already holds). Returns how many were recorded.
    public func recordExpired(asOf day: Day, at time: Date) async throws -> Int {
        try await database.write { unit in
            let sql = try unit.sql()
            let rows = try await sql.raw("""
                SELECT detail FROM coupons WHERE status IN ('held', 'attached') AND expires_on < \(bind: day.description) ORDER BY id
                """ + Self.lock(sql)).all(decoding: Row.self)
            var count = 0
            for var coupon in try Self.decode(rows) {
                coupon.storedStatus = .expired
                try await Self.write(coupon, sql: sql, time: time)
                unit.log(try LogEvents.coupon(programme: coupon.programmeID, coupon: String(coupon.id), step: "expired", status: "expired",
                                              uscc: coupon.uscc, actor: "platform", at: time, detail: coupon))
                count += 1
            }
            return count
        }
    }
}
