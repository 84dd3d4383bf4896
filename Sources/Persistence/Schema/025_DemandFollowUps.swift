import FluentKit
import SQLKit

/// The follow-up of taken demands: who took it (the officer the firm calls), contact, visit and the outcome.
struct CreateDemandFollowUps: AsyncMigration {
    var name: String { "025_demand_follow_ups" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS demand_follow_ups (id \(kind.identity), demand_id BIGINT NOT NULL, institution_id BIGINT NOT NULL,
              step TEXT NOT NULL, note TEXT NOT NULL, officer TEXT NOT NULL, officer_phone TEXT, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS demand_follow_ups_demand ON demand_follow_ups (demand_id, id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS demand_follow_ups").run()
    }
}
