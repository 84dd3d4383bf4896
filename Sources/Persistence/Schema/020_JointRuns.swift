import FluentKit
import SQLKit

/// Joint-modelling runs between the credit center and a bank (`joint_runs`: who, which center features, how many
/// aligned firms, the model's digest, the AUC the bank reported) and the firms whose data took part
/// (`joint_run_members`: only firms in the private set intersection, so each can see the run on its pages).
struct CreateJointRunTables: AsyncMigration {
    var name: String { "020_joint_runs" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS joint_runs (id \(id), run_id TEXT NOT NULL, name TEXT NOT NULL,
              institution_id BIGINT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL, created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS joint_runs_run ON joint_runs (run_id)",
            "CREATE INDEX IF NOT EXISTS joint_runs_institution ON joint_runs (institution_id, id)",
            "CREATE TABLE IF NOT EXISTS joint_run_members (run_id TEXT NOT NULL, uscc TEXT NOT NULL, PRIMARY KEY (run_id, uscc))",
            "CREATE INDEX IF NOT EXISTS joint_run_members_uscc ON joint_run_members (uscc, run_id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        for table in ["joint_run_members", "joint_runs"] {
            try await database.sql().raw("DROP TABLE IF EXISTS \(unsafeRaw: table)").run()
        }
    }
}
