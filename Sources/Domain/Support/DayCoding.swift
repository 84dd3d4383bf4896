import Foundation

// `Day` is not Codable; marketplace and loan values encode their days as ISO `YYYY-MM-DD` text.

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
