import Domain
import FluentKit
import Foundation
import PostgresNIO
import SQLiteNIO
import SQLKit

/// Stored records: a firm's records for its profile, a record's history, figures for the dashboard.
public struct RecordStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable {
        let dataset: String, record_id: String, uscc: String, content: String, event_date: String
        let collected_at: Int64, version: Int, batch_id: Int64, department: String?
        var under_objection: Int? = nil
    }

    static let select: SQLQueryString = """
        SELECT r.dataset, r.record_id, r.uscc, r.content, r.event_date, r.collected_at, r.version, r.batch_id,
          d.name AS department
        FROM records r LEFT JOIN batches b ON b.id = r.batch_id LEFT JOIN departments d ON d.id = b.department_id
        """

    /// The one place a withdrawn (objection confirmed) or repaired record disappears: every query of current
    /// records for profiles, evaluations and reports carries this condition.
    static let shown = SQLQueryString(" " + shownCondition(table: "r"))

    /// The same condition as text, for the native read paths (`NativeRecordReads`) of the records table `table`.
    static func shownCondition(table: String) -> String {
        "NOT EXISTS (SELECT 1 FROM record_flags f WHERE f.dataset = \(table).dataset AND f.record_id = \(table).record_id)"
    }

    /// Every current record of a firm, with the department that sent it and whether it is under objection.
    public func records(uscc: String) async throws -> [StoredRecord] {
        let query: SQLQueryString = """
            SELECT r.dataset, r.record_id, r.uscc, r.content, r.event_date, r.collected_at, r.version, r.batch_id,
              d.name AS department,
              CASE WHEN EXISTS (SELECT 1 FROM objections o WHERE o.dataset = r.dataset AND o.record_id = r.record_id
                AND o.status IN ('pending', 'escalated')) THEN 1 ELSE 0 END AS under_objection
            FROM records r LEFT JOIN batches b ON b.id = r.batch_id LEFT JOIN departments d ON d.id = b.department_id
            WHERE
            """
        return try await database.sql().raw(query + Self.shown + " AND r.uscc = \(bind: uscc)").all(decoding: Row.self).map(Self.record)
    }

    /// One current, shown record of a firm.
    public func record(uscc: String, dataset: String, recordID: String) async throws -> StoredRecord? {
        try await records(uscc: uscc).first { $0.dataset == dataset && $0.recordID == recordID }
    }

    /// The department that sent the current version of a record (its batch's sender).
    public func sourceDepartmentID(dataset: String, recordID: String) async throws -> Int64? {
        struct D: Decodable { let department_id: Int64? }
        return try await database.sql().raw("""
            SELECT b.department_id FROM records r JOIN batches b ON b.id = r.batch_id
            WHERE r.dataset = \(bind: dataset) AND r.record_id = \(bind: recordID)
            """).first(decoding: D.self)?.department_id
    }

    /// The current records of several firms in one query, by firm; only those of `datasets` when given.
    /// Read through the drivers directly (`NativeRecordReads`): a city is millions of rows, and decoding them
    /// through `Decodable` costs several times the database's own work.
    /// `path` picks one read path (see `RecordReadPath`); nil takes the fastest for the database.
    public func records(usccs: [String], datasets: [String]? = nil, path: RecordReadPath? = nil) async throws -> [String: [StoredRecord]] {
        guard !usccs.isEmpty, datasets?.isEmpty != true else { return [:] }
        let kind = DatabaseKind(try database.sql())
        let path = path ?? RecordReadPath.available(on: kind)[0]
        guard RecordReadPath.available(on: kind).contains(path) else { throw PersistenceError.unsupportedPath(path.rawValue) }
        switch path {
        case .sqlitePacked:
            guard let sqlite = database as? any SQLiteDatabase else { throw PersistenceError.unsupportedPath(path.rawValue) }
            return try await NativeRecordReads.sqlite(sqlite, usccs: usccs, datasets: datasets, departments: departments)
        case .postgresRows:
            guard let postgres = database as? any PostgresDatabase else { throw PersistenceError.unsupportedPath(path.rawValue) }
            return try await NativeRecordReads.postgres(postgres, usccs: usccs, datasets: datasets)
        case .sqlRows:
            break
        }
        var query = Self.select + " WHERE" + Self.shown + " AND r.uscc IN (\(binds: usccs))"
        if let datasets { query = query + " AND r.dataset IN (\(binds: datasets))" }
        let rows = try await database.sql().raw(query).all(decoding: Row.self)
        return Dictionary(grouping: rows.map(Self.record), by: \.uscc)
    }

    /// The department that sent each batch (batches without one left out).
    func departments(of batchIDs: [Int64]) async throws -> [Int64: String] {
        guard !batchIDs.isEmpty else { return [:] }
        struct D: Decodable { let id: Int64; let name: String }
        return try await Dictionary(database.sql().raw("""
            SELECT b.id, d.name FROM batches b JOIN departments d ON d.id = b.department_id
            WHERE b.id IN (\(binds: batchIDs))
            """).all(decoding: D.self).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    static func record(_ row: Row) -> StoredRecord {
        StoredRecord(dataset: row.dataset, recordID: row.record_id, uscc: row.uscc, content: CanonicalContent.decode(row.content),
                     eventDate: row.event_date, collectedAt: Date(timeIntervalSince1970: Double(row.collected_at) / 1000),
                     version: row.version, batchID: row.batch_id, sourceDepartment: row.department,
                     underObjection: (row.under_objection ?? 0) != 0)
    }

    public struct Version: Sendable, Equatable, Codable {
        public var version: Int
        public var content: [String: String]
        public var batchID: Int64
        public var collectedAt: Date
    }

    /// All versions of one of a firm's records, oldest first (the current one last).
    public func history(dataset: String, recordID: String, uscc: String) async throws -> [Version] {
        struct H: Decodable { let version: Int; let content: String; let batch_id: Int64; let collected_at: Int64 }
        let sql = try database.sql()
        let old = try await sql.raw("""
            SELECT version, content, batch_id, collected_at FROM record_history
            WHERE dataset = \(bind: dataset) AND record_id = \(bind: recordID) AND uscc = \(bind: uscc) ORDER BY version
            """).all(decoding: H.self)
        let current = try await sql.raw("""
            SELECT version, content, batch_id, collected_at FROM records
            WHERE dataset = \(bind: dataset) AND record_id = \(bind: recordID) AND uscc = \(bind: uscc)
            """).all(decoding: H.self)
        return (old + current).map {
            Version(version: $0.version,
                    content: CanonicalContent.decode($0.content),
                    batchID: $0.batch_id, collectedAt: Date(timeIntervalSince1970: Double($0.collected_at) / 1000))
        }
    }

    /// Record counts per dataset.
    public func countsByDataset() async throws -> [String: Int] {
        struct C: Decodable { let dataset: String; let n: Int }
        let rows = try await database.sql().raw("SELECT dataset, COUNT(*) AS n FROM records GROUP BY dataset")
            .all(decoding: C.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.dataset, $0.n) })
    }

    /// Records whose firm has no registration yet (they are linked as soon as it arrives).
    public func unlinkedCount() async throws -> Int {
        try await database.sql().raw("""
            SELECT COUNT(*) AS n FROM records r WHERE NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = r.uscc)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The most rows one export holds.
    public static let exportLimit = 100_000

    /// A record filed under a USCC the registry does not know yet (待关联记录).
    public struct Unlinked: Sendable, Equatable {
        public var dataset: String
        public var recordID: String
        public var uscc: String
        public var batchID: Int64
        public var collectedAt: Date
    }

    /// The unlinked records, newest first (a page, or for the export when `paging` is nil the first `exportLimit`).
    public func unlinked(paging: Paging?) async throws -> ResultPage<Unlinked> {
        struct Row: Decodable { let dataset: String; let record_id: String; let uscc: String; let batch_id: Int64; let collected_at: Int64 }
        let page: SQLQueryString = paging.map { " LIMIT \(bind: $0.perPage) OFFSET \(bind: $0.offset)" } ?? " LIMIT \(bind: Self.exportLimit)"
        let rows = try await database.sql().raw("SELECT dataset, record_id, uscc, batch_id, collected_at FROM records r "
            + "WHERE NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = r.uscc) ORDER BY collected_at DESC, id DESC" + page)
            .all(decoding: Row.self)
        let items = rows.map { Unlinked(dataset: $0.dataset, recordID: $0.record_id, uscc: $0.uscc, batchID: $0.batch_id,
                                        collectedAt: Date(timeIntervalSince1970: Double($0.collected_at) / 1000)) }
        return ResultPage(items: items, paging: paging ?? Paging(page: 1, perPage: max(1, items.count)), total: try await unlinkedCount())
    }

    /// Firms whose records a batch touched.
    public func firms(touchedBy batchID: Int64) async throws -> [String] {
        struct Row: Decodable { let uscc: String }
        return try await database.sql().raw("SELECT DISTINCT uscc FROM records WHERE batch_id = \(bind: batchID) ORDER BY uscc")
            .all(decoding: Row.self).map(\.uscc)
    }

    /// Every firm with records, in code order.
    public func allFirms() async throws -> [String] {
        struct Row: Decodable { let uscc: String }
        return try await database.sql().raw("SELECT DISTINCT uscc FROM records ORDER BY uscc").all(decoding: Row.self).map(\.uscc)
    }
}
