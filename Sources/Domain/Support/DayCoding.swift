import Foundation

// Marketplace and loan values encode their days as ISO `YYYY-MM-DD` text with these helpers (written before
// `Day` was Codable); newer values use `Day`'s own Codable conformance, which is the same text.

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM-DD, got \(text)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension KeyedDecodingContainer {
    func decodeMarketplaceDay(forKey key: Key) throws -> Day {
        let text = try decode(String.self, forKey: key)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected YYYY-MM-DD, got \(text)")
        }
        return day
    }

    func decodeMarketplaceDayIfPresent(forKey key: Key) throws -> Day? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeMarketplaceDay(forKey: key)
    }
}

extension KeyedEncodingContainer {
    mutating func encodeMarketplaceDay(_ day: Day, forKey key: Key) throws {
        try encode(day.description, forKey: key)
    }

    mutating func encodeMarketplaceDayIfPresent(_ day: Day?, forKey key: Key) throws {
        try encodeIfPresent(day?.description, forKey: key)
    }
}
