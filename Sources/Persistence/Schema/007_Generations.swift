import FluentKit
import SQLKit

/// Counters that the transactions changing a kind of data increment (`Generations`), so that readers can
/// keep what they built from that data and know, with one tiny query, whether it is still current — in
/// this process and in every other process on the same database.
struct CreateGenerations: AsyncMigration {
    var name: String { "007_generations" }

    func prepare(on database: any Database) async throws {
        try await Schema.apply([
            "CREATE TABLE IF NOT EXISTS generations (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
        ] + Generation.allCases.map { generation in
            "INSERT INTO generations (name, value) SELECT '\(generation.rawValue)', 0 WHERE NOT EXISTS (SELECT 1 FROM generations WHERE name = '\(generation.rawValue)')"
        }, on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS generations").run()
    }
}
