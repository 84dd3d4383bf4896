import FluentKit
import SQLKit

/// One-time codes sent by SMS (registration, contract signing): only a salted digest of the code is kept.
struct CreateOneTimeCodes: AsyncMigration {
    var name: String { "026_one_time_codes" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS one_time_codes (id \(kind.identity), purpose TEXT NOT NULL, subject TEXT NOT NULL,
              phone TEXT NOT NULL, salt TEXT NOT NULL, digest TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
              created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)
            """,
            "CREATE INDEX IF NOT EXISTS one_time_codes_subject ON one_time_codes (purpose, subject, id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS one_time_codes").run()
    }
}
