/// Why a signed note, a note key or a note signature was rejected.
public enum NoteError: Error, Equatable, Sendable {
    case textMustEndWithNewline
    case invalidCharacters
    case missingSignatureBlock
    case malformedSignatureLine(String)
    case tooManySignatures(limit: Int)
    case invalidKeyName(String)
    case malformedKey
    case keyIDMismatch(expected: UInt32, computed: UInt32)
    case unsupportedAlgorithm(UInt8)
    case wrongKeyLength(expected: Int, found: Int)
    case invalidSignature(name: String, keyID: UInt32)
    case noVerifiedSignature
    case duplicateVerifier(name: String, keyID: UInt32)
    case signingFailed(String)
    case timestampOutOfRange(UInt64)

    /// The reason in Chinese.
    public var message: String {
        switch self {
        case .textMustEndWithNewline:
            "签名文本必须以换行符结尾"
        case .invalidCharacters:
            "签名文本必须是有效的 UTF-8，且除换行符外不得含有控制字符"
        case .missingSignatureBlock:
            "签名文本格式错误：缺少空行后的签名块"
        case .malformedSignatureLine(let line):
            "签名行格式错误：“\(line)”"
        case .tooManySignatures(let limit):
            "签名数量超过上限\(limit)个"
        case .invalidKeyName(let name):
            "密钥名称“\(name)”无效：不能为空，不能含空白字符或加号"
        case .malformedKey:
            "密钥文本格式错误"
        case .keyIDMismatch(let expected, let computed):
            "密钥编号不符：文本中为\(NoteKeyID.hex(expected))，按公钥计算为\(NoteKeyID.hex(computed))"
        case .unsupportedAlgorithm(let algorithm):
            "不支持的签名算法标识 0x\(TransparencyLogHex.encode([algorithm]))"
        case .wrongKeyLength(let expected, let found):
            "密钥长度错误：应为\(expected)字节，实际为\(found)字节"
        case .invalidSignature(let name, let keyID):
            "已知密钥“\(name)”（编号\(NoteKeyID.hex(keyID))）的签名验证失败"
        case .noVerifiedSignature:
            "没有任何受信任密钥的有效签名"
        case .duplicateVerifier(let name, let keyID):
            "受信任密钥列表中“\(name)”（编号\(NoteKeyID.hex(keyID))）重复出现"
        case .signingFailed(let detail):
            "签名失败：\(detail)"
        case .timestampOutOfRange(let value):
            "时间戳\(value)超出允许范围（不得超过 2^63-1）"
        }
    }
}
