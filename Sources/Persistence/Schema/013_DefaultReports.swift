import FluentKit
import SQLKit

/// Lenders' overdue reports on platform loans, each with its written notice and cure period; at most one pending
/// report per loan (a partial unique index).
struct CreateDefaultReports: AsyncMigration {
    var name: String { "013_default_reports" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS default_reports (id \(id), loan_id BIGINT NOT NULL, institution_id BIGINT NOT NULL,
              uscc TEXT NOT NULL, status TEXT NOT NULL, deadline TEXT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS default_reports_pending ON default_reports (loan_id) WHERE status = 'pending'",
            "CREATE INDEX IF NOT EXISTS default_reports_due ON default_reports (status, deadline)",
            "CREATE INDEX IF NOT EXISTS default_reports_uscc ON default_reports (uscc, id)",
            "CREATE INDEX IF NOT EXISTS default_reports_institution ON default_reports (institution_id, id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS default_reports").run()
    }
}
