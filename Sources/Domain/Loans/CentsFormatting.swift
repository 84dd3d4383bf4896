/// Chinese display of amounts: `¥1,234.56` and `12.35万元`.
extension Cents {
    /// `¥1,234.56`; negative amounts as `-¥1,234.56`.
    public var yuanText: String {
        let magnitude = value.magnitude
        let yuan = magnitude / 100, fen = magnitude % 100
        let sign = value < 0 ? "-" : ""
        return "\(sign)¥\(CentsFormatting.grouped(yuan)).\(CentsFormatting.twoDigits(fen))"
    }

    /// `1234.56` (no symbol, no separators): for CSV exports that spreadsheets read as numbers.
    public var yuanDecimalText: String {
        let magnitude = value.magnitude
        return "\(value < 0 ? "-" : "")\(magnitude / 100).\(CentsFormatting.twoDigits(magnitude % 100))"
    }

    /// Ten-thousands of yuan with two decimals, rounded half away from zero: 123,456.78 yuan is `12.35万元`.
    public var wanYuanText: String {
        // One unit of the result is 0.01 万元 = 100 yuan = 10,000 cents.
        let hundredths = (value.magnitude + 5_000) / 10_000
        let sign = value < 0 && hundredths > 0 ? "-" : ""
        return "\(sign)\(CentsFormatting.grouped(hundredths / 100)).\(CentsFormatting.twoDigits(hundredths % 100))万元"
    }
}

enum CentsFormatting {
    /// Thousands separated by commas: 1234567 → `1,234,567`.
    static func grouped(_ number: UInt64) -> String {
        let digits = Array(String(number))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    static func twoDigits(_ number: UInt64) -> String { number < 10 ? "0\(number)" : "\(number)" }
}
