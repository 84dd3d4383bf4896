/// A statistics period: any range of days, both ends included. Figures over a period are flows between its ends
/// (loans disbursed, demands published) and stocks on its last day (balances, firms registered).
public struct StatPeriod: Hashable, Sendable, Codable, CustomStringConvertible {
    public let from: Day
    public let through: Day

    public init(from: Day, through: Day) {
        precondition(from <= through, "a period ends on or after its first day")
        self.from = from; self.through = through
    }

    public static func month(_ month: StatMonth) -> StatPeriod { StatPeriod(from: month.firstDay, through: month.lastDay) }

    /// The months `first...last`, whole.
    public static func months(_ first: StatMonth, _ last: StatMonth) -> StatPeriod {
        StatPeriod(from: first.firstDay, through: last.lastDay)
    }

    public static func quarter(year: Int, _ quarter: Int) -> StatPeriod {
        precondition((1...4).contains(quarter), "quarter must be 1...4")
        let first = StatMonth(year: year, month: quarter * 3 - 2)
        return months(first, first.adding(months: 2))
    }

    public func contains(_ day: Day) -> Bool { from <= day && day <= through }

    /// The first and last month when the period is made of whole months, else nil: only such periods can be read
    /// from the monthly aggregates; any other range is computed from the facts.
    public var wholeMonths: ClosedRange<StatMonth>? {
        let first = StatMonth(from), last = StatMonth(through)
        guard from == first.firstDay, through == last.lastDay else { return nil }
        return first...last
    }

    /// The period of the same number of whole months just before this one (a month → the month before, a quarter
    /// → the quarter before), or of the same number of days when the period is not whole months.
    public var previous: StatPeriod {
        if let months = wholeMonths {
            let count = months.lowerBound.months(until: months.upperBound) + 1
            return StatPeriod.months(months.lowerBound.adding(months: -count), months.lowerBound.adding(months: -1))
        }
        let length = from.days(until: through) + 1
        return StatPeriod(from: from.shifted(-length), through: from.shifted(-1))
    }

    public var description: String { "\(from)…\(through)" }

    /// `2025年3月`, `2025年1月至3月`, or `2025-03-05至2025-03-20`.
    public var label: String {
        guard let months = wholeMonths else { return "\(from)至\(through)" }
        if months.lowerBound == months.upperBound { return months.lowerBound.label }
        if months.lowerBound.year == months.upperBound.year {
            return "\(months.lowerBound.label)至\(months.upperBound.month)月"
        }
        return "\(months.lowerBound.label)至\(months.upperBound.label)"
    }
}

extension Day {
    /// The day `days` later (earlier when negative), by day numbers, without calendars or time zones.
    func shifted(_ days: Int) -> Day {
        let (y, m, d) = CivilCalendar.date(days: CivilCalendar.days(year: year, month: month, day: day) + days)
        return Day(year: y, month: m, day: d)
    }
}
