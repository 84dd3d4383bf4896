import Foundation

/// What one item contributes: its explanation lines (points already capped).
struct RuleOutcome {
    var lines: [ExplanationLine] = []
    var points: Int { lines.reduce(0) { $0 + $1.points } }
}

/// A record the item counted and its points.
struct CountedRecord {
    var record: StoredRecord
    var date: Day
    var points: Int
}
