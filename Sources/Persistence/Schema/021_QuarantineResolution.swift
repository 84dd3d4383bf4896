import Foundation
import FluentKit
import SQLKit

/// A rejected row knows its dataset, record id, department and reason, and is marked resolved (`resolved_batch`) when a
/// later batch stores that record: the quarantine then counts only what is still outstanding. Rows quarantined before
/// this migration get their dataset and department from their batch and their record id and reason from the stored row.
struct QuarantineResolution: AsyncMigration {
    var name: String { "021_quarantine_resolution" }

    func prepare(on database: any Database) async throws {
        let kind = DatabaseKind(try database.sql())
        try await database.transaction { tx in
            let sql = try tx.sql()
            try await CreateMarketplaceTables.addColumns(on: sql, kind: kind, table: "quarantine", [
                ("dataset", "TEXT NOT NULL DEFAULT ''"), ("record_id", "TEXT NOT NULL DEFAULT ''"), ("department_id", "BIGINT"),
                ("reason", "TEXT NOT NULL DEFAULT ''"), ("resolved_batch", "BIGINT"),
            ])
            try await sql.raw("""
                UPDATE quarantine SET dataset = (SELECT b.dataset FROM batches b WHERE b.id = quarantine.batch_id),
                  department_id = (SELECT b.department_id FROM batches b WHERE b.id = quarantine.batch_id)
                """).run()
            struct Row: Decodable { let id: Int64; let problems: String; let raw: String }
            var after: Int64 = 0
            while true {
                let rows = try await sql.raw("""
                    SELECT id, problems, raw FROM quarantine WHERE id > \(bind: after) ORDER BY id LIMIT 1000
                    """).all(decoding: Row.self)
                guard let last = rows.last else { break }
                for row in rows {
                    let raw = (try? JSONDecoder().decode([[String]].self, from: Data(row.raw.utf8))) ?? []
                    let recordID = raw.first { $0.first == "record_id" }.flatMap { $0.count > 1 ? $0[1] : nil } ?? ""
                    let reason = QuarantineReason.of(problemsJSON: row.problems)
                    try await sql.raw("""
                        UPDATE quarantine SET record_id = \(bind: recordID), reason = \(bind: reason) WHERE id = \(bind: row.id)
                        """).run()
                }
                after = last.id
            }
            try await sql.raw("CREATE INDEX IF NOT EXISTS quarantine_record ON quarantine (dataset, record_id)").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS quarantine_open ON quarantine (resolved_batch, department_id)").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP INDEX IF EXISTS quarantine_record").run()
        try await sql.raw("DROP INDEX IF EXISTS quarantine_open").run()
    }
}

/// What a quarantined row is counted under: the field of its first problem (`缴费类别`), or 整行 for a row-level one.
enum QuarantineReason {
    static func of(problemsJSON: String) -> String {
        struct Problem: Decodable { let field: String }
        let problems = (try? JSONDecoder().decode([Problem].self, from: Data(problemsJSON.utf8))) ?? []
        return of(fields: problems.map(\.field))
    }

    static func of(fields: [String]) -> String {
        guard let field = fields.first, !field.isEmpty else { return "整行" }
        return field
    }
}
