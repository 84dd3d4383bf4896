import Foundation

/// Date arithmetic the evaluation rules need: record dates of any catalog precision and whole months.
enum EvaluationDates {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` (first day of the month) or `YYYY` (1 January).
    static func day(_ text: String) -> Day? {
        if let day = Day(iso: text) { return day }
        let b = Array(text.utf8)
        if b.count == 7, b[4] == 0x2D, let y = Day.digits(b, 0, 4), let m = Day.digits(b, 5, 2), (1...12).contains(m) {
            return Day(year: y, month: m, day: 1)
        }
        if b.count == 4, let y = Day.digits(b, 0, 4) { return Day(year: y, month: 1, day: 1) }
        return nil
    }

    /// The day `months` months after `day` (negative: before), the day of month clamped to the month's end.
    static func adding(months: Int, to day: Day) -> Day {
        let index = day.year * 12 + (day.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        return Day(year: year, month: month, day: min(day.day, Day.daysIn(year: year, month: month)))
    }

    /// Whether `date` lies in the `months` months ending on `asOf`: after `asOf` minus `months` months and
    /// not after `asOf`. A month value counts from its first day, so 12 months hold 12 monthly periods.
    static func isWithin(_ date: Day, months: Int, of asOf: Day) -> Bool {
        date <= asOf && date > adding(months: -months, to: asOf)
    }

    /// Whole months from `earlier` to `later` (the day of month decides whether the last one is complete).
    static func monthsBetween(_ earlier: Day, _ later: Day) -> Int {
        var months = (later.year - earlier.year) * 12 + (later.month - earlier.month)
        if later.day < earlier.day && later.day < Day.daysIn(year: later.year, month: later.month) { months -= 1 }
        return months
    }

    /// `2025年3月`.
    static func chineseMonth(_ day: Day) -> String { "\(day.year)年\(day.month)月" }
}
