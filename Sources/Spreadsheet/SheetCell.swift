/// One cell of a worksheet: its value and how it is shown.
public struct SheetCell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public var value: Value
    public var style: Style

    public enum Value: Sendable, Equatable {
        case empty
        case text(String)
        case integer(Int64)
        /// An exact fixed-point number: `.decimal(12345, scale: 2)` is 123.45 (cents shown as yuan).
        case decimal(Int64, scale: Int)
        case date(SheetDate)
        /// A formula without its leading `=`, e.g. `SUM(B2:B9)`; readers recalculate it.
        case formula(String)
    }

    public enum Style: Int, Sendable, Equatable, CaseIterable {
        case plain = 0, bold, date, money, integer, percent, boldMoney, boldInteger
    }

    public init(_ value: Value, style: Style? = nil) {
        self.value = value
        if let style { self.style = style } else if case .date = value { self.style = .date } else { self.style = .plain }
    }

    public init(stringLiteral text: String) { self.init(.text(text)) }
    public init(integerLiteral number: Int64) { self.init(.integer(number)) }

    public static func text(_ text: String, bold: Bool = false) -> SheetCell { SheetCell(.text(text), style: bold ? .bold : .plain) }
    public static func integer(_ n: Int64, style: Style = .integer) -> SheetCell { SheetCell(.integer(n), style: style) }
    /// Cents shown as yuan with two decimals and thousands separators.
    public static func money(cents: Int64, bold: Bool = false) -> SheetCell {
        SheetCell(.decimal(cents, scale: 2), style: bold ? .boldMoney : .money)
    }
    /// A share in millionths shown as a percentage with two decimals (486,700 → 48.67 %).
    public static func percent(millionths: Int64) -> SheetCell { SheetCell(.decimal(millionths, scale: 6), style: .percent) }
    public static func date(_ date: SheetDate) -> SheetCell { SheetCell(.date(date)) }
    public static func formula(_ formula: String, style: Style = .plain) -> SheetCell { SheetCell(.formula(formula), style: style) }
    public static let empty = SheetCell(.empty)
}

/// A calendar date, written as an Excel serial day number with a date format.
public struct SheetDate: Sendable, Equatable, Hashable {
    public var year: Int, month: Int, day: Int
    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    /// Days since 1899-12-30 (Excel's 1900 date system, valid from 1900-03-01).
    public var serial: Int { Self.civilDays(year, month, day) - Self.civilDays(1899, 12, 30) }

    static func civilDays(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
    }
}
