/// A calendar month, the grain of the statistics' aggregates and of the period close. Written `YYYY-MM`.
public struct StatMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "month must be 1...12")
        self.year = year; self.month = month
    }

    public init(_ day: Day) { self.init(year: day.year, month: day.month) }

    /// Parses `YYYY-MM`.
    public init?(text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        self.init(year: y, month: m)
    }

    public var firstDay: Day { Day(year: year, month: month, day: 1) }

    public var lastDay: Day {
        let next = adding(months: 1).firstDay
        let (y, m, d) = CivilCalendar.date(days: CivilCalendar.days(year: next.year, month: next.month, day: 1) - 1)
        return Day(year: y, month: m, day: d)
    }

    public func adding(months: Int) -> StatMonth {
        let index = year * 12 + (month - 1) + months
        return StatMonth(year: index >= 0 ? index / 12 : (index - 11) / 12, month: ((index % 12) + 12) % 12 + 1)
    }

    /// Months from this one to `other` (negative when `other` is earlier).
    public func months(until other: StatMonth) -> Int { (other.year * 12 + other.month) - (year * 12 + month) }

    /// 1...4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    public static func < (a: StatMonth, b: StatMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public var description: String {
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)"
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)"
    }

    /// `2025年3月`.
    public var label: String { "\(year)年\(month)月" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = StatMonth(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM, got \(text)")
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
