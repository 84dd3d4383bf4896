import FluentKit
import SQLKit

/// Institutions, enterprise accounts, commitments, authorisations and the access log, products, demands,
/// applications and loans.
struct CreateMarketplaceTables: AsyncMigration {
    var name: String { "004_marketplace" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        let id = kind.identity
        try await database.transaction { tx in
            let sql = try tx.sql()
            try await Self.addColumns(on: sql, kind: kind, table: "users", [
                ("institution_id", "BIGINT"), ("uscc", "TEXT"), ("phone", "TEXT"),
                ("status", "TEXT NOT NULL DEFAULT 'active'"), ("failed_logins", "INTEGER NOT NULL DEFAULT 0"),
                ("locked_until", "BIGINT"),
            ])
            try await Self.addColumns(on: sql, kind: kind, table: "api_tokens", [
                ("institution_id", "BIGINT"), ("uscc", "TEXT"), ("scope", "TEXT NOT NULL DEFAULT 'write'"),
            ])
            let statements = [
                """
                CREATE TABLE IF NOT EXISTS institutions (id \(id), code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                  kind TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS users_role ON users (role, status)",
                """
                CREATE TABLE IF NOT EXISTS commitment_templates (version INTEGER PRIMARY KEY, title TEXT NOT NULL,
                  body TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE IF NOT EXISTS commitments (id \(id), uscc TEXT NOT NULL, template_version INTEGER NOT NULL,
                  signer TEXT NOT NULL, firm_name TEXT NOT NULL, legal_rep TEXT NOT NULL, content_hash TEXT NOT NULL,
                  signed_at BIGINT NOT NULL, invalidated_at BIGINT, invalid_reason TEXT)
                """,
                "CREATE INDEX IF NOT EXISTS commitments_uscc ON commitments (uscc, id)",
                """
                CREATE TABLE IF NOT EXISTS authorisations (id \(id), uscc TEXT NOT NULL, detail TEXT NOT NULL,
                  valid_until TEXT NOT NULL, revoked_at BIGINT, created_by TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS authorisations_uscc ON authorisations (uscc, id)",
                """
                CREATE TABLE IF NOT EXISTS access_log (id \(id), at BIGINT NOT NULL, uscc TEXT NOT NULL,
                  institution_id BIGINT, actor TEXT NOT NULL, categories TEXT NOT NULL, authorisation_id BIGINT,
                  purpose TEXT NOT NULL, action TEXT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS access_log_uscc ON access_log (uscc, id)",
                """
                CREATE TABLE IF NOT EXISTS products (id \(id), institution_id BIGINT NOT NULL, name TEXT NOT NULL,
                  type TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL, review_note TEXT,
                  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS products_status ON products (status, id)",
                "CREATE INDEX IF NOT EXISTS products_institution ON products (institution_id, id)",
                """
                CREATE TABLE IF NOT EXISTS demands (id \(id), uscc TEXT NOT NULL, detail TEXT NOT NULL,
                  status TEXT NOT NULL, taken_by BIGINT, taken_at BIGINT, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS demands_status ON demands (status, id)",
                "CREATE INDEX IF NOT EXISTS demands_uscc ON demands (uscc, id)",
                """
                CREATE TABLE IF NOT EXISTS applications (id \(id), uscc TEXT NOT NULL, product_id BIGINT NOT NULL,
                  institution_id BIGINT NOT NULL, authorisation_id BIGINT, status TEXT NOT NULL, detail TEXT NOT NULL,
                  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS applications_institution ON applications (institution_id, status, id)",
                "CREATE INDEX IF NOT EXISTS applications_uscc ON applications (uscc, id)",
                """
                CREATE TABLE IF NOT EXISTS application_events (id \(id), application_id BIGINT NOT NULL,
                  at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, from_status TEXT NOT NULL,
                  to_status TEXT NOT NULL, note TEXT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS application_events_app ON application_events (application_id, id)",
                """
                CREATE TABLE IF NOT EXISTS loans (id \(id), application_id BIGINT NOT NULL UNIQUE,
                  institution_id BIGINT NOT NULL, uscc TEXT NOT NULL, detail TEXT NOT NULL,
                  classification TEXT NOT NULL, overdue_days INTEGER NOT NULL, outstanding BIGINT NOT NULL,
                  settled INTEGER NOT NULL, updated_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS loans_institution ON loans (institution_id, id)",
                "CREATE INDEX IF NOT EXISTS loans_uscc ON loans (uscc, id)",
                """
                CREATE TABLE IF NOT EXISTS repayments (id \(id), loan_id BIGINT NOT NULL, paid_on TEXT NOT NULL,
                  amount BIGINT NOT NULL, reported_by TEXT NOT NULL, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX IF NOT EXISTS repayments_loan ON repayments (loan_id, id)",
            ]
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    /// `ALTER TABLE … ADD COLUMN` for the columns not there yet (SQLite has no `ADD COLUMN IF NOT EXISTS`).
    static func addColumns(on sql: any SQLDatabase, kind: DatabaseKind, table: String,
                           _ columns: [(name: String, definition: String)]) async throws {
        struct Column: Decodable { let name: String }
        let existing: [Column] = switch kind {
        case .sqlite: try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Column.self)
        case .postgres:
            try await sql.raw("""
                SELECT column_name AS name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(bind: table)
                """).all(decoding: Column.self)
        }
        let names = Set(existing.map(\.name))
        for column in columns where !names.contains(column.name) {
            try await sql.raw(SQLQueryString("ALTER TABLE \(table) ADD COLUMN \(column.name) \(column.definition)")).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for table in ["repayments", "loans", "application_events", "applications", "demands", "products", "access_log",
                      "authorisations", "commitments", "commitment_templates", "institutions"] {
            try await sql.raw("DROP TABLE IF EXISTS \(ident: table)").run()
        }
    }
}
