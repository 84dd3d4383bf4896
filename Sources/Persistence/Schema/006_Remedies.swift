import FluentKit
import SQLKit

/// Objections and credit repair applications, and the flags that take a record out of display, sharing and
/// counting (an objection confirmed, a repair approved): every record query excludes flagged records.
struct CreateRemediesTables: AsyncMigration {
    var name: String { "006_remedies" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS objections (id \(id), uscc TEXT NOT NULL, dataset TEXT NOT NULL,
              record_id TEXT NOT NULL, department_id BIGINT, status TEXT NOT NULL, deadline TEXT NOT NULL,
              detail TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS objections_uscc ON objections (uscc, id)",
            "CREATE INDEX IF NOT EXISTS objections_record ON objections (dataset, record_id, status)",
            "CREATE INDEX IF NOT EXISTS objections_status ON objections (status, deadline)",
            "CREATE INDEX IF NOT EXISTS objections_department ON objections (department_id, status, id)",
            """
            CREATE TABLE IF NOT EXISTS repairs (id \(id), uscc TEXT NOT NULL, dataset TEXT NOT NULL,
              record_id TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS repairs_uscc ON repairs (uscc, id)",
            "CREATE INDEX IF NOT EXISTS repairs_status ON repairs (status, id)",
            "CREATE INDEX IF NOT EXISTS repairs_record ON repairs (dataset, record_id, status)",
            """
            CREATE TABLE IF NOT EXISTS record_flags (dataset TEXT NOT NULL, record_id TEXT NOT NULL, flag TEXT NOT NULL,
              reference TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (dataset, record_id))
            """,
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for table in ["record_flags", "repairs", "objections"] { try await sql.raw("DROP TABLE IF EXISTS \(ident: table)").run() }
    }
}
