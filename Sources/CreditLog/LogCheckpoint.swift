/// Why a checkpoint was rejected.
public enum CheckpointError: Error, Equatable, Sendable {
    case tooFewLines
    case emptyOrigin
    case invalidSize(String)
    case invalidRootHash(String)
    case invalidLine(String)
    case wrongOrigin(expected: String, found: String)
    case note(NoteError)

    /// The reason in Chinese.
    public var message: String {
        switch self {
        case .tooFewLines: "检查点至少应有三行：来源、树大小、根哈希"
        case .emptyOrigin: "检查点的来源行不能为空"
        case .invalidSize(let text): "检查点的树大小“\(text)”无效：应为不带前导零的十进制数"
        case .invalidRootHash(let text): "检查点的根哈希“\(text)”无效：应为32字节的标准 base64 编码"
        case .invalidLine(let text): "检查点含有无效的行“\(text)”：扩展行不能为空，且不得含控制字符"
        case .wrongOrigin(let expected, let found): "检查点来源应为“\(expected)”，实际为“\(found)”"
        case .note(let error): "检查点签名无效：\(error.message)"
        }
    }
}

/// A C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the note text
/// `origin\nsize\nbase64(root)\n` followed by optional, non-empty extension lines.
public struct LogCheckpoint: Hashable, Sendable {
    /// The log's identity, e.g. `xyd.example.cn/log`.
    public let origin: String
    /// The number of leaves.
    public let size: UInt64
    /// The RFC 6962 root at that size.
    public let rootHash: MerkleHash
    /// Opaque extra lines (not recommended by the spec: monitors cannot audit them).
    public let extensionLines: [String]

    public init(origin: String, size: UInt64, rootHash: MerkleHash, extensionLines: [String] = []) throws(CheckpointError) {
        guard !origin.isEmpty else { throw .emptyOrigin }
        for line in [origin] + extensionLines {
            try LogCheckpoint.validateLine(line)
        }
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensionLines = extensionLines
    }

    /// Parses the note text of a checkpoint.
    public init(text: String) throws(CheckpointError) {
        let bytes = Array(text.utf8)
        guard bytes.last == 0x0A else { throw .note(.textMustEndWithNewline) }
        let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard lines.count >= 3 else { throw .tooFewLines }
        let sizeText = lines[1]
        guard let size = LogCheckpoint.parseSize(sizeText) else { throw .invalidSize(sizeText) }
        guard let rootHash = MerkleHash(base64: lines[2]) else { throw .invalidRootHash(lines[2]) }
        try self.init(origin: lines[0], size: size, rootHash: rootHash, extensionLines: Array(lines[3...]))
    }

    /// The note text.
    public var text: String {
        ([origin, String(size), rootHash.base64] + extensionLines).map { $0 + "\n" }.joined()
    }

    /// The checkpoint signed by the log as a note.
    public func signed(by logSigner: any NoteSigner) throws(CheckpointError) -> SignedNote {
        do {
            return try SignedNote.sign(text: text, signers: [logSigner])
        } catch {
            throw .note(error)
        }
    }

    /// Parses a signed checkpoint, requiring a valid signature from the log's key (other signatures,
    /// such as witness cosignatures, are kept but not checked) and, if given, the expected origin.
    public static func open(
        _ message: String, logVerifier: any NoteVerifier, origin: String? = nil
    ) throws(CheckpointError) -> SignedCheckpoint {
        let verified: VerifiedNote
        do {
            verified = try SignedNote.open(message, verifiers: [logVerifier])
        } catch {
            throw .note(error)
        }
        let checkpoint = try LogCheckpoint(text: verified.text)
        if let origin, origin != checkpoint.origin {
            throw .wrongOrigin(expected: origin, found: checkpoint.origin)
        }
        return SignedCheckpoint(checkpoint: checkpoint, note: verified.note)
    }

    /// ASCII decimal without leading zeroes ("0" for the empty tree).
    static func parseSize(_ text: String) -> UInt64? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count <= 20, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        guard digits.count == 1 || digits[0] != 0x30 else { return nil }
        return UInt64(text)
    }

    static func validateLine(_ line: String) throws(CheckpointError) {
        guard !line.isEmpty, !line.utf8.contains(0x0A) else { throw .invalidLine(line) }
        do {
            try SignedNote.validateCharacters(Array(line.utf8))
        } catch {
            throw .invalidLine(line)
        }
    }
}

/// A checkpoint together with the note that carried it (log signature and any cosignatures).
public struct SignedCheckpoint: Hashable, Sendable {
    public let checkpoint: LogCheckpoint
    public let note: SignedNote
}
