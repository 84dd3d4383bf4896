/// How a procedural period is counted: in working days (Monday to Friday minus the holidays of a
/// `WorkingDays` calendar) or in calendar days.
public enum DayCounting: String, Sendable, Equatable, Codable, CaseIterable {
    case working
    case calendar

    /// `工作日` or `日`, as in "10 个工作日", "7 日".
    public var unit: String {
        switch self {
        case .working: "个工作日"
        case .calendar: "日"
        }
    }
}

/// A period of a procedure (a cure period, an objection window, a publicity period), counted from the day of
/// the act that opens it. As in 民法典 Art. 201, the opening day itself does not count: a 10-working-day period
/// opened on a Friday ends on the second Friday after it, and the last day is still inside the period.
public struct ProcedurePeriod: Sendable, Equatable, Codable {
    public var days: Int
    public var counting: DayCounting

    public init(days: Int, counting: DayCounting) {
        self.days = days; self.counting = counting
    }

    /// The last day of the period opened on `start` (inclusive).
    public func lastDay(openedOn start: Day, calendar: WorkingDays = WorkingDays()) -> Day {
        switch counting {
        case .working: calendar.adding(days, to: start)
        case .calendar: start.adding(days: max(0, days))
        }
    }

    /// "10 个工作日", "7 日".
    public var text: String { "\(days) \(counting.unit)" }
}
