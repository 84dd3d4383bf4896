/// Why a loan is not covered or a claim not payable: a stable code for machines and a Chinese sentence.
public struct FundReason: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var code: String
    public var text: String

    public init(code: String, text: String) { self.code = code; self.text = text }

    public var description: String { text }
}
