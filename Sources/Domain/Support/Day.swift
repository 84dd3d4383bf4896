import Foundation

/// A calendar day in the platform's time zone (Asia/Shanghai), used for "not in the future" checks.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    public static let timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt

    public init(_ date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    public static func today() -> Day { Day(Date()) }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        // Read in place when the text is contiguous (a native String), else from a copy.
        let parsed = text.utf8.withContiguousStorageIfAvailable { Day.parseISO($0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { Day.parseISO($0) }
        guard let (y, m, d) = parsed else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        func digits(_ start: Int, _ count: Int) -> Int? { Day.digits(b, start, count) }
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
              let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2),
              (1...12).contains(m), d >= 1, d <= Day.daysIn(year: y, month: m), y >= 1800 else { return nil }
        return (y, m, d)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public var monthText: String { String(format: "%04d-%02d", year, month) }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var date: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
    }

    public func adding(days: Int) -> Day {
        Day(date.addingTimeInterval(Double(days) * 86_400 + 3_600))
    }

    /// Whole days from this day to `other` (negative when `other` is earlier).
    public func days(until other: Day) -> Int {
        CivilCalendar.days(year: other.year, month: other.month, day: other.day) - CivilCalendar.days(year: year, month: month, day: day)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The decimal number in `count` ASCII digits from `start`, or nil if one is not a digit.
    static func digits<Bytes: RandomAccessCollection>(_ b: Bytes, _ start: Int, _ count: Int) -> Int?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var value = 0
        for i in start..<(start + count) {
            let c = b[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }
}
