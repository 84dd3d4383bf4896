import Foundation
import Testing

@testable import CreditLog

@Suite("RFC 6962 vectors")
struct MerkleVectorTests {
    @Test("leaf and node hashing match the hasher vectors")
    func hasher() throws {
        let vectors = try MerkleVectors.load()
        let leaf = MerkleHasher.leafHash(Array(vectors.hasher.leaf_input_ascii.utf8))
        #expect(leaf == (try vectorHash(vectors.hasher.leaf_hash)))
        let children = vectors.hasher.children_ascii.map { Array($0.utf8) }
        #expect(children.count == 2)
        // The node vector hashes the raw children strings: SHA-256(0x01 ‖ "N123" ‖ "N456").
        let node = MerkleHash.sha256([0x01] + children.joined())
        #expect(node == (try vectorHash(vectors.hasher.node_hash)))
        #expect(MerkleHasher.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("node hashing equals SHA-256(0x01 ‖ left ‖ right)")
    func nodeHash() {
        let left = MerkleHasher.leafHash([1, 2, 3])
        let right = MerkleHasher.leafHash([4])
        #expect(MerkleHasher.nodeHash(left, right) == MerkleHash.sha256([0x01] + left.bytes + right.bytes))
    }

    @Test("roots of sizes 0–8, naive and stored")
    func roots() throws {
        let vectors = try MerkleVectors.load()
        let leafHashes = try vectors.leaves().map { MerkleHasher.leafHash($0) }
        var tree = try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore())
        for size in 0...8 {
            let expected = try vectors.root(size: size)
            #expect(MerkleTree.root(leafHashes: Array(leafHashes[..<size])) == expected, "size \(size)")
            #expect(tree.root == expected, "stored size \(size)")
            if size < 8 { try tree.append(leafHash: leafHashes[size]) }
        }
        for size in 0...8 {
            #expect(try tree.root(atSize: UInt64(size)) == vectors.root(size: size))
        }
    }

    @Test("every inclusion proof is generated and verified")
    func inclusionProofs() throws {
        let vectors = try MerkleVectors.load()
        let leafHashes = try vectors.leaves().map { MerkleHasher.leafHash($0) }
        var tree = try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore())
        try tree.append(contentsOf: leafHashes)
        #expect(vectors.inclusion.count == 36)
        for vector in vectors.inclusion {
            let proof = try vector.proof.map(vectorHash)
            let root = try vectorHash(vector.root)
            let leaf = try vectorHash(vector.leaf_hash)
            #expect(leaf == leafHashes[Int(vector.leaf_index)])
            let prefix = Array(leafHashes[..<Int(vector.tree_size)])
            #expect(try MerkleTree.inclusionProof(leafIndex: vector.leaf_index, leafHashes: prefix) == proof)
            #expect(try tree.inclusionProof(leafIndex: vector.leaf_index, treeSize: vector.tree_size) == proof)
            try MerkleProofVerifier.verifyInclusion(
                leafHash: leaf, leafIndex: vector.leaf_index, treeSize: vector.tree_size, proof: proof, root: root)
        }
    }

    @Test("every consistency proof is generated and verified")
    func consistencyProofs() throws {
        let vectors = try MerkleVectors.load()
        let leafHashes = try vectors.leaves().map { MerkleHasher.leafHash($0) }
        var tree = try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore())
        try tree.append(contentsOf: leafHashes)
        #expect(vectors.consistency.count == 36)
        for vector in vectors.consistency {
            let proof = try vector.proof.map(vectorHash)
            let prefix = Array(leafHashes[..<Int(vector.size2)])
            #expect(try MerkleTree.consistencyProof(oldSize: vector.size1, leafHashes: prefix) == proof)
            #expect(try tree.consistencyProof(oldSize: vector.size1, newSize: vector.size2) == proof)
            try MerkleProofVerifier.verifyConsistency(
                oldSize: vector.size1, newSize: vector.size2, oldRoot: vectorHash(vector.root1), newRoot: vectorHash(vector.root2),
                proof: proof)
        }
    }

    @Test("the published proofs: leaf 5 in 8 and consistency 6 → 8")
    func publishedProofs() throws {
        let vectors = try MerkleVectors.load()
        let inclusion = try #require(vectors.inclusion.first { $0.leaf_index == 5 && $0.tree_size == 8 })
        #expect(inclusion.proof == [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
        let consistency = try #require(vectors.consistency.first { $0.size1 == 6 && $0.size2 == 8 })
        #expect(consistency.proof == [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
    }

    @Test("hash text forms round trip")
    func hashForms() throws {
        let root = try vectorHash("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
        #expect(MerkleHash(base64: root.base64) == root)
        #expect(MerkleHash(hex: root.hex.uppercased()) == root)
        #expect(MerkleHash(hex: "00") == nil)
        #expect(MerkleHash(base64: "XcnaeacGWamtVZy3Ad7Zoqudgjqt L0lgz+Nw7/RgQyg=") == nil)
        #expect(MerkleHash(bytes: [UInt8](repeating: 0, count: 31)) == nil)
    }
}
