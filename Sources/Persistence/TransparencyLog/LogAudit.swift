import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// `xyd log verify`: recomputes the whole tree from the stored entries and checks it against everything
/// else that is stored — each entry's leaf hash, every node hash, the tree size, every signed checkpoint
/// (signature and root), the proofs served from the stored nodes, and every witness cosignature. A change
/// made directly in the database is reported with the entries it concerns: a changed entry by its index,
/// a deleted one by the gap, an inserted one beyond the tree size, two swapped entries by both indexes; a
/// change covered up by rewriting the hashes too shows as a node mismatch (a range of indexes) and, in any
/// case, as a signed checkpoint whose root no longer matches.
public struct LogAudit: Sendable {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// The entries concerned (first and last index), if known.
        public let indexes: ClosedRange<UInt64>?
        public let message: String
        public var description: String { message }
    }

    public struct Report: Sendable {
        public var size: UInt64 = 0
        public var entries: UInt64 = 0
        public var nodes: Int = 0
        public var checkpoints: Int = 0
        public var proofs: Int = 0
        public var cosignatures: Int = 0
        public var findings: [Finding] = []
        public var isClean: Bool { findings.isEmpty }
    }

    let database: any Database
    let logVerifier: (any NoteVerifier)?
    let origin: String?
    public var pageSize = 20_000

    public init(database: any Database, logVerifier: (any NoteVerifier)?, origin: String?) {
        self.database = database
        self.logVerifier = logVerifier
        self.origin = origin
    }

    public func run(progress: (@Sendable (UInt64) -> Void)? = nil) async throws -> Report {
        let sql = try database.sql()
        let store = LogStore(database: database)
        var report = Report()
        let size = try await store.size()
        report.size = size
        let checkpoints = try await store.checkpoints()
        report.checkpoints = checkpoints.count
        var explained: [UInt64] = []  // indexes already named by a finding, sorted
        func isExplained(_ range: Range<UInt64>) -> Bool {
            var low = 0, high = explained.count
            while low < high {
                let mid = (low + high) / 2
                if explained[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
            }
            return low < explained.count && explained[low] < range.upperBound
        }
        func explain(_ range: ClosedRange<UInt64>) {
            explained.append(contentsOf: range)
            explained.sort()
        }
        func add(_ range: ClosedRange<UInt64>?, _ message: String) {
            report.findings.append(Finding(indexes: range, message: message))
            if let range, range.count <= 1 << 16 { explain(range) }
        }

        // Pass 1: entries in index order, recomputing leaf hashes.
        var leafHashes: [MerkleHash] = []  // recomputed, one per index below `size` (placeholders for gaps)
        leafHashes.reserveCapacity(Int(size))
        var changed: [(UInt64, MerkleHash, MerkleHash)] = []  // index, recomputed, stored
        var expected: UInt64 = 0
        var after: Int64 = -1
        while true {
            struct Row: Decodable { let idx: Int64; let entry: String; let leaf_hash: Data }
            let rows = try await sql.raw("""
                SELECT idx, entry, leaf_hash FROM tlog_entries WHERE idx > \(bind: after) ORDER BY idx LIMIT \(bind: pageSize)
                """).all(decoding: Row.self)
            guard let last = rows.last else { break }
            after = last.idx
            for row in rows {
                let index = UInt64(max(row.idx, 0))
                if row.idx < 0 || index >= size {
                    add(index...index, "第\(row.idx)条不在日志树中（树大小为\(size)）：条目是直接插入数据库的")
                    continue
                }
                if index > expected {
                    add(expected...(index - 1), expected == index - 1 ? "第\(expected)条缺失：条目被删除"
                        : "第\(expected)至\(index - 1)条缺失：条目被删除")
                    while UInt64(leafHashes.count) < index { leafHashes.append(MerkleHasher.emptyRoot) }
                }
                expected = index + 1
                let recomputed = MerkleHasher.leafHash(Array(row.entry.utf8))
                let stored = MerkleHash(bytes: row.leaf_hash)
                if stored != recomputed { changed.append((index, recomputed, stored ?? MerkleHasher.emptyRoot)) }
                if (try? LogEntry(canonicalBytes: Array(row.entry.utf8))) == nil {
                    add(index...index, "第\(index)条不是有效的规范编码日志条目：内容被改动")
                }
                leafHashes.append(recomputed)
            }
            report.entries += UInt64(rows.count)
            progress?(report.entries)
        }
        if expected < size {
            add(expected...(size - 1), expected == size - 1 ? "第\(expected)条缺失：条目被删除"
                : "第\(expected)至\(size - 1)条缺失：条目被删除")
            while UInt64(leafHashes.count) < size { leafHashes.append(MerkleHasher.emptyRoot) }
        }
        // Changed entries; two whose contents were swapped are reported as a reordering.
        var storedAt: [MerkleHash: UInt64] = [:]
        for (index, _, stored) in changed { storedAt[stored] = index }
        var reported = Set<UInt64>()
        for (index, recomputed, _) in changed where !reported.contains(index) {
            if let other = storedAt[recomputed], other != index,
               let partner = changed.first(where: { $0.0 == other }), storedAt[partner.1] == index {
                reported.formUnion([index, other])
                let (a, b) = (min(index, other), max(index, other))
                report.findings.append(Finding(indexes: a...b, message: "第\(a)条与第\(b)条的顺序被调换"))
                explain(a...a)
                explain(b...b)
            } else {
                reported.insert(index)
                add(index...index, "第\(index)条被修改：内容与存储的叶子哈希不符")
            }
        }

        // Pass 2: the tree rebuilt from the recomputed leaves, node by node against the stored nodes.
        var frontier = MerkleFrontier()
        var stored = StoredNodeCursor(sql: sql, pageSize: pageSize * 2)
        var roots: [UInt64: MerkleHash] = [0: MerkleHasher.emptyRoot]
        let wanted = Set(checkpoints.map(\.size))
        for leaf in leafHashes {
            var emitted: [MerkleNode] = []
            frontier.append(leaf) { (node: MerkleNode) in if node.id.level > 0 { emitted.append(node) } }
            for node in emitted {
                let position = NodePosition.position(node.id)
                let range = node.id.leafRange ?? 0..<0
                // Stored nodes before this position were not produced by the entries.
                while let extra = try await stored.peek(), extra.0 < position {
                    stored.advance()
                    add(nil, "存储中有多余的节点（位置\(extra.0)）：节点表被改动")
                }
                report.nodes += 1
                if let found = try await stored.peek(), found.0 == position {
                    stored.advance()
                    if MerkleHash(bytes: found.1) != node.hash, !isExplained(range) {
                        add(range.lowerBound...(range.upperBound - 1),
                            "第\(range.lowerBound)至\(range.upperBound - 1)条与存储的节点（第\(node.id.level)层第\(node.id.index)个）不符：其中有条目被修改、删除、插入或调换顺序，或节点被改动")
                    }
                } else if !isExplained(range) {
                    add(range.lowerBound...(range.upperBound - 1),
                        "存储中缺少第\(node.id.level)层第\(node.id.index)个节点（覆盖第\(range.lowerBound)至\(range.upperBound - 1)条）")
                }
            }
            if wanted.contains(frontier.size) { roots[frontier.size] = frontier.root }
        }
        while let extra = try await stored.peek() {
            stored.advance()
            add(nil, "存储中有多余的节点（位置\(extra.0)）：超出日志大小，节点表被改动")
        }

        // Checkpoints: signature, root against the recomputed tree, and proofs served from storage.
        var lastGood: UInt64 = 0
        var previous: LogStore.StoredCheckpoint?
        for checkpoint in checkpoints {
            if let logVerifier {
                do {
                    let opened = try LogCheckpoint.open(checkpoint.note, logVerifier: logVerifier, origin: origin)
                    if opened.checkpoint.size != checkpoint.size || opened.checkpoint.rootHash != checkpoint.rootHash {
                        add(nil, "大小为\(checkpoint.size)的检查点记录与其签名文本不符：检查点表被改动")
                    }
                } catch {
                    add(nil, "大小为\(checkpoint.size)的检查点签名无效：\(error.message)")
                }
            }
            guard checkpoint.size <= size, let root = roots[checkpoint.size] else {
                add(nil, "大小为\(checkpoint.size)的检查点超过日志树大小\(size)：条目被删除或树大小被改动")
                continue
            }
            if root != checkpoint.rootHash {
                let first = lastGood
                add(checkpoint.size > first ? first...(checkpoint.size - 1) : nil,
                    "大小为\(checkpoint.size)的已签名检查点与由条目重新计算的根哈希不符：第\(first)至\(max(first, checkpoint.size) - 1)条之间有条目被改动")
                previous = checkpoint
                continue
            }
            lastGood = checkpoint.size
            // Proofs as the API serves them (from stored nodes) must verify against the signed root.
            if checkpoint.size > 0 {
                for index in Set([0, checkpoint.size / 2, checkpoint.size - 1]) {
                    report.proofs += 1
                    do {
                        let proof = try await store.inclusionProofUnchecked(index: index, treeSize: checkpoint.size)
                        try MerkleProofVerifier.verifyInclusion(leafHash: leafHashes[Int(index)], leafIndex: index,
                                                                treeSize: checkpoint.size, proof: proof, root: root)
                    } catch {
                        add(nil, "第\(index)条在大小\(checkpoint.size)下的包含证明验证失败：\(Self.describe(error))")
                    }
                }
            }
            if let previous, previous.size < checkpoint.size, roots[previous.size] == previous.rootHash {
                report.proofs += 1
                do {
                    let proof = try await store.consistencyProofUnchecked(oldSize: previous.size, newSize: checkpoint.size)
                    try MerkleProofVerifier.verifyConsistency(oldSize: previous.size, newSize: checkpoint.size,
                                                              oldRoot: previous.rootHash, newRoot: checkpoint.rootHash, proof: proof)
                } catch {
                    add(nil, "大小\(previous.size)与\(checkpoint.size)的检查点之间的一致性证明验证失败：\(Self.describe(error))")
                }
            }
            previous = checkpoint
        }

        // Cosignatures: each must verify against its checkpoint.
        for cosignature in try await store.cosignatures(limit: 1_000_000) {
            report.cosignatures += 1
            guard let checkpoint = checkpoints.first(where: { $0.size == cosignature.size }),
                  let verifier = try? CosignatureV1Verifier(verifierKey: cosignature.verifierKey),
                  let line = try? NoteSignature(line: cosignature.signature),
                  let text = try? SignedNote(parsing: checkpoint.note).text,
                  verifier.verify(text: Array(text.utf8), signature: line.signature) else {
                add(nil, "见证方“\(cosignature.witness)”对大小\(cosignature.size)的见证签名无法验证")
                continue
            }
        }
        return report
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? MerkleError { return error.message }
        return String(describing: error)
    }
}

/// Stored node hashes in position order, read a page at a time.
struct StoredNodeCursor {
    let sql: any SQLDatabase
    let pageSize: Int
    var page: [(Int64, Data)] = []
    var at = 0
    var after: Int64 = -1
    var exhausted = false

    init(sql: any SQLDatabase, pageSize: Int) {
        self.sql = sql
        self.pageSize = pageSize
    }

    mutating func peek() async throws -> (Int64, Data)? {
        if at == page.count {
            guard !exhausted else { return nil }
            struct Row: Decodable { let pos: Int64; let hash: Data }
            page = try await sql.raw("""
                SELECT pos, hash FROM tlog_nodes WHERE pos > \(bind: after) ORDER BY pos LIMIT \(bind: pageSize)
                """).all(decoding: Row.self).map { ($0.pos, $0.hash) }
            at = 0
            if page.count < pageSize { exhausted = true }
            guard let last = page.last else { return nil }
            after = last.0
        }
        return page[at]
    }

    mutating func advance() { at += 1 }
}

extension LogAudit {
    /// A warning when the newest checkpoint has no witness cosignature. The log's own tables cannot show that
    /// the newest entries were rolled back or the newest checkpoint deleted (what is left is consistent in
    /// itself); only a witness that remembers what it cosigned can.
    public static func witnessWarning(_ store: LogStore) async throws -> String? {
        guard let latest = try await store.latestCheckpoint() else { return nil }
        let cosigned = try await store.cosignatures(limit: 1).first?.size
        if let cosigned, cosigned >= latest.size { return nil }
        let since = cosigned.map { "最近一次联署的检查点大小为 \($0)" } ?? "尚无任何检查点经见证方联署"
        return "警告：最新检查点（大小 \(latest.size)）没有见证方联署，\(since)：此后的条目若被回滚、最新检查点若被删除，"
            + "仅凭平台自身的数据无法发现。请让至少一个见证方（xyd witness）定期联署。"
    }
}
