/// The Merkle tree hash and proofs of RFC 9162 §2.1, computed directly from a list of leaf hashes.
///
/// These follow the RFC's recursive definitions literally and take time linear in the number of
/// leaves. They are the reference the stored tree (`AppendOnlyMerkleTree`) is tested against and are
/// handy for small batches; a large log uses `AppendOnlyMerkleTree` instead.
public enum MerkleTree {
    /// MTH(D[n]) over the given leaf hashes (RFC 9162 §2.1.1).
    public static func root(leafHashes: [MerkleHash]) -> MerkleHash {
        leafHashes.isEmpty ? MerkleHasher.emptyRoot : subtreeHash(leafHashes[...])
    }

    /// MTH(D[n]) over raw entries: each entry is leaf-hashed first.
    public static func root(entries: [[UInt8]]) -> MerkleHash {
        root(leafHashes: entries.map { MerkleHasher.leafHash($0) })
    }

    /// PATH(m, D[n]): the inclusion proof of leaf `leafIndex` (RFC 9162 §2.1.3.1).
    public static func inclusionProof(
        leafIndex: UInt64, leafHashes: [MerkleHash]
    ) throws(MerkleError) -> [MerkleHash] {
        let size = UInt64(leafHashes.count)
        guard leafIndex < size else { throw .leafIndexOutOfRange(index: leafIndex, size: size) }
        return path(Int(leafIndex), leafHashes[...])
    }

    /// PROOF(m, D[n]): the consistency proof from the first `oldSize` leaves to all of them
    /// (RFC 9162 §2.1.4.1). Empty when `oldSize` is 0 or equals the number of leaves.
    public static func consistencyProof(
        oldSize: UInt64, leafHashes: [MerkleHash]
    ) throws(MerkleError) -> [MerkleHash] {
        let size = UInt64(leafHashes.count)
        guard oldSize <= size else { throw .sizesOutOfOrder(oldSize: oldSize, newSize: size) }
        guard oldSize > 0 else { return [] }
        return subproof(Int(oldSize), leafHashes[...], complete: true)
    }

    /// The largest power of two strictly smaller than `n` (n ≥ 2).
    static func splitPoint(_ n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }

    static func subtreeHash(_ leaves: ArraySlice<MerkleHash>) -> MerkleHash {
        if leaves.count == 1 { return leaves[leaves.startIndex] }
        let k = splitPoint(leaves.count)
        let middle = leaves.startIndex + k
        return MerkleHasher.nodeHash(
            subtreeHash(leaves[leaves.startIndex..<middle]), subtreeHash(leaves[middle...]))
    }

    private static func path(_ m: Int, _ leaves: ArraySlice<MerkleHash>) -> [MerkleHash] {
        if leaves.count <= 1 { return [] }
        let k = splitPoint(leaves.count)
        let middle = leaves.startIndex + k
        if m < k {
            return path(m, leaves[leaves.startIndex..<middle]) + [subtreeHash(leaves[middle...])]
        }
        return path(m - k, leaves[middle...]) + [subtreeHash(leaves[leaves.startIndex..<middle])]
    }

    private static func subproof(_ m: Int, _ leaves: ArraySlice<MerkleHash>, complete: Bool) -> [MerkleHash] {
        let n = leaves.count
        if m == n { return complete ? [] : [subtreeHash(leaves)] }
        let k = splitPoint(n)
        let middle = leaves.startIndex + k
        if m <= k {
            return subproof(m, leaves[leaves.startIndex..<middle], complete: complete)
                + [subtreeHash(leaves[middle...])]
        }
        return subproof(m - k, leaves[middle...], complete: false)
            + [subtreeHash(leaves[leaves.startIndex..<middle])]
    }
}
