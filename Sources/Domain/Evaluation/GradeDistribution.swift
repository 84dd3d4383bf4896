import Foundation

/// How many evaluated firms fall in each grade, with shares.
public struct GradeDistribution: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var grade: String
        public var count: Int
        /// Share of all evaluations, 0…1.
        public var share: Double
    }
    public var total: Int
    public var entries: [Entry]
    public var meanScore: Double

    /// Counts per grade in `grades` order (the model's bands, best first); grades not listed are appended.
    public init(_ evaluations: [Evaluation], grades: [String]) {
        var counts: [String: Int] = [:]
        for e in evaluations { counts[e.grade, default: 0] += 1 }
        let extra = counts.keys.filter { !grades.contains($0) }.sorted()
        total = evaluations.count
        entries = (grades + extra).map { g in
            let n = counts[g] ?? 0
            return Entry(grade: g, count: n, share: evaluations.isEmpty ? 0 : Double(n) / Double(evaluations.count))
        }
        meanScore = evaluations.isEmpty ? 0 : Double(evaluations.reduce(0) { $0 + $1.score }) / Double(evaluations.count)
    }

    public init(_ evaluations: [Evaluation], model: EvaluationModel) {
        self.init(evaluations, grades: model.grades.map(\.grade))
    }

    public func share(of grade: String) -> Double { entries.first { $0.grade == grade }?.share ?? 0 }
}
