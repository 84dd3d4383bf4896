/// A stored node: a complete subtree's position and hash.
public struct MerkleNode: Hashable, Sendable {
    public let id: MerkleNodeID
    public let hash: MerkleHash

    public init(id: MerkleNodeID, hash: MerkleHash) {
        self.id = id
        self.hash = hash
    }
}

/// The right edge of an append-only tree: the hashes of its complete subtrees (one per set bit of the
/// size, left to right). It is all that appending needs, so a store can load it once
/// (`MerkleTreeLayout.frontier(size:)`) and then append without reading anything.
public struct MerkleFrontier: Hashable, Sendable {
    /// The number of leaves.
    public private(set) var size: UInt64
    /// Hashes of `MerkleTreeLayout.frontier(size: size)`, left to right.
    public private(set) var hashes: [MerkleHash]

    /// The frontier of the empty tree.
    public init() {
        size = 0
        hashes = []
    }

    /// A frontier from stored hashes; there must be one per set bit of `size`.
    public init(size: UInt64, hashes: [MerkleHash]) throws(MerkleError) {
        guard hashes.count == size.nonzeroBitCount else {
            throw .wrongHashCount(expected: size.nonzeroBitCount, found: hashes.count)
        }
        self.size = size
        self.hashes = hashes
    }

    /// The root of the tree (the empty-tree hash for size 0).
    public var root: MerkleHash {
        guard var hash = hashes.last else { return MerkleHasher.emptyRoot }
        for left in hashes.dropLast().reversed() {
            hash = MerkleHasher.nodeHash(left, hash)
        }
        return hash
    }

    /// Appends a leaf, handing each new node to `store` (the leaf first, then every complete subtree
    /// it finishes, bottom up: amortized two nodes and one node hash per leaf). The frontier only
    /// changes once `store` has accepted every node, so a failed append can simply be retried.
    /// Returns the leaf's index.
    @discardableResult
    public mutating func append<E: Error>(
        _ leafHash: MerkleHash, store: (MerkleNode) throws(E) -> Void
    ) throws(E) -> UInt64 {
        let leafIndex = size
        var hash = leafHash
        var index = leafIndex
        var level = 0
        var merged = 0
        try store(MerkleNode(id: MerkleNodeID(level: 0, index: index), hash: hash))
        // Each trailing 1-bit of the index is a complete left sibling waiting for this subtree.
        while index & 1 == 1 {
            merged += 1
            hash = MerkleHasher.nodeHash(hashes[hashes.count - merged], hash)
            index >>= 1
            level += 1
            try store(MerkleNode(id: MerkleNodeID(level: level, index: index), hash: hash))
        }
        hashes.removeLast(merged)
        hashes.append(hash)
        size += 1
        return leafIndex
    }

    /// Appends a leaf and returns the nodes to store.
    public mutating func append(_ leafHash: MerkleHash) -> [MerkleNode] {
        var nodes = [MerkleNode]()
        append(leafHash) { (node: MerkleNode) in nodes.append(node) }
        return nodes
    }
}
