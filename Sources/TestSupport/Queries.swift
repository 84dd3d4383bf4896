import Fluent
import SQLKit
import Vapor

extension Application {
    /// Rows in a table, for tests that check nothing was left behind.
    public func rawCount(_ table: String) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return -1 }
        return try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
    }
}
