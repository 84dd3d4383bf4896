/// Which stored complete-subtree nodes a root or proof needs, and how to combine them.
///
/// Every hash in an RFC 9162 proof covers a range of leaves [a, b). Such a range is either one
/// complete subtree (one stored node) or — only on the ragged right edge of the tree — a handful of
/// complete subtrees whose hashes are folded right to left. A plan lists those nodes so a store can
/// read them at once (one database query), then `assemble` turns the hashes into the proof.
public struct MerkleReadPlan: Hashable, Sendable {
    /// The nodes to read, without duplicates.
    public let nodeIDs: [MerkleNodeID]
    /// For each output hash, the positions in `nodeIDs` to fold (left to right in the tree).
    let elements: [Range<Int>]

    /// The number of hashes `assemble` returns.
    public var outputCount: Int { elements.count }

    init(ranges: [Range<UInt64>]) {
        var ids = [MerkleNodeID]()
        var elements = [Range<Int>]()
        elements.reserveCapacity(ranges.count)
        for range in ranges {
            let start = ids.count
            ids.append(contentsOf: MerkleTreeLayout.completeSubtrees(covering: range))
            elements.append(start..<ids.count)
        }
        self.nodeIDs = ids
        self.elements = elements
    }

    /// Combines the hashes of `nodeIDs` (same order and count) into the output hashes. An element
    /// made of several nodes is the root of their range: H(n₁, H(n₂, … H(nₖ₋₁, nₖ))).
    /// An element covering no leaves (the root of an empty tree) is the empty-tree hash.
    public func assemble(_ hashes: [MerkleHash]) throws(MerkleError) -> [MerkleHash] {
        guard hashes.count == nodeIDs.count else {
            throw .wrongHashCount(expected: nodeIDs.count, found: hashes.count)
        }
        return elements.map { range in
            guard var hash = hashes[range].last else { return MerkleHasher.emptyRoot }
            for position in range.dropLast().reversed() {
                hash = MerkleHasher.nodeHash(hashes[position], hash)
            }
            return hash
        }
    }

    /// Reads the nodes from a store and assembles the output.
    public func execute(on store: some MerkleNodeStore) throws(MerkleError) -> [MerkleHash] {
        let found = try store.nodes(nodeIDs)
        var hashes = [MerkleHash]()
        hashes.reserveCapacity(found.count)
        for (id, hash) in zip(nodeIDs, found) {
            guard let hash else { throw .missingNode(level: id.level, index: id.index) }
            hashes.append(hash)
        }
        return try assemble(hashes)
    }
}

/// Pure geometry of the RFC 6962 tree over stored complete subtrees.
public enum MerkleTreeLayout {
    /// The complete subtrees that exactly cover `range`, left to right (largest first when the range
    /// starts at a multiple of a power of two at least as large as itself, as all ranges in RFC 9162
    /// proofs do).
    public static func completeSubtrees(covering range: Range<UInt64>) -> [MerkleNodeID] {
        var result = [MerkleNodeID]()
        var start = range.lowerBound
        let end = range.upperBound
        while start < end {
            // The largest aligned block starting at `start` that still fits before `end`.
            var level = start == 0 ? 63 : start.trailingZeroBitCount
            while level > 0 && (end - start) >> UInt64(level) == 0 {
                level -= 1
            }
            result.append(MerkleNodeID(level: level, index: start >> UInt64(level)))
            start += 1 << UInt64(level)
        }
        return result
    }

    /// The complete subtrees of a tree of `size` leaves (its "frontier"): one per set bit of `size`.
    public static func frontier(size: UInt64) -> [MerkleNodeID] {
        completeSubtrees(covering: 0..<size)
    }

    /// The plan for the root of the tree of `size` leaves (one output hash).
    public static func rootPlan(size: UInt64) -> MerkleReadPlan {
        MerkleReadPlan(ranges: [0..<size])
    }

    /// The plan for the inclusion proof of leaf `leafIndex` in the tree of `treeSize` leaves:
    /// PATH(m, D[n]) of RFC 9162 §2.1.3.1, one output hash per proof element.
    public static func inclusionPlan(leafIndex: UInt64, treeSize: UInt64) throws(MerkleError) -> MerkleReadPlan {
        guard leafIndex < treeSize else { throw .leafIndexOutOfRange(index: leafIndex, size: treeSize) }
        var ranges = [Range<UInt64>]()
        var low: UInt64 = 0
        var high = treeSize
        // Walk from the root down; each step records the sibling range of the side holding the leaf.
        while high - low > 1 {
            let k = splitPoint(high - low)
            if leafIndex < low + k {
                ranges.append((low + k)..<high)
                high = low + k
            } else {
                ranges.append(low..<(low + k))
                low += k
            }
        }
        return MerkleReadPlan(ranges: ranges.reversed())
    }

    /// The plan for the consistency proof from `oldSize` to `newSize`: PROOF(m, D[n]) of
    /// RFC 9162 §2.1.4.1 (empty when the sizes are equal or the old tree is empty).
    public static func consistencyPlan(oldSize: UInt64, newSize: UInt64) throws(MerkleError) -> MerkleReadPlan {
        guard oldSize <= newSize else { throw .sizesOutOfOrder(oldSize: oldSize, newSize: newSize) }
        guard oldSize > 0, oldSize < newSize else { return MerkleReadPlan(ranges: []) }
        var ranges = [Range<UInt64>]()
        var low: UInt64 = 0
        var high = newSize
        var m = oldSize  // the old size relative to `low`
        var complete = true  // SUBPROOF's flag b
        while true {
            if m == high - low {
                if !complete { ranges.append(low..<high) }
                break
            }
            let k = splitPoint(high - low)
            if m <= k {
                ranges.append((low + k)..<high)
                high = low + k
            } else {
                ranges.append(low..<(low + k))
                m -= k
                low += k
                complete = false
            }
        }
        return MerkleReadPlan(ranges: ranges.reversed())
    }

    /// The largest power of two strictly smaller than `n` (n ≥ 2).
    static func splitPoint(_ n: UInt64) -> UInt64 {
        1 << UInt64(63 - (n - 1).leadingZeroBitCount)
    }
}
