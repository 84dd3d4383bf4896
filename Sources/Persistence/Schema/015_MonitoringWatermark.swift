import FluentKit
import SQLKit

/// The daily monitoring scan reads the data hub again only for firms whose inputs may have changed: each stored
/// snapshot keeps the key of its inputs that are not data-hub records (the platform's loans to the firm, its
/// platform listings), and each daily scan is recorded, so the next one knows since when to look for new batches.
/// A scan keeps two starts: the platform clock's (record flags are stamped with it) and the wall clock's (batches
/// are stamped with it).
struct MonitoringWatermark: AsyncMigration {
    var name: String { "015_monitoring_watermark" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        try await database.transaction { tx in
            let sql = try tx.sql()
            try await CreateMarketplaceTables.addColumns(on: sql, kind: kind, table: "monitoring_snapshots", [
                ("inputs", "TEXT NOT NULL DEFAULT ''"),
            ])
            try await sql.raw(SQLQueryString("""
                CREATE TABLE IF NOT EXISTS monitoring_scans (id \(kind.identity), kind TEXT NOT NULL, day TEXT NOT NULL,
                  started_at BIGINT NOT NULL, wall_started_at BIGINT NOT NULL, finished_at BIGINT NOT NULL,
                  summary TEXT NOT NULL)
                """)).run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS monitoring_scans_kind ON monitoring_scans (kind, id)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP TABLE IF EXISTS monitoring_scans").run()
    }
}
