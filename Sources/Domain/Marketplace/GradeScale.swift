/// The configurable credit grade bands, best first (default A+ A B C C- D D-), and comparisons between them.
public struct GradeScale: Sendable, Equatable, Hashable, Codable {
    public static let defaultGrades = ["A+", "A", "B", "C", "C-", "D", "D-"]
    public static let standard = GradeScale(defaultGrades)

    /// Grade names, best first.
    public let grades: [String]

    public init(_ grades: [String] = GradeScale.defaultGrades) {
        self.grades = grades
    }

    /// 0 for the best grade, `grades.count - 1` for the worst; nil for a grade not on the scale.
    public func rank(of grade: String) -> Int? {
        grades.firstIndex(of: grade)
    }

    public func contains(_ grade: String) -> Bool { rank(of: grade) != nil }

    /// Whether `grade` is `minimum` or better. A grade not on the scale never qualifies; an unknown minimum
    /// admits nobody.
    public func isAtLeast(_ grade: String, _ minimum: String) -> Bool {
        guard let g = rank(of: grade), let m = rank(of: minimum) else { return false }
        return g <= m
    }

    /// Whether `a` is strictly better than `b` (both on the scale).
    public func isBetter(_ a: String, than b: String) -> Bool {
        guard let ra = rank(of: a), let rb = rank(of: b) else { return false }
        return ra < rb
    }

    /// The grades that are `minimum` or better, best first.
    public func grades(atLeast minimum: String) -> [String] {
        guard let m = rank(of: minimum) else { return [] }
        return Array(grades[...m])
    }
}
