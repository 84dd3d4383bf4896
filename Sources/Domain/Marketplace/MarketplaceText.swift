import Foundation

/// Formatting and name normalisation shared by the marketplace's Chinese messages.
enum MarketplaceText {
    /// "100万元", "1,000万元", "12.5万元", "800元", "8,000.50元": the platform's one way of writing an amount in a
    /// sentence or a range (thousands separated, 万元 from 1万 yuan in whole yuan, no space before the unit).
    static func yuan(_ cents: Int64) -> String {
        let negative = cents < 0
        let c = cents.magnitude
        let sign = negative ? "-" : ""
        if c % 100 == 0, c >= 1_000_000 {
            let yuan = c / 100
            let wan = CentsFormatting.grouped(yuan / 10_000)
            let rest = yuan % 10_000
            if rest == 0 { return "\(sign)\(wan)万元" }
            var fraction = String(format: "%04d", Int(rest))
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return "\(sign)\(wan).\(fraction)万元"
        }
        if c % 100 == 0 { return "\(sign)\(CentsFormatting.grouped(c / 100))元" }
        return "\(sign)\(CentsFormatting.grouped(c / 100)).\(CentsFormatting.twoDigits(c % 100))元"
    }

    /// Basis points as a percentage with two decimals: 435 → "4.35%".
    static func rate(_ basisPoints: Int) -> String {
        let sign = basisPoints < 0 ? "-" : ""
        let m = basisPoints.magnitude
        return "\(sign)\(m / 100).\(String(format: "%02d", Int(m % 100)))%"
    }

    /// Whole months as "1 年 3 个月", "2 年", "5 个月".
    static func duration(months: Int) -> String {
        let m = max(0, months)
        switch (m / 12, m % 12) {
        case (0, let rest): return "\(rest) 个月"
        case (let years, 0): return "\(years) 年"
        case (let years, let rest): return "\(years) 年 \(rest) 个月"
        }
    }

    /// Whole months from `start` to `end` (a month counts once its day-of-month is reached); never negative.
    static func wholeMonths(from start: Day, to end: Day) -> Int {
        var months = (end.year - start.year) * 12 + (end.month - start.month)
        if end.day < start.day { months -= 1 }
        return max(0, months)
    }

    /// A person's or firm's name for comparison: NFC, full-width ASCII folded to half-width, middle-dot
    /// variants unified, and every half- or full-width space removed.
    static func comparableName(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x3000: continue
            case 0x30FB, 0x2022, 0x2027, 0xFF65, 0x2219: scalars.append("\u{00B7}")
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Trims half- and full-width spaces, tabs and line breaks from both ends.
    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n\u{3000}\u{00A0}"))
    }
}

extension Day {
    /// Whole months from this day to `end` (a month counts once its day-of-month is reached); never negative.
    public func wholeMonths(until end: Day) -> Int { MarketplaceText.wholeMonths(from: self, to: end) }
}
