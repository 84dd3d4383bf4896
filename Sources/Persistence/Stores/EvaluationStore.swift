import Domain
import FluentKit
import Foundation
import PostgresNIO
import SQLiteNIO
import SQLKit

/// Stored evaluations: the current one per firm (with its explanation) and a history of score changes.
public struct EvaluationStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// One entry of a firm's grade history.
    public struct Change: Sendable, Equatable, Codable {
        public var score: Int
        public var grade: String
        public var modelVersion: Int
        public var asOf: String
        public var evaluatedAt: Date
    }

    /// Saves evaluations; a history entry is added only when the score or grade changed.
    /// On SQLite and PostgreSQL the rows go in a few statements with the drivers' own values (multi-row
    /// upserts; arrays through `unnest` on PostgreSQL): one statement per firm dominated a whole city's save.
    public func save(_ evaluations: [Evaluation], at now: Date = Date()) async throws {
        guard !evaluations.isEmpty else { return }
        // Read before the transaction: on SQLite a transaction that reads first cannot start writing once
        // another connection (a batch) has committed in between.
        struct Current: Decodable { let uscc: String; let score: Int; let grade: String }
        let existing = try await database.sql().raw("""
            SELECT uscc, score, grade FROM evaluations WHERE uscc IN (\(binds: evaluations.map(\.uscc)))
            """).all(decoding: Current.self)
        let current = Dictionary(existing.map { ($0.uscc, $0) }, uniquingKeysWith: { a, _ in a })
        let millis = epochMillis(now)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var rows: [Row] = []
        rows.reserveCapacity(evaluations.count)
        var changed: [Evaluation] = []
        for evaluation in evaluations {
            rows.append(Row(evaluation, detail: String(decoding: try encoder.encode(evaluation), as: UTF8.self)))
            if let before = current[evaluation.uscc], before.score == evaluation.score, before.grade == evaluation.grade {
                continue
            }
            changed.append(evaluation)
        }
        // A firm given twice: its last evaluation is kept, as when the rows were written one by one.
        if Set(evaluations.map(\.uscc)).count != evaluations.count {
            var last: [String: Int] = [:]
            for (index, row) in rows.enumerated() { last[row.uscc] = index }
            rows = rows.enumerated().filter { last[$0.element.uscc] == $0.offset }.map(\.element)
        }
        let upserts = rows, additions = changed
        try await database.write { unit in
            let tx = unit.database
            let rows = upserts, changed = additions
            if let sqlite = tx as? any SQLiteDatabase {
                try await Self.sqliteSave(rows, changed: changed, millis: millis, on: sqlite)
            } else if let postgres = tx as? any PostgresDatabase {
                try await Self.postgresSave(rows, changed: changed, millis: millis, on: postgres)
            } else {
                try await Self.genericSave(rows, changed: changed, millis: millis, on: tx.sql())
            }
            unit.log(contentsOf: try evaluations.map { try LogEvents.evaluation($0, at: now) })
            unit.bump(.profiles)
        }
    }

    /// An `evaluations` row.
    struct Row: Sendable {
        var uscc: String, score: Int, grade: String, modelVersion: Int, asOf: String, detail: String
        init(_ evaluation: Evaluation, detail: String) {
            uscc = evaluation.uscc; score = evaluation.score; grade = evaluation.grade
            modelVersion = evaluation.modelVersion; asOf = evaluation.asOf; self.detail = detail
        }
    }

    static let upsertTail = """
         ON CONFLICT (uscc) DO UPDATE SET score = excluded.score, grade = excluded.grade,
          model_version = excluded.model_version, as_of = excluded.as_of, detail = excluded.detail,
          evaluated_at = excluded.evaluated_at
        """

    /// SQLite: multi-row statements, 500 rows each (far below the bound-parameter limit).
    static func sqliteSave(_ rows: [Row], changed: [Evaluation], millis: Int64, on sqlite: any SQLiteDatabase) async throws {
        try await sqliteInsert("evaluations", ["uscc", "score", "grade", "model_version", "as_of", "detail"], rows.map {
            [.text($0.uscc), .integer($0.score), .text($0.grade), .integer($0.modelVersion), .text($0.asOf), .text($0.detail)]
        }, millis: millis, tail: upsertTail, on: sqlite)
        try await sqliteInsert("evaluation_history", ["uscc", "score", "grade", "model_version", "as_of"], changed.map {
            [.text($0.uscc), .integer($0.score), .text($0.grade), .integer($0.modelVersion), .text($0.asOf)]
        }, millis: millis, on: sqlite)
    }

    /// Multi-row INSERTs, 500 rows a statement: each row's values for `columns`, then `evaluated_at`, bound once
    /// as ?1 = `millis`.
    static func sqliteInsert(_ table: String, _ columns: [String], _ rows: [[SQLiteData]], millis: Int64, tail: String = "",
                             on sqlite: any SQLiteDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: 500) {
            let chunk = rows[start..<min(rows.count, start + 500)]
            var sql = "INSERT INTO \(table) (\(columns.joined(separator: ", ")), evaluated_at) VALUES "
            var binds: [SQLiteData] = [.integer(Int(millis))]
            binds.reserveCapacity(1 + chunk.count * columns.count)
            for (index, row) in chunk.enumerated() {
                let p = 2 + index * columns.count
                sql += (index == 0 ? "(" : ",(") + (0..<columns.count).map { "?\(p + $0)" }.joined(separator: ",") + ",?1)"
                binds += row
            }
            _ = try await sqlite.query(sql + tail, binds)
        }
    }

    /// PostgreSQL: one statement per table, the columns bound as arrays and unpacked by `unnest` (history rows
    /// keep their order, so their ids follow the evaluations' order as before).
    static func postgresSave(_ rows: [Row], changed: [Evaluation], millis: Int64, on postgres: any PostgresDatabase) async throws {
        var upsert = PostgresBindings()
        upsert.append(rows.map(\.uscc)); upsert.append(rows.map(\.score)); upsert.append(rows.map(\.grade))
        upsert.append(rows.map(\.modelVersion)); upsert.append(rows.map(\.asOf)); upsert.append(rows.map(\.detail))
        upsert.append(millis)
        let upsertQuery = PostgresQuery(unsafeSQL: """
            INSERT INTO evaluations (uscc, score, grade, model_version, as_of, detail, evaluated_at)
            SELECT u, s, g, m, a, d, $7 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[])
              AS t(u, s, g, m, a, d)
            """ + upsertTail, binds: upsert)
        var history = PostgresBindings()
        history.append(changed.map(\.uscc)); history.append(changed.map(\.score)); history.append(changed.map(\.grade))
        history.append(changed.map(\.modelVersion)); history.append(changed.map(\.asOf)); history.append(millis)
        let historyQuery = PostgresQuery(unsafeSQL: """
            INSERT INTO evaluation_history (uscc, score, grade, model_version, as_of, evaluated_at)
            SELECT u, s, g, m, a, $6 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[])
              WITH ORDINALITY AS t(u, s, g, m, a, n) ORDER BY n
            """, binds: history)
        let hasHistory = !changed.isEmpty
        try await postgres.withConnection { connection in
            let promise = connection.eventLoop.makePromise(of: Void.self)
            promise.completeWithTask {
                try await connection.query(upsertQuery, logger: connection.logger)
                if hasHistory { try await connection.query(historyQuery, logger: connection.logger) }
            }
            return promise.futureResult
        }.get()
    }

    /// Other SQL databases: a statement per row.
    static func genericSave(_ rows: [Row], changed: [Evaluation], millis: Int64, on sql: any SQLDatabase) async throws {
        for row in rows {
            try await sql.raw("""
                INSERT INTO evaluations (uscc, score, grade, model_version, as_of, detail, evaluated_at)
                VALUES (\(bind: row.uscc), \(bind: row.score), \(bind: row.grade),
                  \(bind: row.modelVersion), \(bind: row.asOf), \(bind: row.detail), \(bind: millis))
                """ + SQLQueryString(upsertTail)).run()
        }
        for evaluation in changed {
            try await sql.raw("""
                INSERT INTO evaluation_history (uscc, score, grade, model_version, as_of, evaluated_at)
                VALUES (\(bind: evaluation.uscc), \(bind: evaluation.score), \(bind: evaluation.grade),
                  \(bind: evaluation.modelVersion), \(bind: evaluation.asOf), \(bind: millis))
                """).run()
        }
    }

    public func current(_ uscc: String) async throws -> Evaluation? {
        guard let detail = try await database.sql().raw("SELECT detail FROM evaluations WHERE uscc = \(bind: uscc)")
            .first()?.decode(column: "detail", as: String.self) else { return nil }
        return try JSONDecoder().decode(Evaluation.self, from: Data(detail.utf8))
    }

    /// Score changes, oldest first.
    public func history(_ uscc: String) async throws -> [Change] {
        struct Row: Decodable { let score: Int; let grade: String; let model_version: Int; let as_of: String; let evaluated_at: Int64 }
        return try await database.sql().raw("""
            SELECT score, grade, model_version, as_of, evaluated_at FROM evaluation_history
            WHERE uscc = \(bind: uscc) ORDER BY id
            """).all(decoding: Row.self).map {
            Change(score: $0.score, grade: $0.grade, modelVersion: $0.model_version, asOf: $0.as_of,
                   evaluatedAt: Date(timeIntervalSince1970: Double($0.evaluated_at) / 1000))
        }
    }

    /// Firms per grade across the city.
    public func gradeCounts() async throws -> [String: Int] {
        struct Row: Decodable { let grade: String; let n: Int }
        let rows = try await database.sql().raw("SELECT grade, COUNT(*) AS n FROM evaluations GROUP BY grade")
            .all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.grade, $0.n) })
    }
}
