import Foundation

/// Working days (Monday to Friday, minus a configurable list of public holidays), for deadlines such as
/// "the department answers an objection within 5 working days".
public struct WorkingDays: Sendable, Equatable {
    public var holidays: Set<Day>

    public init(holidays: Set<Day> = []) { self.holidays = holidays }

    public func isWorkingDay(_ day: Day) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.timeZone
        let weekday = calendar.component(.weekday, from: day.date.addingTimeInterval(3_600)) // 1 = Sunday, 7 = Saturday
        return weekday != 1 && weekday != 7 && !holidays.contains(day)
    }

    /// The `count`-th working day after `start` (`start` itself never counts): filed on a Friday with 5
    /// working days, the deadline is the next Friday.
    public func adding(_ count: Int, to start: Day) -> Day {
        var day = start
        var left = max(0, count)
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}
