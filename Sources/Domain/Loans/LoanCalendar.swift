/// Day arithmetic for loans: monthly due dates and day counts, without time zones.
public enum LoanCalendar {
    /// The day `months` months after `start`, on the start's day of month clamped to the month's end
    /// (2024-01-31 plus one month is 2024-02-29, plus two months 2024-03-31).
    public static func adding(months: Int, to start: Day) -> Day {
        let index = start.year * 12 + (start.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        return Day(year: year, month: month, day: min(start.day, Day.daysIn(year: year, month: month)))
    }

    /// Whole days from `earlier` to `later` (negative when `later` is before `earlier`).
    public static func days(from earlier: Day, to later: Day) -> Int {
        dayNumber(later) - dayNumber(earlier)
    }

    /// The `count` monthly due dates of a loan disbursed on `start`: one month after it, two months, ….
    public static func monthlyDueDates(start: Day, count: Int) -> [Day] {
        count > 0 ? (1...count).map { adding(months: $0, to: start) } : []
    }

    static func dayNumber(_ day: Day) -> Int {
        CivilCalendar.days(year: day.year, month: day.month, day: day.day)
    }
}
