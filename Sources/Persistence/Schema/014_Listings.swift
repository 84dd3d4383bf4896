import FluentKit
import SQLKit

/// The lists whose procedure runs on the platform (涉金融严重失信人名单, 严重失信债务人): each entry with its notice,
/// objections, listing, publication and removal, the domain value as JSON beside the columns queries use.
struct CreateListings: AsyncMigration {
    var name: String { "014_listings" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS listings (id \(id), uscc TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
              detail TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS listings_uscc ON listings (uscc, id)",
            "CREATE INDEX IF NOT EXISTS listings_status ON listings (status, id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS listings").run()
    }
}
