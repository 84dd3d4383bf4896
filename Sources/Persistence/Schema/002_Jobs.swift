import Foundation
import FluentKit
import SQLKit

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
