import Foundation

extension CityGenerator {
    /// `social.insurance` (人社局) and `housing.fund` (公积金中心): monthly headcounts that follow size and
    /// the firm's growth trend, with contribution arrears for weak firms.
    enum LabourRecords {
        static func hasSocialInsurance(_ firm: Firm, _ rng: inout Xoshiro256) -> Bool {
            switch (firm.type, firm.scale) {
            case (.individual, _): rng.chance(0.12)
            case (.cooperative, _): rng.chance(0.25)
            case (_, .micro): rng.chance(clamp(0.5 + 0.45 * firm.health, 0, 0.95))
            default: rng.chance(0.98)
            }
        }

        static func hasHousingFund(_ firm: Firm, _ rng: inout Xoshiro256) -> Bool {
            switch (firm.type, firm.scale) {
            case (.individual, _): rng.chance(0.03)
            case (.cooperative, _): rng.chance(0.05)
            case (_, .micro): rng.chance(0.15 + 0.3 * firm.health)
            case (_, .small): rng.chance(0.45 + 0.35 * firm.health)
            case (_, .medium): rng.chance(0.9)
            case (_, .large): rng.chance(0.98)
            }
        }

        /// Typical headcount in the middle of the window.
        static func baseHeadcount(_ firm: Firm, _ rng: inout Xoshiro256) -> Double {
            let (median, low, high): (Double, Double, Double) = switch (firm.type, firm.scale) {
            case (.individual, _): (2, 1, 6)
            case (.cooperative, _): (3, 1, 12)
            case (_, .micro): (3.5, 1, 9)
            case (_, .small): (30, 10, 99)
            case (_, .medium): (170, 100, 299)
            case (_, .large): (800, 300, 6_000)
            }
            return clamp(rng.logNormal(median: median * firm.section.staffFactor, sigma: 0.5), low, high)
        }

        /// Insured headcount per month of the window (nil where the firm did not operate or had no scheme),
        /// and the rows of `social.insurance`.
        static func socialInsurance(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> (rows: [[String]], counts: [Int?]) {
            var counts = [Int?](repeating: nil, count: timeline.months)
            guard hasSocialInsurance(firm, &rng) else { return ([], counts) }
            let base = baseHeadcount(firm, &rng)
            let middle = Double(timeline.months) / 2
            let seasonal = firm.section.letter == "E" || firm.section.letter == "A"
            let monthlyPerHead = 1_250.0
            let newArrears = 0.001 + 0.3 * CityGenerator.distress(firm.health)
            let repay = 0.2 + 0.6 * firm.health
            var noise = 0.0
            var owed = 0.0
            var rows: [[String]] = []
            for (t, month) in (timeline.firstMonth...timeline.lastMonth).enumerated() where firm.isActive(in: month, asOf: timeline.asOf) {
                noise = 0.75 * noise + rng.normal(mean: 0, sd: 0.035)
                var level = base * exp(firm.growth * (Double(t) - middle) + noise)
                if seasonal, [12, 1, 2].contains(month.monthOfYear) { level *= 0.8 }
                let count = max(0, Int(level.rounded()))
                counts[t] = count
                if owed > 0, rng.chance(repay) { owed = rng.chance(0.7) ? 0 : owed * 0.5 }
                if count > 0, rng.chance(newArrears) {
                    owed += Double(count) * monthlyPerHead * rng.uniform(0.5, 1)
                }
                rows.append([firm.uscc, month.text, String(count), Format.yuan(owed)])
            }
            return (rows, counts)
        }

        /// Depositors per month: a share of the insured staff, for firms in the scheme.
        static func housingFund(_ firm: Firm, _ timeline: Timeline, insured: [Int?], _ rng: inout Xoshiro256) -> [[String]] {
            guard insured.contains(where: { $0 != nil }), hasHousingFund(firm, &rng) else { return [] }
            let share = firm.scale == .micro ? rng.uniform(0.6, 1) : rng.uniform(0.45, 1)
            let joined = rng.chance(0.2) ? rng.below(max(timeline.months, 1)) : 0
            let perHead = 800.0
            let newArrears = 0.0005 + 0.2 * CityGenerator.distress(firm.health)
            var owed = 0.0
            var rows: [[String]] = []
            for (t, month) in (timeline.firstMonth...timeline.lastMonth).enumerated() where t >= joined {
                guard let count = insured[t] else { continue }
                let depositors = min(count, Int((Double(count) * share).rounded()) + (rng.chance(0.1) ? -1 : 0))
                let n = max(0, depositors)
                if owed > 0, rng.chance(0.3 + 0.5 * firm.health) { owed = 0 }
                if n > 0, rng.chance(newArrears) { owed += Double(n) * perHead }
                rows.append([firm.uscc, month.text, String(n), Format.yuan(owed)])
            }
            return rows
        }
    }
}
