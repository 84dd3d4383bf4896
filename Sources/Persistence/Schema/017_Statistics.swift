import FluentKit
import SQLKit

/// The statistics: the monthly cells kept up to date (`stat_cells`), each counted entity's events as last counted
/// (`stat_entities`), the refresh watermark (`stat_state`), month closes and re-openings with their snapshots
/// (`stat_closes`), the institutions' statistical reports (`stat_reports`), the bulletins (`stat_bulletins`), the points the
/// evaluation's manual items were given (`stat_manual_points`) and
/// the firms' district moves seen in the registry (`firm_districts`).
struct CreateStatisticsTables: AsyncMigration {
    var name: String { "017_statistics" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS stat_cells (month TEXT NOT NULL, dims TEXT NOT NULL, measures TEXT NOT NULL,
              version BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (month, dims))
            """,
            "CREATE INDEX IF NOT EXISTS stat_cells_version ON stat_cells (version)",
            "CREATE TABLE IF NOT EXISTS stat_entities (entity TEXT PRIMARY KEY, events TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS stat_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS stat_closes (id \(id), month TEXT NOT NULL, action TEXT NOT NULL, digest TEXT NOT NULL,
              snapshot TEXT NOT NULL, actor TEXT NOT NULL, day TEXT NOT NULL, reason TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS stat_closes_month ON stat_closes (month, id)",
            """
            CREATE TABLE IF NOT EXISTS stat_reports (id \(id), institution_id BIGINT NOT NULL, month TEXT NOT NULL,
              status TEXT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS stat_reports_month ON stat_reports (institution_id, month)",
            """
            CREATE TABLE IF NOT EXISTS stat_bulletins (id \(id), period TEXT NOT NULL, detail TEXT NOT NULL, digest TEXT NOT NULL,
              published_by TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS stat_manual_points (subject_kind TEXT NOT NULL, period TEXT NOT NULL, subject TEXT NOT NULL,
              item TEXT NOT NULL, points INTEGER NOT NULL, actor TEXT NOT NULL, updated_at BIGINT NOT NULL,
              PRIMARY KEY (subject_kind, period, subject, item))
            """,
            """
            CREATE TABLE IF NOT EXISTS firm_districts (uscc TEXT NOT NULL, from_day TEXT NOT NULL, district TEXT NOT NULL,
              PRIMARY KEY (uscc, from_day))
            """,
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for table in ["firm_districts", "stat_manual_points", "stat_bulletins", "stat_reports", "stat_closes", "stat_state", "stat_entities", "stat_cells"] {
            try await database.sql().raw("DROP TABLE IF EXISTS \(unsafeRaw: table)").run()
        }
    }
}
