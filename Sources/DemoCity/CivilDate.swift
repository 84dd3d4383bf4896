import Domain
import Foundation

extension CityGenerator {
    /// A calendar day as a day number (days since 1970-01-01, proleptic Gregorian): the generator does
    /// millions of date sums, so it works on these rather than on the platform's `Day`, and converts the
    /// as-of instant once through `Day` (Asia/Shanghai).
    struct CivilDay: Comparable, Hashable, Sendable, Strideable {
        var number: Int

        init(number: Int) { self.number = number }

        init(year: Int, month: Int, day: Int) {
            number = CivilCalendar.days(year: year, month: month, day: day)
        }

        /// The platform's calendar day (Gregorian, Asia/Shanghai) as a day number.
        init(_ day: Day) { self.init(year: day.year, month: day.month, day: day.day) }

        var components: (year: Int, month: Int, day: Int) { CivilCalendar.date(days: number) }

        var year: Int { components.year }
        var month: Month { let c = components; return Month(year: c.year, month: c.month) }

        /// `YYYY-MM-DD`.
        var text: String {
            let c = components
            var bytes = [UInt8](repeating: 0x30, count: 10)
            CivilDay.put(c.year, width: 4, into: &bytes, at: 0)
            bytes[4] = 0x2D
            CivilDay.put(c.month, width: 2, into: &bytes, at: 5)
            bytes[7] = 0x2D
            CivilDay.put(c.day, width: 2, into: &bytes, at: 8)
            return String(decoding: bytes, as: UTF8.self)
        }

        static func put(_ value: Int, width: Int, into bytes: inout [UInt8], at offset: Int) {
            var v = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[i] = UInt8(0x30 + v % 10)
                v /= 10
            }
        }

        static func < (a: CivilDay, b: CivilDay) -> Bool { a.number < b.number }
        func distance(to other: CivilDay) -> Int { other.number - number }
        func advanced(by n: Int) -> CivilDay { CivilDay(number: number + n) }
        static func + (day: CivilDay, n: Int) -> CivilDay { CivilDay(number: day.number + n) }
        static func - (day: CivilDay, n: Int) -> CivilDay { CivilDay(number: day.number - n) }

        /// The same day `years` later (29 February becomes 28 February).
        func addingYears(_ years: Int) -> CivilDay {
            let c = components
            let target = Month(year: c.year + years, month: c.month)
            return CivilDay(year: target.year, month: target.monthOfYear, day: min(c.day, target.dayCount))
        }
    }

    /// A calendar month, as `year * 12 + month - 1`.
    struct Month: Comparable, Hashable, Sendable, Strideable {
        var index: Int

        init(index: Int) { self.index = index }
        init(year: Int, month: Int) { index = year * 12 + month - 1 }

        var year: Int { index / 12 }
        var monthOfYear: Int { index % 12 + 1 }
        var firstDay: CivilDay { CivilDay(year: year, month: monthOfYear, day: 1) }
        var lastDay: CivilDay { (self + 1).firstDay - 1 }
        var dayCount: Int { (self + 1).firstDay.number - firstDay.number }
        var isQuarterEnd: Bool { monthOfYear % 3 == 0 }

        /// `YYYY-MM`.
        var text: String {
            var bytes = [UInt8](repeating: 0x30, count: 7)
            CivilDay.put(year, width: 4, into: &bytes, at: 0)
            bytes[4] = 0x2D
            CivilDay.put(monthOfYear, width: 2, into: &bytes, at: 5)
            return String(decoding: bytes, as: UTF8.self)
        }

        static func < (a: Month, b: Month) -> Bool { a.index < b.index }
        func distance(to other: Month) -> Int { other.index - index }
        func advanced(by n: Int) -> Month { Month(index: index + n) }
        static func + (month: Month, n: Int) -> Month { Month(index: month.index + n) }
        static func - (month: Month, n: Int) -> Month { Month(index: month.index - n) }
    }
}

extension CityGenerator.Xoshiro256 {
    /// A uniform day in the closed range (the lower bound when the range is reversed).
    mutating func day(_ from: CityGenerator.CivilDay, _ through: CityGenerator.CivilDay) -> CityGenerator.CivilDay {
        through <= from ? from : from + below(through.number - from.number + 1)
    }
}
