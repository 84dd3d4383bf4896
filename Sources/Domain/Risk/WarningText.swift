/// Small helpers for the warning sentences and day arithmetic.
enum WarningText {
    /// `part / whole` as a percentage with at most one decimal, rounded half up: 14/40 → `35%`, 199/1000 → `19.9%`.
    static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "0%" }
        let tenths = (part * 1_000 + whole / 2) / whole
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }

    /// `total / count` with at most one decimal, rounded half up: 2900/6 → `483.3`.
    static func average(_ total: Int64, over count: Int) -> String {
        guard count > 0 else { return "0" }
        let n = Int64(count)
        let tenths = (total * 10 + n / 2) / n
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    /// `2026年3月`.
    static func month(year: Int, month: Int) -> String { "\(year)年\(month)月" }

    /// Whole days from `start` to `end` (negative when `end` is earlier).
    static func days(from start: Day, to end: Day) -> Int { LoanCalendar.days(from: start, to: end) }

    /// Whether `part` is at least `percent` per cent of `whole`, exactly for integer inputs.
    static func reaches(_ part: Int64, of whole: Int64, percent: Double) -> Bool {
        whole > 0 && Double(part) * 100 >= percent * Double(whole)
    }
}
