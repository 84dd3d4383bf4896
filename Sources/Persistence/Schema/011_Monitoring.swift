import FluentKit
import SQLKit

/// Post-loan monitoring (贷后风险监测预警): the latest snapshot of each monitored firm (the baseline the next
/// scan diffs against), the signals found, the alerts to institutions with their answers, and each
/// institution's webhook. An alert is one open episode of a (firm, institution) pair: a partial unique index
/// keeps two scans from opening two at once.
struct CreateMonitoringTables: AsyncMigration {
    var name: String { "011_monitoring" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS monitoring_snapshots (uscc TEXT PRIMARY KEY, day TEXT NOT NULL, snapshot TEXT NOT NULL,
              updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS monitoring_signals (id \(id), uscc TEXT NOT NULL, day TEXT NOT NULL, code TEXT NOT NULL,
              text TEXT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS monitoring_signals_uscc ON monitoring_signals (uscc, day)",
            "CREATE INDEX IF NOT EXISTS monitoring_signals_day ON monitoring_signals (day)",
            """
            CREATE TABLE IF NOT EXISTS risk_alerts (id \(id), uscc TEXT NOT NULL, institution_id BIGINT NOT NULL,
              status TEXT NOT NULL, level TEXT NOT NULL, score INTEGER NOT NULL, opened_on TEXT NOT NULL, district TEXT NOT NULL,
              detail TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE UNIQUE INDEX IF NOT EXISTS risk_alerts_open ON risk_alerts (uscc, institution_id)
              WHERE status IN ('open', 'acknowledged', 'confirmed')
            """,
            "CREATE INDEX IF NOT EXISTS risk_alerts_institution ON risk_alerts (institution_id, id)",
            "CREATE INDEX IF NOT EXISTS risk_alerts_status ON risk_alerts (status, opened_on)",
            "CREATE INDEX IF NOT EXISTS risk_alerts_opened ON risk_alerts (opened_on)",
            """
            CREATE TABLE IF NOT EXISTS risk_webhooks (institution_id BIGINT PRIMARY KEY, url TEXT NOT NULL, secret TEXT NOT NULL,
              updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS loans_open_uscc ON loans (settled, uscc)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP INDEX IF EXISTS loans_open_uscc").run()
        for table in ["risk_webhooks", "risk_alerts", "monitoring_signals", "monitoring_snapshots"] {
            try await sql.raw("DROP TABLE IF EXISTS \(ident: table)").run()
        }
    }
}
