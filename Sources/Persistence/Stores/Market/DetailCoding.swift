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

extension SQLDatabase {
    /// Reserves `count` new ids of `table` inside the current transaction, so that many rows can be inserted
    /// in one statement with their ids known (a multi-row `RETURNING` does not say which id is whose row).
    /// PostgreSQL draws them from the identity sequence; SQLite takes the write lock first (a write that
    /// changes nothing), then continues after the largest id the table has ever had.
    func reserveIDs(_ table: String, count: Int) async throws -> [Int64] {
        guard count > 0 else { return [] }
        switch DatabaseKind(self) {
        case .postgres:
            return try await raw("""
                SELECT nextval(pg_get_serial_sequence(\(bind: table), 'id')) AS id FROM generate_series(1, \(bind: count))
                """).all(decoding: ReservedID.self).map(\.id)
        case .sqlite:
            try await raw("UPDATE \(ident: table) SET id = id WHERE id < 0").run()
            let last = try await raw("""
                SELECT MAX(COALESCE((SELECT MAX(id) FROM \(ident: table)), 0),
                  COALESCE((SELECT seq FROM sqlite_sequence WHERE name = \(bind: table)), 0)) AS id
                """).first(decoding: ReservedID.self)?.id ?? 0
            return (1...Int64(count)).map { last + $0 }
        }
    }
}

private struct ReservedID: Decodable { let id: Int64 }
