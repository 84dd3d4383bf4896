import Foundation
import FluentKit
import SQLKit

/// Each firm's current public credit evaluation, and every change of its score.
struct CreateEvaluationTables: AsyncMigration {
    var name: String { "003_evaluations" }

    func prepare(on database: any Database) async throws {
        let id = DatabaseKind(try database.sql()).identity
        try await Schema.apply([
            """
            CREATE TABLE IF NOT EXISTS evaluations (uscc TEXT PRIMARY KEY, score INTEGER NOT NULL, grade TEXT NOT NULL,
              model_version INTEGER NOT NULL, as_of TEXT NOT NULL, detail TEXT NOT NULL, evaluated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS evaluations_grade ON evaluations (grade)",
            """
            CREATE TABLE IF NOT EXISTS evaluation_history (id \(id), uscc TEXT NOT NULL, score INTEGER NOT NULL,
              grade TEXT NOT NULL, model_version INTEGER NOT NULL, as_of TEXT NOT NULL, evaluated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS evaluation_history_uscc ON evaluation_history (uscc, id)",
        ], on: database)
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP TABLE IF EXISTS evaluation_history").run()
        try await sql.raw("DROP TABLE IF EXISTS evaluations").run()
    }
}
