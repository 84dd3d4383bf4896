import FluentKit
import SQLKit

/// The recommendation lists (申报清单 → 推荐清单) and the pushes of listed firms to institutions, each with the
/// domain value as JSON in `detail` beside the columns queries filter on. A firm has at most one live entry
/// (a partial unique index, so two simultaneous declarations cannot both stand), and an entry is pushed to an
/// institution once. The registry gets an index on the legal representative's id, for the screening's check of
/// the other firms a legal representative represents.
struct CreateRecommendationTables: AsyncMigration {
    var name: String { "010_recommendations" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS recommendation_entries (id \(id), uscc TEXT NOT NULL, status TEXT NOT NULL,
              source TEXT NOT NULL, referrer TEXT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS recommendation_entries_referrer ON recommendation_entries (source, referrer, id)",
            "CREATE INDEX IF NOT EXISTS recommendation_entries_status ON recommendation_entries (status, id)",
            "CREATE INDEX IF NOT EXISTS recommendation_entries_uscc ON recommendation_entries (uscc, id)",
            """
            CREATE UNIQUE INDEX IF NOT EXISTS recommendation_entries_live ON recommendation_entries (uscc)
              WHERE status IN ('declared', 'screened', 'publicity', 'listed', 'pushed')
            """,
            """
            CREATE TABLE IF NOT EXISTS recommendation_pushes (id \(id), entry_id BIGINT NOT NULL, uscc TEXT NOT NULL,
              institution_id BIGINT NOT NULL, status TEXT NOT NULL, due_on TEXT NOT NULL, escalates_on TEXT NOT NULL,
              detail TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS recommendation_pushes_pair ON recommendation_pushes (entry_id, institution_id)",
            "CREATE INDEX IF NOT EXISTS recommendation_pushes_institution ON recommendation_pushes (institution_id, id)",
            "CREATE INDEX IF NOT EXISTS recommendation_pushes_clock ON recommendation_pushes (status, due_on)",
            "CREATE INDEX IF NOT EXISTS recommendation_pushes_uscc ON recommendation_pushes (uscc)",
            "CREATE INDEX IF NOT EXISTS enterprises_legal_rep ON enterprises (legal_rep_id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP INDEX IF EXISTS enterprises_legal_rep").run()
        for table in ["recommendation_pushes", "recommendation_entries"] { try await sql.raw("DROP TABLE IF EXISTS \(ident: table)").run() }
    }
}
