import Domain
import FluentKit
import Foundation
import SQLKit

/// Batches and their quarantines.
public struct BatchStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable {
        let id: Int64, dataset: String, department_id: Int64?, department: String?, source: String, file_name: String
        let format: String, encoding: String, columns: String, submitted: Int, inserted: Int, updated: Int
        let duplicates: Int, rejected: Int, digest: String, started_at: Int64, finished_at: Int64, submitted_by: String
        let content_digest: String, resend_of: Int64?

        var summary: BatchSummary {
            BatchSummary(id: id, dataset: dataset, departmentID: department_id, departmentName: department,
                         source: source, fileName: file_name, format: format, encoding: encoding,
                         columns: (try? JSONDecoder().decode([String].self, from: Data(columns.utf8))) ?? [],
                         submitted: submitted, inserted: inserted, updated: updated, duplicates: duplicates,
                         rejected: rejected, digest: digest,
                         startedAt: Date(timeIntervalSince1970: Double(started_at) / 1000),
                         finishedAt: Date(timeIntervalSince1970: Double(finished_at) / 1000), submittedBy: submitted_by,
                         contentDigest: content_digest, resendOf: resend_of)
        }
    }

    static let select: SQLQueryString = """
        SELECT b.id, b.dataset, b.department_id, d.name AS department, b.source, b.file_name, b.format, b.encoding,
          b.columns, b.submitted, b.inserted, b.updated, b.duplicates, b.rejected, b.digest, b.started_at,
          b.finished_at, b.submitted_by, b.content_digest, b.resend_of
        FROM batches b LEFT JOIN departments d ON d.id = b.department_id
        """

    /// Batches, newest first; a department sees only its own.
    public func list(departmentID: Int64?, dataset: String?, paging: Paging = Paging()) async throws -> ResultPage<BatchSummary> {
        let sql = try database.sql()
        var filter: SQLQueryString = "WHERE 1 = 1"
        if let departmentID { filter = filter + " AND b.department_id = \(bind: departmentID)" }
        if let dataset { filter = filter + " AND b.dataset = \(bind: dataset)" }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM batches b " + filter).first()?
            .decode(column: "n", as: Int.self) ?? 0
        let items = try await sql.raw(Self.select + " " + filter
            + " ORDER BY b.id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)")
            .all(decoding: Row.self).map(\.summary)
        return ResultPage(items: items, paging: paging, total: total)
    }

    public func batch(_ id: Int64) async throws -> BatchSummary? {
        try await database.sql().raw(Self.select + " WHERE b.id = \(bind: id)").first(decoding: Row.self)?.summary
    }

    struct QRow: Decodable { let row_number: Int; let problems: String; let raw: String }

    /// A page of a batch's rejected rows, in file order.
    public func quarantine(batchID: Int64, paging: Paging = Paging(perPage: 50)) async throws -> ResultPage<QuarantinedRow> {
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM quarantine WHERE batch_id = \(bind: batchID)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("""
            SELECT row_number, problems, raw FROM quarantine WHERE batch_id = \(bind: batchID)
            ORDER BY row_number LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)
            """).all(decoding: QRow.self)
        return ResultPage(items: rows.map(Self.decode), paging: paging, total: total)
    }

    /// Every rejected row of a batch, for the CSV export.
    public func allQuarantine(batchID: Int64) async throws -> [QuarantinedRow] {
        try await database.sql().raw("""
            SELECT row_number, problems, raw FROM quarantine WHERE batch_id = \(bind: batchID) ORDER BY row_number
            """).all(decoding: QRow.self).map(Self.decode)
    }

    static func decode(_ row: QRow) -> QuarantinedRow {
        QuarantinedRow(rowNumber: row.row_number,
                       problems: (try? JSONDecoder().decode([FieldProblem].self, from: Data(row.problems.utf8))) ?? [],
                       raw: (try? JSONDecoder().decode([[String]].self, from: Data(row.raw.utf8))) ?? [])
    }

    /// A rejected row still waiting for its department's correction.
    public struct OutstandingRow: Sendable, Equatable {
        public var batchID: Int64
        public var rowNumber: Int
        public var dataset: String
        public var recordID: String
        public var departmentID: Int64?
        public var reason: String
        public var problems: [FieldProblem]
    }

    /// How many rows are outstanding for one department (nil: the credit center's own uploads) and reason.
    public struct OutstandingCount: Sendable, Equatable {
        public var departmentID: Int64?
        public var dataset: String
        public var reason: String
        public var count: Int
    }

    /// Which outstanding rows: a department's own, or (for the credit center) any department, dataset and reason.
    public struct OutstandingFilter: Sendable, Equatable {
        public var departmentID: Int64?
        public var dataset: String?
        public var reason: String?
        public init(departmentID: Int64? = nil, dataset: String? = nil, reason: String? = nil) {
            self.departmentID = departmentID; self.dataset = dataset; self.reason = reason
        }
    }

    struct ORow: Decodable {
        let batch_id: Int64; let row_number: Int; let dataset: String; let record_id: String; let department_id: Int64?
        let reason: String; let problems: String
    }

    func outstandingWhere(_ filter: OutstandingFilter) -> SQLQueryString {
        var query: SQLQueryString = "WHERE resolved_batch IS NULL"
        if let department = filter.departmentID { query = query + " AND department_id = \(bind: department)" }
        if let dataset = filter.dataset { query = query + " AND dataset = \(bind: dataset)" }
        if let reason = filter.reason { query = query + " AND reason = \(bind: reason)" }
        return query
    }

    /// Outstanding rejected rows, newest batch first (a page, or for the export when `paging` is nil the first `exportLimit`).
    public func outstanding(_ filter: OutstandingFilter, paging: Paging?) async throws -> ResultPage<OutstandingRow> {
        let sql = try database.sql()
        let condition = outstandingWhere(filter)
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM quarantine " + condition).first()?.decode(column: "n", as: Int.self) ?? 0
        let page: SQLQueryString = paging.map { " LIMIT \(bind: $0.perPage) OFFSET \(bind: $0.offset)" } ?? " LIMIT \(bind: Self.exportLimit)"
        let rows = try await sql.raw("SELECT batch_id, row_number, dataset, record_id, department_id, reason, problems FROM quarantine "
            + condition + " ORDER BY batch_id DESC, row_number" + page).all(decoding: ORow.self)
        let items = rows.map { row in
            OutstandingRow(batchID: row.batch_id, rowNumber: row.row_number, dataset: row.dataset, recordID: row.record_id,
                           departmentID: row.department_id, reason: row.reason,
                           problems: (try? JSONDecoder().decode([FieldProblem].self, from: Data(row.problems.utf8))) ?? [])
        }
        return ResultPage(items: items, paging: paging ?? Paging(page: 1, perPage: max(1, items.count)), total: total)
    }

    /// Outstanding rows counted by department and reason, largest first.
    public func outstandingCounts(departmentID: Int64? = nil) async throws -> [OutstandingCount] {
        struct Row: Decodable { let department_id: Int64?; let dataset: String; let reason: String; let n: Int }
        return try await database.sql().raw("SELECT department_id, dataset, reason, COUNT(*) AS n FROM quarantine "
            + outstandingWhere(OutstandingFilter(departmentID: departmentID))
            + " GROUP BY department_id, dataset, reason ORDER BY n DESC, dataset, reason")
            .all(decoding: Row.self).map { OutstandingCount(departmentID: $0.department_id, dataset: $0.dataset, reason: $0.reason, count: $0.n) }
    }

    /// The most rows one export holds.
    public static let exportLimit = 100_000

    /// Totals for the dashboard.
    /// (The rejected figure counts only rows still outstanding: a row corrected by a later batch no longer counts.)
    public func totals() async throws -> (batches: Int, rejected: Int) {
        let sql = try database.sql()
        let batches = try await sql.raw("SELECT COUNT(*) AS n FROM batches").first()?.decode(column: "n", as: Int.self) ?? 0
        let open = try await sql.raw("SELECT COUNT(*) AS n FROM quarantine WHERE resolved_batch IS NULL").first()?
            .decode(column: "n", as: Int.self) ?? 0
        return (batches, open)
    }
}
