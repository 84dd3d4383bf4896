/// Why a witness refused to cosign a checkpoint.
public enum WitnessError: Error, Equatable, Sendable {
    /// The checkpoint is malformed, not signed by the log, or for another log.
    case checkpoint(CheckpointError)
    /// The submitter's idea of the witness's size is stale (tlog-witness answers 409 with the real size).
    case oldSizeMismatch(claimed: UInt64, actual: UInt64)
    /// The checkpoint is smaller than the one the witness already verified.
    case rollback(currentSize: UInt64, offeredSize: UInt64)
    /// Same size, different root: the log has shown two different trees (a fork).
    case conflictingRoot(size: UInt64, known: MerkleHash, offered: MerkleHash)
    /// The consistency proof from the witness's checkpoint does not verify.
    case inconsistent(MerkleError)
    /// The cosignature could not be made.
    case cosigning(NoteError)

    /// The reason in Chinese.
    public var message: String {
        switch self {
        case .checkpoint(let error):
            error.message
        case .oldSizeMismatch(let claimed, let actual):
            "提交方认为见证方的树大小为\(claimed)，实际为\(actual)"
        case .rollback(let currentSize, let offeredSize):
            "拒绝回退：见证方已验证的树大小为\(currentSize)，提交的检查点只有\(offeredSize)"
        case .conflictingRoot(let size, _, _):
            "检测到分叉：同为大小\(size)的树出现了不同的根哈希"
        case .inconsistent(let error):
            "新检查点与见证方已验证的检查点不一致：\(error.message)"
        case .cosigning(let error):
            "见证签名失败：\(error.message)"
        }
    }
}

/// The latest checkpoint a witness has verified for a log.
public struct WitnessState: Hashable, Sendable {
    public let size: UInt64
    public let rootHash: MerkleHash

    public init(size: UInt64, rootHash: MerkleHash) {
        self.size = size
        self.rootHash = rootHash
    }

    /// The state before any checkpoint: the empty tree.
    public static let empty = WitnessState(size: 0, rootHash: MerkleHasher.emptyRoot)
}

/// What a witness hands back after accepting a checkpoint.
public struct WitnessCosignature: Hashable, Sendable {
    public let checkpoint: LogCheckpoint
    /// The cosignature line.
    public let signature: NoteSignature
    /// The submitted note with the cosignature added.
    public let cosignedNote: SignedNote
}

/// A witness for one log (c2sp.org/tlog-witness semantics, as pure logic): it only cosigns a
/// checkpoint that is signed by the log and consistent with the last checkpoint it verified, so the
/// log cannot show different histories to different parties without being caught.
public struct LogWitness: Sendable {
    public let origin: String
    public let logVerifier: any NoteVerifier
    public let cosigner: CosignatureV1Signer
    /// The last verified checkpoint (persist it between runs).
    public private(set) var state: WitnessState

    public init(origin: String, logVerifier: any NoteVerifier, cosigner: CosignatureV1Signer, state: WitnessState = .empty) {
        self.origin = origin
        self.logVerifier = logVerifier
        self.cosigner = cosigner
        self.state = state
    }

    /// Verifies a signed checkpoint and a consistency proof from the witness's current size, then
    /// cosigns it at `timestamp` (POSIX seconds) and advances the state. A checkpoint of the current
    /// size and root is cosigned again (with an empty proof). `claimedOldSize`, if given, is the size
    /// the submitter believes the witness is at.
    public mutating func update(
        checkpoint message: String, consistencyProof: [MerkleHash], claimedOldSize: UInt64? = nil, timestamp: UInt64
    ) throws(WitnessError) -> WitnessCosignature {
        let (newState, cosignature) = try evaluate(
            checkpoint: message, consistencyProof: consistencyProof, claimedOldSize: claimedOldSize,
            timestamp: timestamp)
        state = newState
        return cosignature
    }

    /// The same checks as `update` without changing the witness: the new state and the cosignature.
    public func evaluate(
        checkpoint message: String, consistencyProof: [MerkleHash], claimedOldSize: UInt64? = nil, timestamp: UInt64
    ) throws(WitnessError) -> (WitnessState, WitnessCosignature) {
        let signed: SignedCheckpoint
        do {
            signed = try LogCheckpoint.open(message, logVerifier: logVerifier, origin: origin)
        } catch {
            throw .checkpoint(error)
        }
        let checkpoint = signed.checkpoint
        if let claimedOldSize, claimedOldSize != state.size {
            throw .oldSizeMismatch(claimed: claimedOldSize, actual: state.size)
        }
        guard checkpoint.size >= state.size else {
            throw .rollback(currentSize: state.size, offeredSize: checkpoint.size)
        }
        if checkpoint.size == state.size && checkpoint.rootHash != state.rootHash {
            throw .conflictingRoot(size: state.size, known: state.rootHash, offered: checkpoint.rootHash)
        }
        do {
            try MerkleProofVerifier.verifyConsistency(
                oldSize: state.size, newSize: checkpoint.size, oldRoot: state.rootHash,
                newRoot: checkpoint.rootHash, proof: consistencyProof)
        } catch {
            throw .inconsistent(error)
        }
        do {
            let signature = try cosigner.cosign(checkpointText: signed.note.text, timestamp: timestamp)
            let cosigned = try signed.note.adding(signature)
            return (
                WitnessState(size: checkpoint.size, rootHash: checkpoint.rootHash),
                WitnessCosignature(checkpoint: checkpoint, signature: signature, cosignedNote: cosigned)
            )
        } catch {
            throw .cosigning(error)
        }
    }
}
