import FluentKit
import SQLKit

/// Each batch keeps the SHA-256 of its file's bytes, so a file sent again is recognised and changes nothing
/// (`resend_of` names the batch it repeats).
struct BatchContentDigest: AsyncMigration {
    var name: String { "009_batch_content_digest" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        try await database.transaction { tx in
            let sql = try tx.sql()
            try await CreateMarketplaceTables.addColumns(on: sql, kind: kind, table: "batches", [
                ("content_digest", "TEXT NOT NULL DEFAULT ''"), ("resend_of", "BIGINT"),
            ])
            try await sql.raw("CREATE INDEX IF NOT EXISTS batches_content ON batches (dataset, content_digest)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX IF EXISTS batches_content").run()
    }
}
