extension CityGenerator {
    /// The span the demo data covers: `months` calendar months ending with the as-of month.
    struct Timeline: Sendable {
        let asOf: CivilDay
        let lastMonth: Month
        let firstMonth: Month
        /// Years with a published tax credit rating (published in April of the following year).
        let ratingYears: [Int]

        init(asOf: CivilDay, months: Int) {
            self.asOf = asOf
            lastMonth = asOf.month
            firstMonth = lastMonth - (max(months, 1) - 1)
            let lastRated = asOf >= CivilDay(year: asOf.year, month: 4, day: 25) ? asOf.year - 1 : asOf.year - 2
            let count = max(1, months / 12)
            ratingYears = Array((lastRated - count + 1)...lastRated)
        }

        var start: CivilDay { firstMonth.firstDay }
        var months: Int { firstMonth.distance(to: lastMonth) + 1 }

        /// The days within the window on which a firm operated, or nil if none.
        func activeSpan(_ firm: Firm) -> (from: CivilDay, to: CivilDay)? {
            let from = max(start, firm.established)
            let to = firm.lastActiveDay(asOf: asOf)
            return to > from ? (from, to) : nil
        }
    }

    /// Text forms of amounts: yuan with two decimals, never locale-dependent.
    enum Format {
        static func cents(_ cents: Int) -> String {
            let negative = cents < 0
            let magnitude = abs(cents)
            let fraction = magnitude % 100
            return (negative ? "-" : "") + String(magnitude / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)
        }

        static func yuan(_ value: Double) -> String { cents(toCents(value)) }

        static func toCents(_ value: Double) -> Int { Int((max(value, 0) * 100).rounded()) }

        /// Rounded to a whole multiple of `step` yuan (fines are round numbers).
        static func roundYuan(_ value: Double, step: Double) -> Int {
            Int((max(step, (value / step).rounded() * step) * 100).rounded())
        }

        /// With thousands separators, as court documents write sums: `1,234,567.89`.
        static func grouped(_ cents: Int) -> String {
            var whole = String(cents / 100)
            var groups: [String] = []
            while whole.count > 3 {
                groups.insert(String(whole.suffix(3)), at: 0)
                whole = String(whole.dropLast(3))
            }
            groups.insert(whole, at: 0)
            let fraction = cents % 100
            return groups.joined(separator: ",") + (fraction < 10 ? ".0" : ".") + String(fraction)
        }
    }
}
