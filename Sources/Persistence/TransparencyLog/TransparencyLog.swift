import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// THE hook: every event the platform must be able to prove happened goes through `append`, called inside
/// the transaction that records the event, so the event and its log entry commit (or vanish) together.
/// The entry waits in an outbox until the sequencer (`LogSequencer`) gives it its index in the Merkle tree.
public enum TransparencyLog {
    /// Queues one entry; pass the transaction's database.
    public static func append(_ entry: LogEntry, on database: any Database) async throws {
        try await append(contentsOf: [entry], on: database)
    }

    /// Queues entries in order, in multi-row statements.
    public static func append(contentsOf entries: [LogEntry], on database: any Database) async throws {
        guard !entries.isEmpty else { return }
        let sql = try database.sql()
        let now = epochMillis()
        for chunk in entries.chunked(by: 2000) {
            var query = SQLQueryString("INSERT INTO tlog_pending (entry, created_at) VALUES ")
            for (offset, entry) in chunk.enumerated() {
                query.appendLiteral(offset > 0 ? ", (" : "(")
                query.appendInterpolation(bind: entry.canonicalText)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: now)
                query.appendLiteral(")")
            }
            try await sql.raw(query).run()
        }
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// Where a complete subtree's hash is stored: leaves (level 0) in `tlog_entries.leaf_hash`, every other
/// node in `tlog_nodes` under its post-order position, which grows as the log grows.
enum NodePosition {
    /// The post-order position of (level, index) in the sequence of all perfect subtrees
    /// (Merkle-mountain-range numbering): 2n − popcount(n) + level, n being its last leaf.
    static func position(_ id: MerkleNodeID) -> Int64 {
        let last = (id.index + 1) << UInt64(id.level) - 1
        return Int64(2 * last - UInt64(last.nonzeroBitCount) + UInt64(id.level))
    }
}

/// Reads node hashes from storage, several at once.
struct NodeReader {
    let sql: any SQLDatabase

    /// The hashes of `ids` in order; throws `MerkleError.missingNode` for any not stored.
    func hashes(_ ids: [MerkleNodeID]) async throws -> [MerkleHash] {
        guard !ids.isEmpty else { return [] }
        let leaves = Set(ids.filter { $0.level == 0 }.map { Int64($0.index) })
        let inner = Set(ids.filter { $0.level > 0 }.map(NodePosition.position))
        struct Row: Decodable { let k: Int; let p: Int64; let h: Data }
        var parts: [SQLQueryString] = []
        if !leaves.isEmpty {
            parts.append("SELECT 0 AS k, idx AS p, leaf_hash AS h FROM tlog_entries WHERE idx IN (\(binds: leaves.sorted()))")
        }
        if !inner.isEmpty {
            parts.append("SELECT 1 AS k, pos AS p, hash AS h FROM tlog_nodes WHERE pos IN (\(binds: inner.sorted()))")
        }
        var query = parts[0]
        if parts.count == 2 { query = query + " UNION ALL " + parts[1] }
        var leafHashes: [Int64: MerkleHash] = [:]
        var innerHashes: [Int64: MerkleHash] = [:]
        for row in try await sql.raw(query).all(decoding: Row.self) {
            guard let hash = MerkleHash(bytes: row.h) else { continue }
            if row.k == 0 { leafHashes[row.p] = hash } else { innerHashes[row.p] = hash }
        }
        return try ids.map { id in
            let found = id.level == 0 ? leafHashes[Int64(id.index)] : innerHashes[NodePosition.position(id)]
            guard let found else { throw MerkleError.missingNode(level: id.level, index: id.index) }
            return found
        }
    }

    /// The frontier of the tree of `size` leaves.
    func frontier(size: UInt64) async throws -> MerkleFrontier {
        try MerkleFrontier(size: size, hashes: try await hashes(MerkleTreeLayout.frontier(size: size)))
    }

    /// Runs a read plan (root or proof) with one query.
    func execute(_ plan: MerkleReadPlan) async throws -> [MerkleHash] {
        try plan.assemble(try await hashes(plan.nodeIDs))
    }
}
