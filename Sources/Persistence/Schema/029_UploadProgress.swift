import FluentKit
import SQLKit

/// How far each web upload has got, where every `xyd serve` process can read it: the process that receives an upload
/// writes here, and the page's poll may reach any process (PostgreSQL; SQLite is one process and keeps it in memory).
struct CreateUploadProgress: AsyncMigration {
    var name: String { "029_upload_progress" }

    func prepare(on database: any Database) async throws {
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS upload_progress (progress_key TEXT PRIMARY KEY, owner TEXT NOT NULL, phase TEXT NOT NULL,
              rows_read BIGINT NOT NULL, rows_written BIGINT NOT NULL, bytes_read BIGINT NOT NULL, done BOOLEAN NOT NULL, updated_at BIGINT NOT NULL)
            """,
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS upload_progress").run()
    }
}
