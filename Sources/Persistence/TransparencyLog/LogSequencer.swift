import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// Moves queued entries into the Merkle tree, in batches, one sequencer at a time: each batch is one
/// transaction that takes the outbox rows in order, gives them the next indexes, stores their leaf hashes
/// and every complete subtree they finish (multi-row inserts), and advances the tree size. A crash loses
/// nothing: the outbox rows are deleted in the same transaction that sequences them.
public struct LogSequencer: Sendable {
    let database: any Database
    /// Entries per transaction.
    public var batchSize: Int

    public init(database: any Database, batchSize: Int = 10_000) {
        self.database = database
        self.batchSize = batchSize
    }

    /// Sequences everything queued so far; returns the number of entries added.
    @discardableResult
    public func sequenceAll() async throws -> Int {
        var total = 0
        while true {
            let added = try await sequenceBatch()
            total += added
            if added < batchSize { return total }
        }
    }

    /// Sequences at most `batchSize` queued entries; returns how many.
    @discardableResult
    public func sequenceBatch() async throws -> Int {
        // A cheap look first, so an idle log costs no write transaction.
        guard try await database.sql().raw("SELECT id FROM tlog_pending LIMIT 1").first() != nil else { return 0 }
        let limit = batchSize
        return try await database.transaction { tx in try await Self.sequence(on: tx, limit: limit) }
    }

    /// Sequences at most `limit` queued entries inside the caller's transaction; returns how many. A writer
    /// that has just queued entries can sequence them (and any queued before) in its own transaction.
    public static func sequence(on tx: any Database, limit: Int) async throws -> Int {
        let sql = try tx.sql()
        let kind = DatabaseKind(sql)
        // Writing the state row first locks it (PostgreSQL) or takes SQLite's write lock before any read.
        struct State: Decodable { let size: Int64 }
        guard let state = try await sql.raw("""
            UPDATE tlog_state SET updated_at = \(bind: epochMillis()) WHERE id = 1 RETURNING size
            """).first(decoding: State.self) else { throw PersistenceError.missingRow("日志树大小") }
        struct Pending: Decodable { let id: Int64; let entry: String }
        let pending = try await sql.raw("""
            DELETE FROM tlog_pending WHERE id IN (SELECT id FROM tlog_pending ORDER BY id LIMIT \(bind: limit))
            RETURNING id, entry
            """).all(decoding: Pending.self).sorted { $0.id < $1.id }
        guard !pending.isEmpty else { return 0 }
        let size = UInt64(state.size)
        var frontier = try await NodeReader(sql: sql).frontier(size: size)
        var leaves: [(Int64, String, [UInt8])] = []
        var nodes: [(Int64, [UInt8])] = []
        leaves.reserveCapacity(pending.count)
        nodes.reserveCapacity(pending.count + 64)
        for row in pending {
            let leafHash = MerkleHasher.leafHash(Array(row.entry.utf8))
            let index = frontier.append(leafHash) { (node: MerkleNode) in
                if node.id.level > 0 { nodes.append((NodePosition.position(node.id), node.hash.bytes)) }
            }
            leaves.append((Int64(index), row.entry, leafHash.bytes))
        }
        try await LogBulk.write(entries: leaves, nodes: nodes, kind: kind, on: tx)
        try await sql.raw("UPDATE tlog_state SET size = \(bind: Int64(frontier.size)) WHERE id = 1").run()
        return pending.count
    }
}
