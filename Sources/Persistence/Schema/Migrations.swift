import Foundation
import FluentKit
import SQLKit

/// Every migration of the platform, in order. Each runs on SQLite and on PostgreSQL.
public enum Schema {
    public static let migrations: [any AsyncMigration] = [
        CreateCoreTables(), CreateJobTable(), CreateEvaluationTables(), CreateMarketplaceTables(),
        CreateTransparencyLogTables(), CreateRemediesTables(), CreateGenerations(),
    ]

    /// Runs a migration's statements in one transaction, each harmless when repeated (`IF NOT EXISTS`):
    /// Fluent records a migration only after it ran, so a process killed in between must be able to rerun it.
    static func apply(_ statements: [String], on database: any Database) async throws {
        try await database.transaction { tx in
            let sql = try tx.sql()
            for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }
}

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

/// The job table that background workers share (claimed with FOR UPDATE SKIP LOCKED on PostgreSQL).
struct CreateJobTable: AsyncMigration {
    var name: String { "002_jobs" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS jobs (id \(id), kind TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL,
              run_at BIGINT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL,
              locked_by TEXT, locked_until BIGINT, last_error TEXT, unique_key TEXT UNIQUE,
              created_at BIGINT NOT NULL, finished_at BIGINT)
            """,
            "CREATE INDEX IF NOT EXISTS jobs_ready ON jobs (status, run_at)",
            """
            CREATE TABLE IF NOT EXISTS job_runs (id \(id), job_id BIGINT NOT NULL, worker TEXT NOT NULL,
              started_at BIGINT NOT NULL, outcome TEXT NOT NULL)
            """,
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP TABLE IF EXISTS job_runs").run()
        try await sql.raw("DROP TABLE IF EXISTS jobs").run()
    }
}

/// Each firm's current public credit evaluation, and every change of its score.
struct CreateEvaluationTables: AsyncMigration {
    var name: String { "003_evaluations" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS evaluations (uscc TEXT PRIMARY KEY, score INTEGER NOT NULL, grade TEXT NOT NULL,
              model_version INTEGER NOT NULL, as_of TEXT NOT NULL, detail TEXT NOT NULL, evaluated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS evaluations_grade ON evaluations (grade)",
            """
            CREATE TABLE IF NOT EXISTS evaluation_history (id \(id), uscc TEXT NOT NULL, score INTEGER NOT NULL,
              grade TEXT NOT NULL, model_version INTEGER NOT NULL, as_of TEXT NOT NULL, evaluated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS evaluation_history_uscc ON evaluation_history (uscc, id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP TABLE IF EXISTS evaluation_history").run()
        try await sql.raw("DROP TABLE IF EXISTS evaluations").run()
    }
}
