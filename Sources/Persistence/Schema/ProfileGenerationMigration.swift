import FluentKit
import SQLKit

/// One counter that every transaction changing what a firm's profile shows (records, flags, objections,
/// evaluations) increments, so that readers can keep built profiles and know, with one tiny query, whether
/// they are still current — in this process and in every other process on the same database.
struct CreateProfileGeneration: AsyncMigration {
    var name: String { "007_profile_generation" }

    func prepare(on database: any Database) async throws {
        try await Schema.apply([
            "CREATE TABLE IF NOT EXISTS profile_generation (id INTEGER PRIMARY KEY, value BIGINT NOT NULL)",
            "INSERT INTO profile_generation (id, value) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM profile_generation)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS profile_generation").run()
    }
}
