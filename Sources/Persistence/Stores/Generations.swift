import FluentKit
import SQLKit

/// A kind of data whose readers keep what they build from it (see `CreateGenerations`).
public enum Generation: String, CaseIterable, Sendable {
    /// What a firm's profile shows: records, their flags and objections, registrations, evaluations.
    case profiles
    /// Firms' authorisations and credit commitments.
    case consents
    /// Institutions' loan products.
    case products
}

/// The generation counters. A writer bumps the counter of what it changed inside its transaction, as late
/// as possible (on PostgreSQL the row stays locked until the transaction ends). A reader reads the
/// counters before the data they stamp: data read after is at least that new, so a kept value is never
/// newer-labelled than its content.
public enum Generations {
    static func bump(_ generation: Generation, on database: any Database) async throws {
        try await database.sql().raw("UPDATE generations SET value = value + 1 WHERE name = \(bind: generation.rawValue)").run()
    }

    /// Every counter, in one query.
    public static func current(on database: any Database) async throws -> [Generation: Int64] {
        struct Row: Decodable { let name: String; let value: Int64 }
        let rows = try await database.sql().raw("SELECT name, value FROM generations").all(decoding: Row.self)
        return Dictionary(rows.compactMap { row in Generation(rawValue: row.name).map { ($0, row.value) } }, uniquingKeysWith: max)
    }
}
