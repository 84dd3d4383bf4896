/// `Day` has no `Codable` conformance of its own; loan values encode days as `YYYY-MM-DD` strings.
extension KeyedEncodingContainer {
    mutating func encodeLoanDay(_ day: Day, forKey key: Key) throws {
        try encode(day.description, forKey: key)
    }
}

extension KeyedDecodingContainer {
    func decodeLoanDay(forKey key: Key) throws -> Day {
        let text = try decode(String.self, forKey: key)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected YYYY-MM-DD, got \(text)")
        }
        return day
    }
}
