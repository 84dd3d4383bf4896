import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// Reads of the transparency log (size, roots, proofs, entries) and its checkpoints and cosignatures.
/// Proofs read the O(log n) stored nodes they need in one query.
public struct LogStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    var reader: NodeReader { get throws { NodeReader(sql: try database.sql()) } }

    /// The number of sequenced entries.
    public func size() async throws -> UInt64 {
        struct Row: Decodable { let size: Int64 }
        guard let row = try await database.sql().raw("SELECT size FROM tlog_state WHERE id = 1").first(decoding: Row.self) else {
            throw PersistenceError.missingRow("日志树大小")
        }
        return UInt64(row.size)
    }

    /// Whether entries wait for the sequencer (a read only).
    public func hasPending() async throws -> Bool {
        try await database.sql().raw("SELECT id FROM tlog_pending LIMIT 1").first() != nil
    }

    /// The number of entries waiting for the sequencer.
    public func pendingCount() async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await database.sql().raw("SELECT COUNT(*) AS n FROM tlog_pending").first(decoding: Row.self)?.n ?? 0
    }

    /// The root of the tree at `size` (at most the current size).
    public func root(atSize size: UInt64) async throws -> MerkleHash {
        try await checkSize(size)
        return try await reader.execute(MerkleTreeLayout.rootPlan(size: size)).first ?? MerkleHasher.emptyRoot
    }

    /// The inclusion proof of leaf `index` in the tree of `treeSize` leaves.
    public func inclusionProof(index: UInt64, treeSize: UInt64) async throws -> [MerkleHash] {
        try await checkSize(treeSize)
        return try await reader.execute(MerkleTreeLayout.inclusionPlan(leafIndex: index, treeSize: treeSize))
    }

    /// The consistency proof between two sizes.
    public func consistencyProof(oldSize: UInt64, newSize: UInt64) async throws -> [MerkleHash] {
        try await checkSize(newSize)
        return try await reader.execute(MerkleTreeLayout.consistencyPlan(oldSize: oldSize, newSize: newSize))
    }

    /// Proofs for a size already known to be in the tree (no size read): what the benchmark times.
    public func inclusionProofUnchecked(index: UInt64, treeSize: UInt64) async throws -> [MerkleHash] {
        try await reader.execute(MerkleTreeLayout.inclusionPlan(leafIndex: index, treeSize: treeSize))
    }

    public func consistencyProofUnchecked(oldSize: UInt64, newSize: UInt64) async throws -> [MerkleHash] {
        try await reader.execute(MerkleTreeLayout.consistencyPlan(oldSize: oldSize, newSize: newSize))
    }

    func checkSize(_ size: UInt64) async throws {
        let current = try await self.size()
        guard size <= current else { throw MerkleError.sizeBeyondTree(size: size, treeSize: current) }
    }

    /// One sequenced entry.
    public struct StoredEntry: Sendable, Equatable {
        public let index: UInt64
        /// The canonical bytes as text.
        public let entry: String
        public let leafHash: MerkleHash
    }

    struct EntryRow: Decodable { let idx: Int64; let entry: String; let leaf_hash: Data }

    func stored(_ row: EntryRow) -> StoredEntry {
        StoredEntry(index: UInt64(row.idx), entry: row.entry, leafHash: MerkleHash(bytes: row.leaf_hash) ?? MerkleHasher.emptyRoot)
    }

    /// Entries with indexes in [start, end), in order.
    public func entries(from start: UInt64, to end: UInt64) async throws -> [StoredEntry] {
        guard end > start else { return [] }
        return try await database.sql().raw("""
            SELECT idx, entry, leaf_hash FROM tlog_entries WHERE idx >= \(bind: Int64(clamping: start)) AND idx < \(bind: Int64(clamping: end))
            ORDER BY idx
            """).all(decoding: EntryRow.self).map(stored)
    }

    /// Whether this entry waits to be sequenced.
    public func isPending(_ entry: LogEntry) async throws -> Bool {
        try await database.sql().raw("SELECT id FROM tlog_pending WHERE entry = \(bind: entry.canonicalText) LIMIT 1").first() != nil
    }

    /// The first entry with this leaf hash.
    public func entry(leafHash: MerkleHash) async throws -> StoredEntry? {
        try await database.sql().raw("""
            SELECT idx, entry, leaf_hash FROM tlog_entries WHERE leaf_hash = \(bind: Data(leafHash.bytes)) ORDER BY idx LIMIT 1
            """).first(decoding: EntryRow.self).map(stored)
    }

    // MARK: Checkpoints

    public struct StoredCheckpoint: Sendable, Equatable {
        public let size: UInt64
        public let rootHash: MerkleHash
        /// The signed note as published (log signature only).
        public let note: String
        public let createdAt: Date
    }

    struct CheckpointRow: Decodable { let size: Int64; let root: Data; let note: String; let created_at: Int64 }

    func stored(_ row: CheckpointRow) -> StoredCheckpoint {
        StoredCheckpoint(size: UInt64(row.size), rootHash: MerkleHash(bytes: row.root) ?? MerkleHasher.emptyRoot,
                         note: row.note, createdAt: Date(timeIntervalSince1970: Double(row.created_at) / 1000))
    }

    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        try await database.sql().raw("SELECT size, root, note, created_at FROM tlog_checkpoints ORDER BY size DESC LIMIT 1")
            .first(decoding: CheckpointRow.self).map(stored)
    }

    public func checkpoint(size: UInt64) async throws -> StoredCheckpoint? {
        try await database.sql().raw("SELECT size, root, note, created_at FROM tlog_checkpoints WHERE size = \(bind: Int64(clamping: size))")
            .first(decoding: CheckpointRow.self).map(stored)
    }

    /// Every checkpoint, smallest first.
    public func checkpoints() async throws -> [StoredCheckpoint] {
        try await database.sql().raw("SELECT size, root, note, created_at FROM tlog_checkpoints ORDER BY size")
            .all(decoding: CheckpointRow.self).map(stored)
    }

    /// Sequences what is queued, then signs a checkpoint of the current tree unless one of that size exists.
    /// Returns the checkpoint of the current size.
    @discardableResult
    public func signCheckpoint(origin: String, signer: any NoteSigner, now: Date = Date()) async throws -> StoredCheckpoint {
        try await LogSequencer(database: database).sequenceAll()
        let size = try await self.size()
        if let existing = try await checkpoint(size: size) { return existing }
        let root = try await reader.frontier(size: size).root
        let note = try LogCheckpoint(origin: origin, size: size, rootHash: root).signed(by: signer).serialized
        try await database.sql().raw("""
            INSERT INTO tlog_checkpoints (size, root, note, created_at)
            VALUES (\(bind: Int64(size)), \(bind: Data(root.bytes)), \(bind: note), \(bind: epochMillis(now)))
            ON CONFLICT (size) DO NOTHING
            """).run()
        guard let stored = try await checkpoint(size: size) else { throw PersistenceError.missingRow("检查点") }
        return stored
    }

    // MARK: Cosignatures

    /// A witness's cosignature of the checkpoint of one size.
    public struct StoredCosignature: Sendable, Equatable, Codable {
        public let size: UInt64
        public let witness: String
        public let keyID: String
        /// The witness's verifier key (signature type 0x04), so anyone can check the line.
        public let verifierKey: String
        /// The signature line `— name base64(…)`.
        public let signature: String
        /// The witness's timestamp (POSIX seconds).
        public let cosignedAt: UInt64
    }

    /// Checks a cosignature against the stored checkpoint of `size` and keeps it (again: replaces it).
    @discardableResult
    public func addCosignature(size: UInt64, verifierKey: String, signatureLine: String) async throws -> StoredCosignature {
        guard let checkpoint = try await checkpoint(size: size) else { throw DomainError.notFound("大小为\(size)的检查点") }
        let verifier: CosignatureV1Verifier
        let signature: NoteSignature
        do {
            verifier = try CosignatureV1Verifier(verifierKey: verifierKey)
            signature = try NoteSignature(line: signatureLine)
        } catch {
            throw DomainError.invalidInput(field: "cosignature", reason: error.message)
        }
        guard signature.name == verifier.name, signature.keyID == verifier.keyID else {
            throw DomainError.invalidInput(field: "cosignature", reason: "签名行的名称或密钥编号与见证方公钥不符")
        }
        let text = try SignedNote(parsing: checkpoint.note).text
        guard verifier.verify(text: Array(text.utf8), signature: signature.signature),
              let timestamp = CosignatureV1.timestamp(of: signature) else {
            throw DomainError.invalidInput(field: "cosignature", reason: "见证签名验证失败：与大小为\(size)的检查点不符")
        }
        let stored = StoredCosignature(size: size, witness: verifier.name, keyID: NoteKeyID.hex(verifier.keyID),
                                       verifierKey: verifierKey, signature: signature.line, cosignedAt: timestamp)
        try await database.sql().raw("""
            INSERT INTO tlog_cosignatures (size, witness, key_id, verifier_key, signature, cosigned_at, created_at)
            VALUES (\(bind: Int64(size)), \(bind: stored.witness), \(bind: stored.keyID), \(bind: verifierKey),
              \(bind: stored.signature), \(bind: Int64(timestamp)), \(bind: epochMillis()))
            ON CONFLICT (size, witness, key_id) DO UPDATE SET signature = excluded.signature,
              cosigned_at = excluded.cosigned_at, verifier_key = excluded.verifier_key
            """).run()
        return stored
    }

    /// Cosignatures, newest size first; of one size if given.
    public func cosignatures(size: UInt64? = nil, limit: Int = 500) async throws -> [StoredCosignature] {
        struct Row: Decodable {
            let size: Int64; let witness: String; let key_id: String; let verifier_key: String; let signature: String
            let cosigned_at: Int64
        }
        var query: SQLQueryString = "SELECT size, witness, key_id, verifier_key, signature, cosigned_at FROM tlog_cosignatures"
        if let size { query = query + " WHERE size = \(bind: Int64(clamping: size))" }
        query = query + " ORDER BY size DESC, witness LIMIT \(bind: limit)"
        return try await database.sql().raw(query).all(decoding: Row.self).map {
            StoredCosignature(size: UInt64($0.size), witness: $0.witness, keyID: $0.key_id, verifierKey: $0.verifier_key,
                              signature: $0.signature, cosignedAt: UInt64($0.cosigned_at))
        }
    }

    /// The checkpoint note with the cosignatures it has received appended.
    public func cosignedNote(_ checkpoint: StoredCheckpoint) async throws -> String {
        var note = try SignedNote(parsing: checkpoint.note)
        for cosignature in try await cosignatures(size: checkpoint.size) {
            if let line = try? NoteSignature(line: cosignature.signature) { note = try note.adding(line) }
        }
        return note.serialized
    }
}
