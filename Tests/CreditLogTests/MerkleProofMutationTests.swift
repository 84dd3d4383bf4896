import Testing

@testable import CreditLog

/// A verifier must reject every proof with one hash changed, missing or added, a wrong index or a
/// wrong size (the probes of the transparency-dev/merkle test suite, plus every position).
@Suite("Mutated proofs are rejected")
struct MerkleProofMutationTests {
    struct InclusionProbe {
        let description: String
        let leafIndex: UInt64
        let treeSize: UInt64
        let leafHash: MerkleHash
        let root: MerkleHash
        let proof: [MerkleHash]
    }

    struct ConsistencyProbe {
        let description: String
        let oldSize: UInt64
        let newSize: UInt64
        let oldRoot: MerkleHash
        let newRoot: MerkleHash
        let proof: [MerkleHash]
    }

    /// Proofs with one hash changed, removed or added.
    static func proofMutations(_ proof: [MerkleHash], extra: MerkleHash) -> [(String, [MerkleHash])] {
        var result = [(String, [MerkleHash])]()
        for position in proof.indices {
            for byte in [0, 31] {
                var changed = proof
                if let hash = flipped(proof[position], byte: byte) { changed[position] = hash }
                result.append(("hash \(position) byte \(byte) changed", changed))
            }
            var removed = proof
            removed.remove(at: position)
            result.append(("hash \(position) removed", removed))
        }
        for position in 0...proof.count {
            var added = proof
            added.insert(extra, at: position)
            result.append(("hash added at \(position)", added))
            var duplicated = proof
            if !proof.isEmpty {
                duplicated.insert(proof[min(position, proof.count - 1)], at: position)
                result.append(("hash duplicated at \(position)", duplicated))
            }
        }
        return result
    }

    @Test("inclusion proofs: changed, missing, added, wrong index, wrong size, wrong root")
    func inclusion() throws {
        let vectors = try MerkleVectors.load()
        let roots = try (0...8).map { try vectors.root(size: $0) }
        let someHash = MerkleHash.sha256(Array("some other hash".utf8))
        var probed = 0
        for vector in vectors.inclusion {
            let proof = try vector.proof.map(vectorHash)
            let root = try vectorHash(vector.root)
            let leaf = try vectorHash(vector.leaf_hash)
            let index = vector.leaf_index
            let size = vector.tree_size
            var probes = [InclusionProbe]()
            for (description, mutated) in Self.proofMutations(proof, extra: someHash) + [("root appended", proof + [root])] {
                probes.append(.init(description: description, leafIndex: index, treeSize: size, leafHash: leaf, root: root, proof: mutated))
            }
            for wrongIndex in [index &- 1, index + 1, index ^ 2, size, UInt64.max] where wrongIndex != index {
                probes.append(.init(description: "index \(wrongIndex)", leafIndex: wrongIndex, treeSize: size, leafHash: leaf, root: root, proof: proof))
            }
            for wrongSize in [size * 2, size / 2, 0] where wrongSize != size {
                probes.append(.init(description: "size \(wrongSize)", leafIndex: index, treeSize: wrongSize, leafHash: leaf, root: root, proof: proof))
            }
            // The proof checked against the (correct) root of any other size.
            for (otherSize, otherRoot) in roots.enumerated() where UInt64(otherSize) != size && otherSize > index {
                probes.append(.init(description: "root of size \(otherSize)", leafIndex: index, treeSize: UInt64(otherSize), leafHash: leaf, root: otherRoot, proof: proof))
            }
            if let wrongLeaf = flipped(leaf) {
                probes.append(.init(description: "wrong leaf", leafIndex: index, treeSize: size, leafHash: wrongLeaf, root: root, proof: proof))
            }
            probes.append(.init(description: "empty root", leafIndex: index, treeSize: size, leafHash: leaf, root: MerkleHasher.emptyRoot, proof: proof))
            for probe in probes {
                #expect(throws: MerkleError.self, "leaf \(index) size \(size): \(probe.description)") {
                    try MerkleProofVerifier.verifyInclusion(
                        leafHash: probe.leafHash, leafIndex: probe.leafIndex, treeSize: probe.treeSize,
                        proof: probe.proof, root: probe.root)
                }
                probed += 1
            }
        }
        #expect(probed > 500)
    }

    @Test("consistency proofs: changed, missing, added, wrong sizes, wrong roots")
    func consistency() throws {
        let vectors = try MerkleVectors.load()
        let roots = try (0...8).map { try vectors.root(size: $0) }
        let someHash = MerkleHash.sha256(Array("some other hash".utf8))
        var probed = 0
        for vector in vectors.consistency {
            let proof = try vector.proof.map(vectorHash)
            let oldRoot = try vectorHash(vector.root1)
            let newRoot = try vectorHash(vector.root2)
            let m = vector.size1
            let n = vector.size2
            var probes = [ConsistencyProbe]()
            for (description, mutated) in Self.proofMutations(proof, extra: someHash) + [("old root prepended", [oldRoot] + proof)]
            where mutated != proof {
                probes.append(.init(description: description, oldSize: m, newSize: n, oldRoot: oldRoot, newRoot: newRoot, proof: mutated))
            }
            if !proof.isEmpty {
                // Wrong sizes (as transparency-dev's probes).
                for wrongOld in [m - 1, m + 1, m ^ 2] {
                    probes.append(.init(description: "old size \(wrongOld)", oldSize: wrongOld, newSize: n, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
                }
                for wrongNew in [n * 2, n / 2] {
                    probes.append(.init(description: "new size \(wrongNew)", oldSize: m, newSize: wrongNew, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
                }
                probes.append(.init(description: "empty proof", oldSize: m, newSize: n, oldRoot: oldRoot, newRoot: newRoot, proof: []))
            }
            // Against the (correct) roots of other sizes.
            for (otherSize, otherRoot) in roots.enumerated() where otherSize != Int(n) && otherSize >= Int(m) {
                probes.append(.init(description: "new root of size \(otherSize)", oldSize: m, newSize: UInt64(otherSize), oldRoot: oldRoot, newRoot: otherRoot, proof: proof))
            }
            for (otherSize, otherRoot) in roots.enumerated() where otherSize != Int(m) && otherSize <= Int(n) && otherSize > 0 {
                probes.append(.init(description: "old root of size \(otherSize)", oldSize: UInt64(otherSize), newSize: n, oldRoot: otherRoot, newRoot: newRoot, proof: proof))
            }
            if let wrong = flipped(oldRoot) {
                probes.append(.init(description: "old root changed", oldSize: m, newSize: n, oldRoot: wrong, newRoot: newRoot, proof: proof))
            }
            if let wrong = flipped(newRoot) {
                probes.append(.init(description: "new root changed", oldSize: m, newSize: n, oldRoot: oldRoot, newRoot: wrong, proof: proof))
            }
            if m != n {
                probes.append(.init(description: "sizes swapped", oldSize: n, newSize: m, oldRoot: newRoot, newRoot: oldRoot, proof: proof))
            }
            for probe in probes {
                #expect(throws: MerkleError.self, "\(m) → \(n): \(probe.description)") {
                    try MerkleProofVerifier.verifyConsistency(
                        oldSize: probe.oldSize, newSize: probe.newSize, oldRoot: probe.oldRoot,
                        newRoot: probe.newRoot, proof: probe.proof)
                }
                probed += 1
            }
        }
        #expect(probed > 500)
    }

    @Test("edge cases of consistency: empty old tree and equal sizes")
    func consistencyEdges() throws {
        let leafHashes = sampleLeafHashes(count: 5)
        let root = MerkleTree.root(leafHashes: leafHashes)
        try MerkleProofVerifier.verifyConsistency(oldSize: 0, newSize: 5, oldRoot: MerkleHasher.emptyRoot, newRoot: root, proof: [])
        try MerkleProofVerifier.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: root, newRoot: root, proof: [])
        #expect(throws: MerkleError.consistencyProofInvalid(.emptyTreeRootMismatch)) {
            try MerkleProofVerifier.verifyConsistency(oldSize: 0, newSize: 5, oldRoot: root, newRoot: root, proof: [])
        }
        #expect(throws: MerkleError.consistencyProofInvalid(.unexpectedProof)) {
            try MerkleProofVerifier.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: root, newRoot: root, proof: [root])
        }
        #expect(throws: MerkleError.sizesOutOfOrder(oldSize: 6, newSize: 5)) {
            try MerkleProofVerifier.verifyConsistency(oldSize: 6, newSize: 5, oldRoot: root, newRoot: root, proof: [])
        }
        #expect(throws: MerkleError.leafIndexOutOfRange(index: 5, size: 5)) {
            try MerkleProofVerifier.verifyInclusion(leafHash: root, leafIndex: 5, treeSize: 5, proof: [], root: root)
        }
    }

    @Test("error messages are in Chinese")
    func messages() {
        #expect(MerkleError.inclusionProofInvalid(.rootMismatch).message.hasPrefix("包含证明无效"))
        #expect(MerkleError.consistencyProofInvalid(.wrongLength).message.contains("一致性证明无效"))
    }
}
