import Domain
import FluentKit
import Foundation
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
    public func save(_ evaluations: [Evaluation], at now: Date = Date()) async throws {
        guard !evaluations.isEmpty else { return }
        // Read before the transaction: on SQLite a transaction that reads first cannot start writing once
        // another connection (a batch) has committed in between.
        struct Current: Decodable { let uscc: String; let score: Int; let grade: String }
        let existing = try await database.sql().raw("""
            SELECT uscc, score, grade FROM evaluations WHERE uscc IN (\(binds: evaluations.map(\.uscc)))
            """).all(decoding: Current.self)
        let current = Dictionary(existing.map { ($0.uscc, $0) }, uniquingKeysWith: { a, _ in a })
        try await database.transaction { tx in
            let sql = try tx.sql()
            let millis = epochMillis(now)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for evaluation in evaluations {
                let detail = String(decoding: try encoder.encode(evaluation), as: UTF8.self)
                try await sql.raw("""
                    INSERT INTO evaluations (uscc, score, grade, model_version, as_of, detail, evaluated_at)
                    VALUES (\(bind: evaluation.uscc), \(bind: evaluation.score), \(bind: evaluation.grade),
                      \(bind: evaluation.modelVersion), \(bind: evaluation.asOf), \(bind: detail), \(bind: millis))
                    ON CONFLICT (uscc) DO UPDATE SET score = excluded.score, grade = excluded.grade,
                      model_version = excluded.model_version, as_of = excluded.as_of, detail = excluded.detail,
                      evaluated_at = excluded.evaluated_at
                    """).run()
                if let before = current[evaluation.uscc], before.score == evaluation.score, before.grade == evaluation.grade {
                    continue
                }
                try await sql.raw("""
                    INSERT INTO evaluation_history (uscc, score, grade, model_version, as_of, evaluated_at)
                    VALUES (\(bind: evaluation.uscc), \(bind: evaluation.score), \(bind: evaluation.grade),
                      \(bind: evaluation.modelVersion), \(bind: evaluation.asOf), \(bind: millis))
                    """).run()
            }
            try await TransparencyLog.append(contentsOf: evaluations.map { try LogEvents.evaluation($0, at: now) }, on: tx)
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
