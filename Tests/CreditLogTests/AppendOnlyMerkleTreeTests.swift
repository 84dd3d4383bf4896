import Testing

@testable import CreditLog

@Suite("Append-only tree over a node store")
struct AppendOnlyMerkleTreeTests {
    @Test("agrees with the naive root and proofs at every size up to 70")
    func everySmallSize() throws {
        let leafHashes = sampleLeafHashes(count: 70)
        var tree = try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore())
        #expect(tree.root == MerkleHasher.emptyRoot)
        for size in 1...leafHashes.count {
            let index = try tree.append(leafHash: leafHashes[size - 1])
            #expect(index == UInt64(size - 1))
            let prefix = Array(leafHashes[..<size])
            let root = MerkleTree.root(leafHashes: prefix)
            #expect(tree.root == root)
            #expect(try tree.root(atSize: UInt64(size)) == root)
            for leaf in 0..<size {
                let proof = try tree.inclusionProof(leafIndex: UInt64(leaf))
                #expect(proof == (try MerkleTree.inclusionProof(leafIndex: UInt64(leaf), leafHashes: prefix)), "leaf \(leaf) size \(size)")
                try MerkleProofVerifier.verifyInclusion(
                    leafHash: prefix[leaf], leafIndex: UInt64(leaf), treeSize: UInt64(size), proof: proof, root: root)
            }
            for oldSize in 0...size {
                let proof = try tree.consistencyProof(oldSize: UInt64(oldSize))
                #expect(proof == (try MerkleTree.consistencyProof(oldSize: UInt64(oldSize), leafHashes: prefix)), "\(oldSize) → \(size)")
                try MerkleProofVerifier.verifyConsistency(
                    oldSize: UInt64(oldSize), newSize: UInt64(size),
                    oldRoot: MerkleTree.root(leafHashes: Array(prefix[..<oldSize])), newRoot: root, proof: proof)
            }
        }
        // Historical sizes from the finished tree.
        for size in 0...leafHashes.count {
            #expect(try tree.root(atSize: UInt64(size)) == MerkleTree.root(leafHashes: Array(leafHashes[..<size])))
        }
    }

    @Test("agrees with the naive proofs at random spots of larger trees")
    func randomSpots() throws {
        let leafHashes = sampleLeafHashes(count: 5000)
        var tree = try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore())
        try tree.append(contentsOf: leafHashes)
        var random = MerkleTestRandom(seed: 0x5859_4400)
        var sizes: [UInt64] = [127, 128, 129, 1023, 1024, 1025, 4095, 4096, 4097, 5000]
        for _ in 0..<10 { sizes.append(UInt64.random(in: 1...5000, using: &random)) }
        for size in sizes {
            let prefix = Array(leafHashes[..<Int(size)])
            let root = MerkleTree.root(leafHashes: prefix)
            #expect(try tree.root(atSize: size) == root, "size \(size)")
            for _ in 0..<3 {
                let leaf = UInt64.random(in: 0..<size, using: &random)
                let proof = try tree.inclusionProof(leafIndex: leaf, treeSize: size)
                #expect(proof == (try MerkleTree.inclusionProof(leafIndex: leaf, leafHashes: prefix)), "leaf \(leaf) size \(size)")
                try MerkleProofVerifier.verifyInclusion(leafHash: prefix[Int(leaf)], leafIndex: leaf, treeSize: size, proof: proof, root: root)
                let oldSize = UInt64.random(in: 0...size, using: &random)
                let consistency = try tree.consistencyProof(oldSize: oldSize, newSize: size)
                #expect(consistency == (try MerkleTree.consistencyProof(oldSize: oldSize, leafHashes: prefix)), "\(oldSize) → \(size)")
                try MerkleProofVerifier.verifyConsistency(
                    oldSize: oldSize, newSize: size, oldRoot: try tree.root(atSize: oldSize), newRoot: root, proof: consistency)
            }
        }
    }

    @Test("stores amortized one interior node per leaf and reopens from the store")
    func reopen() throws {
        let leafHashes = sampleLeafHashes(count: 100)
        var tree = try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore())
        try tree.append(contentsOf: leafHashes[..<61])
        let interior = (1..<64).reduce(0) { $0 + tree.store.count(level: $1) }
        #expect(tree.store.count(level: 0) == 61)
        #expect(interior == 61 - 61.nonzeroBitCount)  // complete subtrees of 61 leaves above level 0
        // Reopen at the same size from the stored nodes and keep appending.
        var reopened = try AppendOnlyMerkleTree(store: tree.store, size: 61)
        #expect(reopened.root == tree.root)
        try reopened.append(contentsOf: leafHashes[61...])
        #expect(reopened.root == MerkleTree.root(leafHashes: leafHashes))
        #expect(try reopened.leafHash(at: 42) == leafHashes[42])
        // A size the store does not hold cannot be opened.
        #expect(throws: MerkleError.self) { try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore(), size: 3) }
    }

    @Test("sizes and indices beyond the tree are refused")
    func bounds() throws {
        var tree = try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore())
        try tree.append(contentsOf: sampleLeafHashes(count: 10))
        #expect(throws: MerkleError.sizeBeyondTree(size: 11, treeSize: 10)) { try tree.root(atSize: 11) }
        #expect(throws: MerkleError.leafIndexOutOfRange(index: 10, size: 10)) { try tree.inclusionProof(leafIndex: 10) }
        #expect(throws: MerkleError.sizesOutOfOrder(oldSize: 8, newSize: 5)) { try tree.consistencyProof(oldSize: 8, newSize: 5) }
        #expect(throws: MerkleError.leafIndexOutOfRange(index: 10, size: 10)) { try tree.leafHash(at: 10) }
    }

    @Test("the in-memory store is append-only")
    func storeIsAppendOnly() throws {
        var store = InMemoryMerkleNodeStore()
        let a = MerkleHasher.leafHash([1])
        let b = MerkleHasher.leafHash([2])
        try store.setNode(a, for: MerkleNodeID(level: 0, index: 0))
        try store.setNode(a, for: MerkleNodeID(level: 0, index: 0))  // idempotent
        #expect(throws: MerkleError.nodeConflict(level: 0, index: 0)) {
            try store.setNode(b, for: MerkleNodeID(level: 0, index: 0))
        }
        #expect(throws: MerkleError.self) { try store.setNode(b, for: MerkleNodeID(level: 0, index: 5)) }
        #expect(try store.node(MerkleNodeID(level: 0, index: 0)) == a)
        #expect(try store.node(MerkleNodeID(level: 3, index: 0)) == nil)
    }

    /// A store keyed by node, as a database table would be.
    struct DictionaryNodeStore: MerkleNodeStore {
        var table: [MerkleNodeID: MerkleHash] = [:]

        func node(_ id: MerkleNodeID) throws(MerkleError) -> MerkleHash? { table[id] }

        mutating func setNode(_ hash: MerkleHash, for id: MerkleNodeID) throws(MerkleError) {
            if let existing = table[id], existing != hash { throw .nodeConflict(level: id.level, index: id.index) }
            table[id] = hash
        }
    }

    @Test("the frontier yields the nodes to persist; plans run against any store")
    func frontierAndPlans() throws {
        let leafHashes = sampleLeafHashes(count: 37)
        var frontier = MerkleFrontier()
        var table = [MerkleNodeID: MerkleHash]()
        for leafHash in leafHashes {
            for node in frontier.append(leafHash) { table[node.id] = node.hash }
        }
        #expect(frontier.root == MerkleTree.root(leafHashes: leafHashes))
        #expect(table.count == 37 + 37 - 37.nonzeroBitCount)
        // What an asynchronous database store would do: plan, fetch the nodes in one query, assemble.
        let plan = try MerkleTreeLayout.inclusionPlan(leafIndex: 20, treeSize: 37)
        let fetched = plan.nodeIDs.compactMap { table[$0] }
        #expect(try plan.assemble(fetched) == MerkleTree.inclusionProof(leafIndex: 20, leafHashes: leafHashes))
        let rootPlan = MerkleTreeLayout.rootPlan(size: 30)
        #expect(try rootPlan.assemble(rootPlan.nodeIDs.compactMap { table[$0] }) == [MerkleTree.root(leafHashes: Array(leafHashes[..<30]))])
        // Reload the frontier from stored nodes.
        let restored = try MerkleFrontier(size: 37, hashes: MerkleTreeLayout.frontier(size: 37).compactMap { table[$0] })
        #expect(restored == frontier)
        #expect(throws: MerkleError.wrongHashCount(expected: 3, found: 0)) { try MerkleFrontier(size: 37, hashes: []) }
        // The tree works the same over a keyed store, and reports missing nodes.
        var tree = try AppendOnlyMerkleTree(store: DictionaryNodeStore())
        try tree.append(contentsOf: leafHashes)
        #expect(try tree.consistencyProof(oldSize: 11) == MerkleTree.consistencyProof(oldSize: 11, leafHashes: leafHashes))
        var damaged = tree.store
        damaged.table[MerkleNodeID(level: 0, index: 21)] = nil
        let broken = try AppendOnlyMerkleTree(store: damaged, size: 37)
        #expect(throws: MerkleError.missingNode(level: 0, index: 21)) { try broken.inclusionProof(leafIndex: 20) }
    }

    @Test("read plans: O(log n) nodes, frontier per set bit")
    func plans() throws {
        #expect(MerkleTreeLayout.frontier(size: 0).isEmpty)
        #expect(MerkleTreeLayout.frontier(size: 13) == [
            MerkleNodeID(level: 3, index: 0), MerkleNodeID(level: 2, index: 2), MerkleNodeID(level: 0, index: 12),
        ])
        let size: UInt64 = 1_000_003
        let inclusion = try MerkleTreeLayout.inclusionPlan(leafIndex: 999_999, treeSize: size)
        #expect(inclusion.nodeIDs.count <= 2 * 64)
        let consistency = try MerkleTreeLayout.consistencyPlan(oldSize: 765_432, newSize: size)
        #expect(consistency.nodeIDs.count <= 2 * 64)
        #expect(MerkleNodeID(level: 2, index: 3).leafRange == 12..<16)
        // Every planned node is a complete subtree inside the tree.
        for id in inclusion.nodeIDs + consistency.nodeIDs {
            let range = try #require(id.leafRange)
            #expect(range.upperBound <= size)
        }
        #expect(throws: MerkleError.wrongHashCount(expected: inclusion.nodeIDs.count, found: 0)) {
            try inclusion.assemble([])
        }
    }
}
