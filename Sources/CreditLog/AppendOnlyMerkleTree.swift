/// An append-only RFC 6962 Merkle tree over a node store.
///
/// Appending a leaf stores its hash at level 0 and the hash of every complete subtree it finishes
/// (one more per trailing 1-bit of the old size: amortized one node hash per append). The tree's
/// frontier (at most 64 hashes) is kept in memory, so appending reads nothing. Roots and proofs for
/// any size up to the current one are built from O(log n) stored nodes plus the recomputation of the
/// ragged right edge (see `MerkleTreeLayout`).
public struct AppendOnlyMerkleTree<Store: MerkleNodeStore> {
    public private(set) var store: Store
    public private(set) var frontier: MerkleFrontier

    /// Opens a tree of `size` leaves whose nodes are already in `store` (a new tree by default).
    public init(store: Store, size: UInt64 = 0) throws(MerkleError) {
        let ids = MerkleTreeLayout.frontier(size: size)
        let found = try store.nodes(ids)
        var hashes = [MerkleHash]()
        for (id, hash) in zip(ids, found) {
            guard let hash else { throw .missingNode(level: id.level, index: id.index) }
            hashes.append(hash)
        }
        self.store = store
        self.frontier = try MerkleFrontier(size: size, hashes: hashes)
    }

    /// The number of leaves.
    public var size: UInt64 { frontier.size }

    /// The root at the current size (computed from the in-memory frontier, no reads).
    public var root: MerkleHash { frontier.root }

    /// Appends one leaf hash and returns its index.
    @discardableResult
    public mutating func append(leafHash: MerkleHash) throws(MerkleError) -> UInt64 {
        try frontier.append(leafHash) { (node: MerkleNode) throws(MerkleError) in
            try store.setNode(node.hash, for: node.id)
        }
    }

    /// Appends leaf hashes in order and returns the index of the first.
    @discardableResult
    public mutating func append(contentsOf leafHashes: some Sequence<MerkleHash>) throws(MerkleError) -> UInt64 {
        let first = size
        for leafHash in leafHashes {
            try append(leafHash: leafHash)
        }
        return first
    }

    /// The root of the tree when it had `treeSize` leaves.
    public func root(atSize treeSize: UInt64) throws(MerkleError) -> MerkleHash {
        try checkSize(treeSize)
        if treeSize == size { return root }
        let hashes = try MerkleTreeLayout.rootPlan(size: treeSize).execute(on: store)
        return hashes.first ?? MerkleHasher.emptyRoot
    }

    /// The leaf hash at `index`.
    public func leafHash(at index: UInt64) throws(MerkleError) -> MerkleHash {
        guard index < size else { throw .leafIndexOutOfRange(index: index, size: size) }
        guard let hash = try store.node(MerkleNodeID(level: 0, index: index)) else {
            throw .missingNode(level: 0, index: index)
        }
        return hash
    }

    /// The inclusion proof of leaf `leafIndex` in the tree of `treeSize` leaves (current size by default).
    public func inclusionProof(leafIndex: UInt64, treeSize: UInt64? = nil) throws(MerkleError) -> [MerkleHash] {
        let treeSize = treeSize ?? size
        try checkSize(treeSize)
        return try MerkleTreeLayout.inclusionPlan(leafIndex: leafIndex, treeSize: treeSize).execute(on: store)
    }

    /// The consistency proof from the tree of `oldSize` leaves to that of `newSize` (current size by default).
    public func consistencyProof(oldSize: UInt64, newSize: UInt64? = nil) throws(MerkleError) -> [MerkleHash] {
        let newSize = newSize ?? size
        try checkSize(newSize)
        return try MerkleTreeLayout.consistencyPlan(oldSize: oldSize, newSize: newSize).execute(on: store)
    }

    private func checkSize(_ treeSize: UInt64) throws(MerkleError) {
        guard treeSize <= size else { throw .sizeBeyondTree(size: treeSize, treeSize: size) }
    }
}

extension AppendOnlyMerkleTree: Sendable where Store: Sendable {}
