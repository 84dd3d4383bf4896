import Foundation
import FluentKit
import SQLKit

/// Departments, users, tokens, batches, records with their history, quarantine and the registry.
struct CreateCoreTables: AsyncMigration {
    var name: String { "001_core_tables" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        let id = kind.identity
        let statements = [
            """
            CREATE TABLE IF NOT EXISTS departments (id \(id), code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
              datasets TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS users (id \(id), username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
              password_hash TEXT NOT NULL, role TEXT NOT NULL, department_id BIGINT REFERENCES departments(id),
              created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS api_tokens (id \(id), token_hash TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
              role TEXT NOT NULL, department_id BIGINT REFERENCES departments(id), created_at BIGINT NOT NULL,
              revoked_at BIGINT)
            """,
            """
            CREATE TABLE IF NOT EXISTS batches (id \(id), dataset TEXT NOT NULL, department_id BIGINT REFERENCES departments(id),
              source TEXT NOT NULL, file_name TEXT NOT NULL, format TEXT NOT NULL, encoding TEXT NOT NULL,
              columns TEXT NOT NULL, submitted BIGINT NOT NULL, inserted BIGINT NOT NULL, updated BIGINT NOT NULL,
              duplicates BIGINT NOT NULL, rejected BIGINT NOT NULL, digest TEXT NOT NULL,
              started_at BIGINT NOT NULL, finished_at BIGINT NOT NULL, submitted_by TEXT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS batches_department ON batches (department_id, id)",
            "CREATE INDEX IF NOT EXISTS batches_dataset ON batches (dataset, id)",
            """
            CREATE TABLE IF NOT EXISTS records (id \(id), dataset TEXT NOT NULL, record_id TEXT NOT NULL, uscc TEXT NOT NULL,
              content TEXT NOT NULL, hash TEXT NOT NULL, event_date TEXT NOT NULL, batch_id BIGINT NOT NULL,
              version INTEGER NOT NULL, collected_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS records_identity ON records (dataset, record_id)",
            "CREATE INDEX IF NOT EXISTS records_uscc ON records (uscc)",
            // Records arrive batch by batch, so on PostgreSQL a block-range index finds a batch's rows at almost
            // no cost per insert, where a B-tree is one more index to maintain per row. SQLite has no such index.
            kind == .postgres ? "CREATE INDEX IF NOT EXISTS records_batch ON records USING brin (batch_id)"
                : "CREATE INDEX IF NOT EXISTS records_batch ON records (batch_id)",
            """
            CREATE TABLE IF NOT EXISTS record_history (id \(id), dataset TEXT NOT NULL, record_id TEXT NOT NULL,
              uscc TEXT NOT NULL, content TEXT NOT NULL, hash TEXT NOT NULL, event_date TEXT NOT NULL,
              batch_id BIGINT NOT NULL, version INTEGER NOT NULL, collected_at BIGINT NOT NULL,
              superseded_at BIGINT NOT NULL, superseded_by_batch BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS record_history_identity ON record_history (dataset, record_id, version)",
            """
            CREATE TABLE IF NOT EXISTS quarantine (id \(id), batch_id BIGINT NOT NULL, row_number BIGINT NOT NULL,
              problems TEXT NOT NULL, raw TEXT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS quarantine_batch ON quarantine (batch_id, row_number)",
            """
            CREATE TABLE IF NOT EXISTS enterprises (uscc TEXT PRIMARY KEY, name TEXT NOT NULL, entity_type TEXT NOT NULL,
              legal_rep TEXT NOT NULL, legal_rep_id TEXT NOT NULL, reg_capital_wan TEXT NOT NULL,
              established_on TEXT NOT NULL, industry TEXT NOT NULL, district TEXT NOT NULL, scale TEXT NOT NULL,
              status TEXT NOT NULL, address TEXT NOT NULL, record_count BIGINT NOT NULL DEFAULT 0,
              updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS enterprises_district ON enterprises (district)",
            "CREATE INDEX IF NOT EXISTS enterprises_industry ON enterprises (industry)",
        ]
        try await Schema.apply(statements, on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for table in ["enterprises", "quarantine", "record_history", "records", "batches", "api_tokens", "users", "departments"] {
            try await sql.raw("DROP TABLE IF EXISTS \(ident: table)").run()
        }
    }
}
