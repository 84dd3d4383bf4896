/// Why a Merkle tree operation or proof check failed.
public enum MerkleError: Error, Hashable, Sendable {
    /// Why a proof was rejected.
    public enum ProofFailure: Hashable, Sendable {
        /// The proof has more or fewer hashes than the claimed position and size allow.
        case wrongLength
        /// The hashes recompute to a different root.
        case rootMismatch
        /// The hashes recompute to a different old root (consistency proofs).
        case oldRootMismatch
        /// A consistency proof between different, non-empty sizes must not be empty.
        case emptyProof
        /// Equal sizes (or an empty old tree) need an empty proof.
        case unexpectedProof
        /// The old tree is empty but its root is not the empty-tree hash.
        case emptyTreeRootMismatch
    }

    case leafIndexOutOfRange(index: UInt64, size: UInt64)
    case sizeBeyondTree(size: UInt64, treeSize: UInt64)
    case sizesOutOfOrder(oldSize: UInt64, newSize: UInt64)
    case inclusionProofInvalid(ProofFailure)
    case consistencyProofInvalid(ProofFailure)
    case missingNode(level: Int, index: UInt64)
    case nodeConflict(level: Int, index: UInt64)
    case invalidNodeID(level: Int, index: UInt64)
    case wrongHashCount(expected: Int, found: Int)
    case storeFailure(String)

    /// The reason in Chinese.
    public var message: String {
        switch self {
        case .leafIndexOutOfRange(let index, let size):
            "叶子序号\(index)超出范围：树中只有\(size)个叶子"
        case .sizeBeyondTree(let size, let treeSize):
            "请求的树大小\(size)超过当前日志大小\(treeSize)"
        case .sizesOutOfOrder(let oldSize, let newSize):
            "旧树大小\(oldSize)不能大于新树大小\(newSize)"
        case .inclusionProofInvalid(let failure):
            "包含证明无效：\(failure.message)"
        case .consistencyProofInvalid(let failure):
            "一致性证明无效：\(failure.message)"
        case .missingNode(let level, let index):
            "存储中缺少第\(level)层第\(index)个节点"
        case .nodeConflict(let level, let index):
            "第\(level)层第\(index)个节点已存在且哈希不同，日志只允许追加"
        case .invalidNodeID(let level, let index):
            "节点编号无效（第\(level)层第\(index)个）"
        case .wrongHashCount(let expected, let found):
            "哈希数量不符：应为\(expected)个，实际为\(found)个"
        case .storeFailure(let detail):
            "节点存储出错：\(detail)"
        }
    }
}

extension MerkleError.ProofFailure {
    /// The reason in Chinese.
    public var message: String {
        switch self {
        case .wrongLength: "证明中的哈希个数与声明的位置或大小不符"
        case .rootMismatch: "重新计算的根哈希与声明的根哈希不一致"
        case .oldRootMismatch: "重新计算的旧根哈希与声明的旧根哈希不一致"
        case .emptyProof: "两个不同大小的非空树之间的证明不能为空"
        case .unexpectedProof: "大小相同或旧树为空时证明必须为空"
        case .emptyTreeRootMismatch: "空树的根哈希应为空串的 SHA-256"
        }
    }
}
