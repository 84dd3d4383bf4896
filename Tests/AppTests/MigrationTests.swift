import App
import Fluent
import Foundation
import SQLKit
import Testing
import TestSupport
import VaporTesting

@Suite struct MigrationTests {
    /// A process killed after a migration's tables exist but before Fluent recorded it must not block the
    /// next start: the migration runs again and completes.
    @Test(arguments: Backend.allCases)
    func aMigrationInterruptedBeforeItWasRecordedRunsAgain(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("DELETE FROM _fluent_migrations WHERE name = '002_jobs'").run()
            try await app.autoMigrate()
            let recorded = try await sql.raw("SELECT COUNT(*) AS n FROM _fluent_migrations WHERE name = '002_jobs'")
                .first()?.decode(column: "n", as: Int.self)
            #expect(recorded == 1)
        }
    }
}
