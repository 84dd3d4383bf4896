import FluentKit
import SQLKit

/// The profile generation (see `CreateProfileGeneration`): bumped inside each transaction that changes a
/// profile, read by caches of built profiles. Read it before reading the data it stamps: data read after
/// is at least that new, so a cached profile is never newer-labelled than its content.
public enum ProfileGeneration {
    /// Increments the generation; call inside the changing transaction, as late as possible (on PostgreSQL
    /// the row stays locked until the transaction ends).
    public static func bump(on database: any Database) async throws {
        try await database.sql().raw("UPDATE profile_generation SET value = value + 1 WHERE id = 1").run()
    }

    public static func current(on database: any Database) async throws -> Int64 {
        struct Row: Decodable { let value: Int64 }
        return try await database.sql().raw("SELECT value FROM profile_generation WHERE id = 1")
            .first(decoding: Row.self)?.value ?? 0
    }
}
