import Foundation
import SQLKit

/// Marketplace rows keep their domain value as canonical JSON in a `detail` column, beside the few
/// columns queries filter on; one encoder and decoder for all of them.
enum DetailCoding {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(type, from: Data(text.utf8))
    }
}

extension SQLDatabase {
    /// Runs an `INSERT … RETURNING id` and returns the id.
    func insertReturningID(_ query: SQLQueryString, what: String) async throws -> Int64 {
        guard let row = try await raw(query).first(), let id = try? row.decode(column: "id", as: Int64.self) else {
            throw PersistenceError.missingRow(what)
        }
        return id
    }
}
