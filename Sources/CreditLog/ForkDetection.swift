/// Why two checkpoints could not be compared.
public enum ForkDetectionError: Error, Equatable, Sendable {
    case differentOrigins(String, String)
    case checkpoint(CheckpointError)

    /// The reason in Chinese.
    public var message: String {
        switch self {
        case .differentOrigins(let first, let second):
            "两个检查点来自不同的日志（“\(first)”与“\(second)”），无法比较"
        case .checkpoint(let error):
            error.message
        }
    }
}

/// What comparing two checkpoints of one log shows.
public enum ForkVerdict: Hashable, Sendable {
    /// Same size and root, or the smaller is proven to be a prefix of the larger.
    case consistent
    /// Different sizes and no consistency proof was given: nothing can be concluded yet.
    case undetermined
    /// The log has shown two incompatible trees.
    case fork(ForkEvidence)

    public var isFork: Bool {
        if case .fork = self { true } else { false }
    }
}

/// The evidence of a fork.
public enum ForkEvidence: Hashable, Sendable {
    /// Two checkpoints of the same size with different roots.
    case sameSizeDifferentRoots(size: UInt64, first: MerkleHash, second: MerkleHash)
    /// The consistency proof between the two checkpoints fails.
    case inconsistentProof(oldSize: UInt64, newSize: UInt64, reason: MerkleError)

    /// The evidence in Chinese.
    public var message: String {
        switch self {
        case .sameSizeDifferentRoots(let size, _, _):
            "分叉：两个大小同为\(size)的检查点根哈希不同"
        case .inconsistentProof(let oldSize, let newSize, let reason):
            "分叉：大小\(oldSize)与\(newSize)的检查点之间的一致性证明不成立（\(reason.message)）"
        }
    }
}

/// Compares checkpoints of one log, e.g. the ones two different witnesses cosigned.
///
/// Same-size checkpoints with different roots are self-evident proof of a fork once both carry the
/// log's signature. For different sizes, a consistency proof (from the log or a mirror) decides: if it
/// fails, the pair is reported as a fork.
public enum ForkDetector {
    public static func compare(
        _ first: LogCheckpoint, _ second: LogCheckpoint, consistencyProof: [MerkleHash]? = nil
    ) throws(ForkDetectionError) -> ForkVerdict {
        guard first.origin == second.origin else { throw .differentOrigins(first.origin, second.origin) }
        if first.size == second.size {
            return first.rootHash == second.rootHash
                ? .consistent
                : .fork(.sameSizeDifferentRoots(size: first.size, first: first.rootHash, second: second.rootHash))
        }
        guard let consistencyProof else { return .undetermined }
        let (older, newer) = first.size < second.size ? (first, second) : (second, first)
        do {
            try MerkleProofVerifier.verifyConsistency(
                oldSize: older.size, newSize: newer.size, oldRoot: older.rootHash, newRoot: newer.rootHash,
                proof: consistencyProof)
            return .consistent
        } catch {
            return .fork(.inconsistentProof(oldSize: older.size, newSize: newer.size, reason: error))
        }
    }

    /// Compares two signed checkpoint notes; both must carry a valid signature of the log, since only
    /// then is a disagreement the log's fault. Witness cosignatures on them are left unchecked here
    /// (check them with `SignedNote.verify(with:)` to know which witnesses saw which tree).
    public static func compare(
        _ first: String, _ second: String, logVerifier: any NoteVerifier, consistencyProof: [MerkleHash]? = nil
    ) throws(ForkDetectionError) -> ForkVerdict {
        let a: SignedCheckpoint
        let b: SignedCheckpoint
        do {
            a = try LogCheckpoint.open(first, logVerifier: logVerifier)
            b = try LogCheckpoint.open(second, logVerifier: logVerifier)
        } catch {
            throw .checkpoint(error)
        }
        return try compare(a.checkpoint, b.checkpoint, consistencyProof: consistencyProof)
    }
}
