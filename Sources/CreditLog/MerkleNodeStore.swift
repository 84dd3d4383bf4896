/// The position of a complete (perfect) subtree: `level` 0 holds the leaf hashes, and the node at
/// (`level`, `index`) covers leaves [index·2^level, (index+1)·2^level).
public struct MerkleNodeID: Hashable, Sendable, CustomStringConvertible {
    public let level: Int
    public let index: UInt64

    public init(level: Int, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// The leaves covered by this node, or nil if the range does not fit in 64 bits.
    public var leafRange: Range<UInt64>? {
        guard level >= 0, level < 64 else { return nil }
        let (start, overflow) = index.multipliedReportingOverflow(by: 1 << UInt64(level))
        guard !overflow else { return nil }
        let (end, overflow2) = start.addingReportingOverflow(1 << UInt64(level))
        guard !overflow2 else { return nil }
        return start..<end
    }

    public var description: String { "(\(level), \(index))" }
}

/// Where the hashes of complete subtrees are kept.
///
/// The log only ever writes each node once, and a node's hash never changes: a store should refuse a
/// different hash for a node it already holds (`MerkleError.nodeConflict`) and accept the same hash
/// again (so an interrupted append can be retried). A database-backed store can also use
/// `MerkleTreeLayout`'s plans directly to read all nodes of a proof in one query.
public protocol MerkleNodeStore {
    /// The hash of the node, or nil if it has not been stored.
    func node(_ id: MerkleNodeID) throws(MerkleError) -> MerkleHash?

    /// The hashes of several nodes, in the order asked (nil where missing).
    func nodes(_ ids: [MerkleNodeID]) throws(MerkleError) -> [MerkleHash?]

    /// Stores the hash of a complete subtree.
    mutating func setNode(_ hash: MerkleHash, for id: MerkleNodeID) throws(MerkleError)
}

extension MerkleNodeStore {
    public func nodes(_ ids: [MerkleNodeID]) throws(MerkleError) -> [MerkleHash?] {
        var result = [MerkleHash?]()
        result.reserveCapacity(ids.count)
        for id in ids {
            result.append(try node(id))
        }
        return result
    }
}

/// An in-memory node store: one dense array per level, as an append-only log writes each level left
/// to right. About 64 bytes per leaf (32 for the leaf hash, 32 for the interior nodes above it).
public struct InMemoryMerkleNodeStore: MerkleNodeStore, Sendable {
    private var levels: [[MerkleHash]] = []

    public init() {}

    /// The number of stored nodes on a level.
    public func count(level: Int) -> Int {
        level >= 0 && level < levels.count ? levels[level].count : 0
    }

    public func node(_ id: MerkleNodeID) throws(MerkleError) -> MerkleHash? {
        guard id.level >= 0, id.level < levels.count, id.index < UInt64(levels[id.level].count) else {
            return nil
        }
        return levels[id.level][Int(id.index)]
    }

    public mutating func setNode(_ hash: MerkleHash, for id: MerkleNodeID) throws(MerkleError) {
        guard id.level >= 0, id.level < 64, id.index < UInt64(Int.max) else {
            throw .invalidNodeID(level: id.level, index: id.index)
        }
        while levels.count <= id.level {
            levels.append([])
        }
        let index = Int(id.index)
        let count = levels[id.level].count
        if index < count {
            guard levels[id.level][index] == hash else { throw .nodeConflict(level: id.level, index: id.index) }
        } else if index == count {
            levels[id.level].append(hash)
        } else {
            throw .storeFailure("内存存储要求每层按顺序写入：第\(id.level)层下一个应为第\(count)个，收到第\(index)个")
        }
    }
}
