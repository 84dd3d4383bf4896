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

    /// Totals for the dashboard.
    public func totals() async throws -> (batches: Int, rejected: Int) {
        let row = try await database.sql().raw("SELECT COUNT(*) AS n, CAST(COALESCE(SUM(rejected), 0) AS BIGINT) AS r FROM batches").first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0, try row?.decode(column: "r", as: Int.self) ?? 0)
    }
}
