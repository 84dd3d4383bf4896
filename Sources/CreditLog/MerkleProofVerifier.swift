/// Proof verification exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) describe.
///
/// A proof authenticates a leaf (or an old root) against a root for a given position and size; the
/// size itself is authenticated by the signed checkpoint that carries the root. (Two sizes whose
/// proofs have the same shape — e.g. leaf 0 in trees of 3 and 4 — cannot be told apart by the hashes
/// alone, which is why the size must come from a checkpoint and never from the prover.)
public enum MerkleProofVerifier {
    /// Checks that `leafHash` is the leaf at `leafIndex` in the tree of `treeSize` leaves whose root is
    /// `root` (RFC 9162 §2.1.3.2).
    public static func verifyInclusion(
        leafHash: MerkleHash, leafIndex: UInt64, treeSize: UInt64, proof: [MerkleHash], root: MerkleHash
    ) throws(MerkleError) {
        let computed = try rootFromInclusionProof(
            leafHash: leafHash, leafIndex: leafIndex, treeSize: treeSize, proof: proof)
        guard computed == root else { throw .inclusionProofInvalid(.rootMismatch) }
    }

    /// The root an inclusion proof leads to, after checking the proof has the right shape.
    public static func rootFromInclusionProof(
        leafHash: MerkleHash, leafIndex: UInt64, treeSize: UInt64, proof: [MerkleHash]
    ) throws(MerkleError) -> MerkleHash {
        // 1. leaf_index must be smaller than tree_size.
        guard leafIndex < treeSize else { throw .leafIndexOutOfRange(index: leafIndex, size: treeSize) }
        // 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        // 4. For each value p in the inclusion path:
        for p in proof {
            // a. sn reaching 0 early means the proof is too long.
            guard sn != 0 else { throw .inclusionProofInvalid(.wrongLength) }
            // b.
            if fn & 1 == 1 || fn == sn {
                r = MerkleHasher.nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = MerkleHasher.nodeHash(r, p)
            }
            // c.
            fn >>= 1
            sn >>= 1
        }
        // 5. sn must be 0 (otherwise the proof is too short).
        guard sn == 0 else { throw .inclusionProofInvalid(.wrongLength) }
        return r
    }

    /// Checks that the tree of `newSize` leaves with root `newRoot` extends the tree of `oldSize`
    /// leaves with root `oldRoot` (RFC 9162 §2.1.4.2).
    ///
    /// The RFC algorithm covers 0 < oldSize < newSize. The two edge cases follow the RFC's generation
    /// algorithm: equal sizes need an empty proof and equal roots; an empty old tree (whose root must be
    /// the empty-tree hash) is consistent with every tree and needs an empty proof.
    public static func verifyConsistency(
        oldSize: UInt64, newSize: UInt64, oldRoot: MerkleHash, newRoot: MerkleHash, proof: [MerkleHash]
    ) throws(MerkleError) {
        guard oldSize <= newSize else { throw .sizesOutOfOrder(oldSize: oldSize, newSize: newSize) }
        if oldSize == newSize {
            guard proof.isEmpty else { throw .consistencyProofInvalid(.unexpectedProof) }
            guard oldRoot == newRoot else { throw .consistencyProofInvalid(.rootMismatch) }
            return
        }
        if oldSize == 0 {
            guard proof.isEmpty else { throw .consistencyProofInvalid(.unexpectedProof) }
            guard oldRoot == MerkleHasher.emptyRoot else {
                throw .consistencyProofInvalid(.emptyTreeRootMismatch)
            }
            return
        }
        // 1. An empty consistency path fails.
        guard !proof.isEmpty else { throw .consistencyProofInvalid(.emptyProof) }
        // 2. If first is an exact power of 2, prepend first_hash.
        let path = oldSize & (oldSize - 1) == 0 ? [oldRoot] + proof : proof
        // 3. fn = first - 1, sn = second - 1.
        var fn = oldSize - 1
        var sn = newSize - 1
        // 4. If LSB(fn) is set, right-shift both until it is not.
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // 5. fr = sr = first value of the path.
        guard let first = path.first else { throw .consistencyProofInvalid(.emptyProof) }
        var fr = first
        var sr = first
        // 6. For each subsequent value c:
        for c in path.dropFirst() {
            // a.
            guard sn != 0 else { throw .consistencyProofInvalid(.wrongLength) }
            // b.
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHasher.nodeHash(c, fr)
                sr = MerkleHasher.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = MerkleHasher.nodeHash(sr, c)
            }
            // c.
            fn >>= 1
            sn >>= 1
        }
        // 7. fr must equal first_hash, sr second_hash, and sn must be 0.
        guard sn == 0 else { throw .consistencyProofInvalid(.wrongLength) }
        guard fr == oldRoot else { throw .consistencyProofInvalid(.oldRootMismatch) }
        guard sr == newRoot else { throw .consistencyProofInvalid(.rootMismatch) }
    }
}
