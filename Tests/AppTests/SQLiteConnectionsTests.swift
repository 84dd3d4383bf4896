@testable import App
import Fluent
import FluentSQLiteDriver
import SQLKit
import Testing
import TestSupport
import Vapor

/// SQLite: the requests' reads go through several connections per event loop (FluentSQLiteDriver alone keeps
/// one), and every connection sleeps while another holds the write lock instead of spinning on a core.
@Suite struct SQLiteConnectionsTests {
    @Test func readsAreSpreadOverSeveralConnectionsThatSleepWhileBusy() async throws {
        try await withTestApp(.sqlite) { app in
            let loop = app.eventLoopGroup.any()
            var handles: [any SQLDatabase] = []
            for _ in 0..<SQLiteReaders.pools {
                handles.append(try #require(app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase))
            }
            // A temporary table belongs to its connection: each handle in a row sees only the row it wrote.
            for (index, sql) in handles.enumerated() {
                try await sql.raw("CREATE TEMP TABLE IF NOT EXISTS connection_mark (n INTEGER)").run()
                try await sql.raw("INSERT INTO connection_mark VALUES (\(bind: index))").run()
            }
            struct Count: Decodable { let n: Int }
            struct Timeout: Decodable { let timeout: Int64 }
            for sql in handles {
                #expect(try await sql.raw("SELECT COUNT(*) AS n FROM temp.connection_mark").first(decoding: Count.self)?.n == 1)
                #expect(try await sql.raw("PRAGMA busy_timeout").first(decoding: Timeout.self)?.timeout == 2_147_483_647)
            }
        }
    }
}
