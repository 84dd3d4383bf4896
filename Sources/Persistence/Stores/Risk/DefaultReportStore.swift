import Domain
import FluentKit
import Foundation
import SQLKit

/// Lenders' overdue reports with their notices and outcomes. Each change is a unit of work with its log entry
/// (a loan-status entry: the report, the cure and the recording are the loan's history).
public struct DefaultReportStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let detail: String }

    /// Stores a new report (with its notice); a loan with a pending report gets a conflict.
    public func create(_ report: DefaultReport, actor: String) async throws -> DefaultReport {
        try await database.write { unit in
            let sql = try unit.sql()
            struct N: Decodable { let n: Int }
            let pending = try await sql.raw("""
                SELECT COUNT(*) AS n FROM default_reports WHERE loan_id = \(bind: report.loanID) AND status = 'pending'
                """).first(decoding: N.self)?.n ?? 0
            guard pending == 0 else { throw DomainError.conflict("该贷款已有履行期限内的逾期报告，期限届满前不能重复报送") }
            let now = epochMillis(report.reportedAt)
            let id = try await sql.insertReturningID("""
                INSERT INTO default_reports (loan_id, institution_id, uscc, status, deadline, detail, created_at, updated_at)
                VALUES (\(bind: report.loanID), \(bind: report.institutionID), \(bind: report.feedback.report.uscc),
                  \(bind: report.status.rawValue), \(bind: report.deadline.description), '{}', \(bind: now), \(bind: now))
                RETURNING id
                """, what: "逾期报告编号")
            var stored = report
            stored.id = id
            try await sql.raw("UPDATE default_reports SET detail = \(bind: try DetailCoding.encode(stored)) WHERE id = \(bind: id)").run()
            unit.log(try LogEvents.loanStatus(loanID: report.loanID, lender: report.institutionID, status: "default_noticed",
                                              report: stored, by: actor, at: report.reportedAt))
            return stored
        }
    }

    /// Reports of a firm, of an institution, or all (nil, nil), newest first.
    public func reports(uscc: String? = nil, institutionID: Int64? = nil, paging: Paging) async throws -> ResultPage<DefaultReport> {
        var condition: SQLQueryString = "1 = 1"
        if let uscc { condition = condition + " AND uscc = \(bind: uscc)" }
        if let institutionID { condition = condition + " AND institution_id = \(bind: institutionID)" }
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM default_reports WHERE " + condition).first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT detail FROM default_reports WHERE " + condition
                                     + " ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)").all(decoding: Row.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(DefaultReport.self, $0.detail) }, paging: paging, total: total)
    }

    /// Pending reports whose cure period ended before `day`.
    public func due(before day: Day) async throws -> [DefaultReport] {
        try await database.sql().raw("""
            SELECT detail FROM default_reports WHERE status = 'pending' AND deadline < \(bind: day.description) ORDER BY id
            """).all(decoding: Row.self).map { try DetailCoding.decode(DefaultReport.self, $0.detail) }
    }

    /// Saves a settled report (compare-and-set on pending) with its log entry.
    public func settle(_ report: DefaultReport, actor: String, at time: Date) async throws {
        try await database.write { unit in
            let row = try await unit.sql().raw("""
                UPDATE default_reports SET status = \(bind: report.status.rawValue), detail = \(bind: try DetailCoding.encode(report)),
                  updated_at = \(bind: epochMillis(time))
                WHERE id = \(bind: report.id) AND status = 'pending'
                RETURNING id
                """).first()
            guard row != nil else { throw DomainError.conflict("该逾期报告刚被处理") }
            unit.log(try LogEvents.loanStatus(loanID: report.loanID, lender: report.institutionID,
                                              status: report.status == .cured ? "default_cured" : "default_recorded",
                                              report: report, by: actor, at: time))
        }
    }
}
