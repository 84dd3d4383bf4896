import Foundation

/// Big integers travel as base64 of their big-endian magnitude, with a leading "-" when negative.
extension GMPInteger: Codable {
    public convenience init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let negative = text.hasPrefix("-")
        guard let data = Data(base64Encoded: negative ? String(text.dropFirst()) : text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "大整数编码无效（应为 base64）"))
        }
        self.init(bigEndian: [UInt8](data))
        if negative { negateInPlace() }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let text = Data(bigEndianBytes).base64EncodedString()
        try container.encode(signum < 0 ? "-" + text : text)
    }
}
