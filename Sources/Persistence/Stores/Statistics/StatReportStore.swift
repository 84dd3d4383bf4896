import Domain
import FluentKit
import Foundation
import SQLKit

/// The institutions' monthly statistical reports, the evaluation's manual points and the published bulletins.
/// Decisions on reports and publications are units of work with their transparency-log entry.
public struct StatReportStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let id: Int64; let institution_id: Int64; let detail: String }

    func record(_ row: Row) throws -> StatReportRecord {
        var record = try DetailCoding.decode(StatReportRecord.self, row.detail)
        record.id = row.id
        return record
    }

    public func report(id: Int64) async throws -> StatReportRecord? {
        try await database.sql().raw("SELECT id, institution_id, detail FROM stat_reports WHERE id = \(bind: id)")
            .first(decoding: Row.self).map(record)
    }

    public func report(institution: Int64, month: StatMonth) async throws -> StatReportRecord? {
        try await database.sql().raw("""
            SELECT id, institution_id, detail FROM stat_reports WHERE institution_id = \(bind: institution) AND month = \(bind: month.description)
            """).first(decoding: Row.self).map(record)
    }

    /// Every report of `month` (all institutions), or every month of one institution.
    public func reports(month: StatMonth? = nil, institution: Int64? = nil) async throws -> [StatReportRecord] {
        let sql = try database.sql()
        let rows: [Row]
        switch (month, institution) {
        case (let m?, let i?):
            rows = try await sql.raw("SELECT id, institution_id, detail FROM stat_reports WHERE month = \(bind: m.description) AND institution_id = \(bind: i) ORDER BY id").all(decoding: Row.self)
        case (let m?, nil):
            rows = try await sql.raw("SELECT id, institution_id, detail FROM stat_reports WHERE month = \(bind: m.description) ORDER BY institution_id").all(decoding: Row.self)
        case (nil, let i?):
            rows = try await sql.raw("SELECT id, institution_id, detail FROM stat_reports WHERE institution_id = \(bind: i) ORDER BY month DESC").all(decoding: Row.self)
        case (nil, nil):
            rows = try await sql.raw("SELECT id, institution_id, detail FROM stat_reports ORDER BY month DESC, institution_id").all(decoding: Row.self)
        }
        return try rows.map(record)
    }

    /// Saves a filing: the record is built by `make` from the stored one, read under the write lock, so two filings at
    /// once are one after the other. A filing the platform's checks returned is logged as returned.
    public func file(institution: Int64, month: StatMonth, actor: String, at time: Date,
                     _ make: @escaping @Sendable (StatReportRecord?) throws -> StatReportRecord) async throws -> StatReportRecord {
        try await database.write { unit in
            let store = StatReportStore(database: unit.database)
            let previous = try await store.report(institution: institution, month: month)
            var record = try make(previous)
            let sql = try unit.sql()
            let now = epochMillis(time)
            if let previous {
                record.id = previous.id
                try await sql.raw("""
                    UPDATE stat_reports SET status = \(bind: record.status.rawValue), detail = \(bind: try DetailCoding.encode(record)),
                      updated_at = \(bind: now) WHERE id = \(bind: previous.id)
                    """).run()
            } else {
                guard let row = try await sql.raw("""
                    INSERT INTO stat_reports (institution_id, month, status, detail, created_at, updated_at)
                    VALUES (\(bind: institution), \(bind: month.description), \(bind: record.status.rawValue), '{}', \(bind: now), \(bind: now))
                    RETURNING id
                    """).first() else { throw DomainError.conflict("报表未能保存") }
                record.id = try row.decode(column: "id", as: Int64.self)
                try await sql.raw("UPDATE stat_reports SET detail = \(bind: try DetailCoding.encode(record)) WHERE id = \(bind: record.id)").run()
            }
            unit.log(try LogEvents.statistics(period: month.description, step: "report-\(record.status.rawValue)",
                                              digest: LogEvents.digest(record.report.cells.sorted { $0.key < $1.key }.map { "\($0.key.row).\($0.key.column)=\($0.value)" }),
                                              actor: actor, at: time, extra: ["institution": String(institution), "report": String(record.id)]))
            return record
        }
    }

    /// The credit center's decision, as a compare-and-set on the report's status.
    public func decide(id: Int64, actor: String, at time: Date,
                       _ change: @escaping @Sendable (inout StatReportRecord) throws -> Void) async throws -> StatReportRecord {
        try await database.write { unit in
            guard var record = try await StatReportStore(database: unit.database).report(id: id) else { throw DomainError.notFound("该统计报表") }
            let before = record.status
            try change(&record)
            let sql = try unit.sql()
            let updated = try await sql.raw("""
                UPDATE stat_reports SET status = \(bind: record.status.rawValue), detail = \(bind: try DetailCoding.encode(record)),
                  updated_at = \(bind: epochMillis(time)) WHERE id = \(bind: id) AND status = \(bind: before.rawValue) RETURNING id
                """).first()
            guard updated != nil else { throw DomainError.conflict("该报表刚被他人处理，请刷新后再试") }
            unit.log(try LogEvents.statistics(period: record.report.month.description, step: "report-\(record.status.rawValue)",
                                              digest: LogEvents.digest(record.history.last?.reason ?? ""), actor: actor, at: time,
                                              extra: ["institution": record.report.institution, "report": String(id)]))
            return record
        }
    }

    // MARK: Manual points

    /// Points given to the evaluation's manual items: subject → item → points.
    public func manualPoints(kind: String, period: String) async throws -> [String: [String: Int]] {
        struct Row: Decodable { let subject: String; let item: String; let points: Int }
        var result: [String: [String: Int]] = [:]
        for row in try await database.sql().raw("""
            SELECT subject, item, points FROM stat_manual_points WHERE subject_kind = \(bind: kind) AND period = \(bind: period)
            """).all(decoding: Row.self) {
            result[row.subject, default: [:]][row.item] = row.points
        }
        return result
    }

    public func setManualPoints(kind: String, period: String, subject: String, item: String, points: Int, actor: String,
                                at time: Date) async throws {
        try await database.write { unit in
            try await unit.sql().raw("""
                INSERT INTO stat_manual_points (subject_kind, period, subject, item, points, actor, updated_at)
                VALUES (\(bind: kind), \(bind: period), \(bind: subject), \(bind: item), \(bind: points), \(bind: actor), \(bind: epochMillis(time)))
                ON CONFLICT (subject_kind, period, subject, item) DO UPDATE SET points = excluded.points, actor = excluded.actor,
                  updated_at = excluded.updated_at
                """).run()
            unit.log(try LogEvents.statistics(period: period, step: "manual-points", digest: LogEvents.digest("\(kind)|\(subject)|\(item)|\(points)"),
                                              actor: actor, at: time))
        }
    }

    // MARK: Bulletins

    /// A published bulletin: its frozen content (JSON of what the page shows) and that content's digest.
    public struct Bulletin: Sendable, Equatable {
        public var id: Int64
        public var period: String
        public var content: String
        public var digest: String
        public var publishedBy: String
        public var publishedAt: Date
    }

    public func publish(period: String, content: String, actor: String, at time: Date) async throws -> Bulletin {
        let digest = LogEvents.digest(content)
        return try await database.write { unit in
            guard let row = try await unit.sql().raw("""
                INSERT INTO stat_bulletins (period, detail, digest, published_by, created_at)
                VALUES (\(bind: period), \(bind: content), \(bind: digest), \(bind: actor), \(bind: epochMillis(time))) RETURNING id
                """).first() else { throw DomainError.conflict("通报未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            unit.log(try LogEvents.statistics(period: period, step: "bulletin", digest: digest, actor: actor, at: time,
                                              extra: ["bulletin": String(id)]))
            return Bulletin(id: id, period: period, content: content, digest: digest, publishedBy: actor, publishedAt: time)
        }
    }

    struct BulletinRow: Decodable { let id: Int64; let period: String; let detail: String; let digest: String; let published_by: String; let created_at: Int64 }

    func bulletin(_ row: BulletinRow) -> Bulletin {
        Bulletin(id: row.id, period: row.period, content: row.detail, digest: row.digest, publishedBy: row.published_by,
                 publishedAt: Date(timeIntervalSince1970: Double(row.created_at) / 1000))
    }

    public func bulletin(id: Int64) async throws -> Bulletin? {
        try await database.sql().raw("SELECT id, period, detail, digest, published_by, created_at FROM stat_bulletins WHERE id = \(bind: id)")
            .first(decoding: BulletinRow.self).map(bulletin)
    }

    public func bulletins() async throws -> [Bulletin] {
        try await database.sql().raw("SELECT id, period, detail, digest, published_by, created_at FROM stat_bulletins ORDER BY id DESC")
            .all(decoding: BulletinRow.self).map(bulletin)
    }
}
