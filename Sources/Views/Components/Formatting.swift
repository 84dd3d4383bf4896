import Domain
import Foundation

/// The one formatting helper of every page: money, rates, dates, times, counts, durations. Deterministic
/// (no locale-dependent formatters, no shared mutable state), so golden files do not depend on the machine.
public enum Format {
    /// The platform shows times in China Standard Time (UTC+8, no daylight saving).
    public static let timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")
        ?? TimeZone(secondsFromGMT: 8 * 3600)
        ?? TimeZone.current

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `1234567` → `1,234,567`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 {
                grouped.append(",")
            }
            grouped.append(character)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A decimal number as a department sent it, thousands separated: `10000` → `10,000`, `1234.5` → `1,234.5`;
    /// anything that is not a plain decimal is shown as sent.
    public static func decimal(_ text: String) -> String {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), let value = Int(whole),
              parts.count == 1 || parts[1].allSatisfy(\.isASCIIDigit) else { return text }
        return parts.count == 2 ? "\(count(value)).\(parts[1])" : count(value)
    }

    /// Short Chinese magnitude for charts: `99,999`, `12.3 万`, `90 亿`.
    public static func compact(_ value: Int) -> String {
        let magnitude = value.magnitude
        if magnitude < 100_000 { return count(value) }
        let sign = value < 0 ? "-" : ""
        let (unit, divisor): (String, UInt) = magnitude >= 100_000_000 ? ("亿", 100_000_000) : ("万", 10_000)
        let tenths = (magnitude * 10 + divisor / 2) / divisor
        let text = tenths % 10 == 0 ? count(Int(tenths / 10)) : "\(count(Int(tenths / 10))).\(tenths % 10)"
        return "\(sign)\(text) \(unit)"
    }

    /// `2025-03-01`.
    public static func date(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(pad(parts.year ?? 0, 4))-\(pad(parts.month ?? 0, 2))-\(pad(parts.day ?? 0, 2))"
    }

    /// `2025-03-01 14:05`.
    public static func dateTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return "\(Format.date(date)) \(pad(parts.hour ?? 0, 2)):\(pad(parts.minute ?? 0, 2))"
    }

    /// ISO 8601 with offset, for `<time datetime>`: `2025-03-01T14:05:09+08:00`.
    public static func machineDateTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600
        let minutes = (abs(offset) % 3600) / 60
        return "\(Format.date(date))T\(pad(parts.hour ?? 0, 2)):\(pad(parts.minute ?? 0, 2)):\(pad(parts.second ?? 0, 2))"
            + "\(sign)\(pad(hours, 2)):\(pad(minutes, 2))"
    }

    /// A duration in milliseconds: `350 毫秒`, `1.2 秒`, `2 分 5 秒`, `1 小时 3 分`.
    public static func duration(milliseconds: Int) -> String {
        let ms = max(0, milliseconds)
        if ms < 1000 { return "\(ms) 毫秒" }
        if ms < 60_000 {
            let tenths = (ms + 50) / 100
            return tenths % 10 == 0 ? "\(tenths / 10) 秒" : "\(tenths / 10).\(tenths % 10) 秒"
        }
        let seconds = (ms + 500) / 1000
        if seconds < 3600 {
            let rest = seconds % 60
            return rest == 0 ? "\(seconds / 60) 分" : "\(seconds / 60) 分 \(rest) 秒"
        }
        let minutes = seconds / 60
        let rest = minutes % 60
        return rest == 0 ? "\(minutes / 60) 小时" : "\(minutes / 60) 小时 \(rest) 分"
    }

    /// `2025-03-01 14:05`, the time shown in tables and notices (same as `dateTime`).
    public static func time(_ date: Date) -> String { dateTime(date) }

    /// `¥1,234.56`.
    public static func money(_ cents: Cents) -> String { cents.yuanText }

    /// `¥1,234.56` from a raw cent count.
    public static func money(cents: Int64) -> String { Cents(cents).yuanText }

    /// A summary figure (a card, a total): exact below one million yuan (`¥987,654.32`), in 万元 from there
    /// (`1,189.68万元`), so that a fund's or a city's totals read at a glance. Ledgers and schedules keep `money`.
    public static func figure(_ cents: Cents) -> String {
        cents.value.magnitude >= 100_000_000 ? cents.wanYuanText : cents.yuanText
    }

    /// `figure` from a raw cent count.
    public static func figure(cents: Int64) -> String { figure(Cents(cents)) }

    /// `4.35%`.
    public static func percent(_ rate: AnnualRate) -> String { rate.percentText }

    /// `4.35%` from basis points.
    public static func percent(basisPoints: Int) -> String { AnnualRate(basisPoints: basisPoints).percentText }

    /// A form's prefilled amount in yuan: `1234.56` (no currency sign, no grouping).
    public static func yuanInput(_ cents: Cents) -> String {
        let sign = cents.value < 0 ? "-" : ""
        return "\(sign)\(cents.value.magnitude / 100).\(pad(Int(cents.value.magnitude % 100), 2))"
    }

    /// A form's prefilled rate in percent: `3.45` from 345 basis points.
    public static func percentInput(basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        return "\(sign)\(basisPoints.magnitude / 100).\(pad(Int(basisPoints.magnitude % 100), 2))"
    }

    /// `12 个月`.
    public static func months(_ months: Int) -> String { "\(months) 个月" }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
