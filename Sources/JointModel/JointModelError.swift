/// Errors of the joint-modelling core. The descriptions are user-facing, in Simplified Chinese.
public enum JointModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case keyTooShort(bits: Int)
    case plaintextOverflow
    case ciphertextOutOfRange
    case keyMismatch
    case lowOrderPoint
    case unexpectedMessage(expected: String, got: String)
    case malformedMessage(String)
    case dimensionMismatch(expected: Int, got: Int)
    case emptyIntersection
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .keyTooShort(let bits): "密钥长度不足：\(bits) 位（至少需要 1024 位，生产环境至少 2048 位）"
        case .plaintextOverflow: "明文超出可编码范围（同态运算溢出）"
        case .ciphertextOutOfRange: "密文不在合法范围内"
        case .keyMismatch: "密文与公钥不匹配"
        case .lowOrderPoint: "标识哈希落在低阶点上，无法盲化"
        case .unexpectedMessage(let expected, let got): "协议消息顺序错误：期望 \(expected)，收到 \(got)"
        case .malformedMessage(let what): "协议消息格式错误：\(what)"
        case .dimensionMismatch(let expected, let got): "维度不一致：期望 \(expected)，实际 \(got)"
        case .emptyIntersection: "双方没有共同的企业，无法联合建模"
        case .invalidConfiguration(let what): "参数无效：\(what)"
        }
    }
}
