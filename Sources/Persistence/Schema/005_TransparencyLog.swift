import FluentKit
import SQLKit

/// The transparency log: the outbox that events write in their own transaction, the sequenced entries,
/// the tree's complete-subtree hashes (so proofs are read, not recomputed), the tree size, signed
/// checkpoints and witness cosignatures.
struct CreateTransparencyLogTables: AsyncMigration {
    var name: String { "005_transparency_log" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        let id = kind.identity
        let bytes = kind.bytes
        try await Schema.apply([
            // Written by `TransparencyLog.append` inside the transaction of the event it records.
            "CREATE TABLE IF NOT EXISTS tlog_pending (id \(id), entry TEXT NOT NULL, created_at BIGINT NOT NULL)",
            // Leaf `idx` of the tree: the entry's canonical bytes and their RFC 6962 leaf hash.
            """
            CREATE TABLE IF NOT EXISTS tlog_entries (idx BIGINT PRIMARY KEY, entry TEXT NOT NULL,
              leaf_hash \(bytes) NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS tlog_entries_leaf ON tlog_entries (leaf_hash)",
            // Complete subtrees above the leaves, keyed by their post-order position (always increasing
            // as the log grows, so every insert lands at the end of the index).
            "CREATE TABLE IF NOT EXISTS tlog_nodes (pos BIGINT PRIMARY KEY, hash \(bytes) NOT NULL)",
            // One row: the tree size. Sequencers lock it, so they run one at a time.
            "CREATE TABLE IF NOT EXISTS tlog_state (id INTEGER PRIMARY KEY, size BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
            "INSERT INTO tlog_state (id, size, updated_at) VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING",
            """
            CREATE TABLE IF NOT EXISTS tlog_checkpoints (size BIGINT PRIMARY KEY, root \(bytes) NOT NULL,
              note TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS tlog_cosignatures (id \(id), size BIGINT NOT NULL, witness TEXT NOT NULL,
              key_id TEXT NOT NULL, verifier_key TEXT NOT NULL, signature TEXT NOT NULL, cosigned_at BIGINT NOT NULL,
              created_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX IF NOT EXISTS tlog_cosignatures_key ON tlog_cosignatures (size, witness, key_id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for table in ["tlog_cosignatures", "tlog_checkpoints", "tlog_state", "tlog_nodes", "tlog_entries", "tlog_pending"] {
            try await sql.raw("DROP TABLE IF EXISTS \(ident: table)").run()
        }
    }
}
