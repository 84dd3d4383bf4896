import Foundation

extension CityGenerator {
    /// `utility.payment` (水/电/气/暖): monthly bills. Nearly every firm has electricity, most water, some
    /// gas; heat is billed in the heating season (November–March) for firms on the urban network.
    enum UtilityRecords {
        static let electricity = 1, water = 0, gas = 2, heat = 3

        /// Which utilities a firm is billed for, by utility index of `DemoCatalog.utilities`.
        static func services(_ firm: Firm, _ rng: inout Xoshiro256) -> [Int] {
            let letter = firm.section.letter
            var result: [Int] = []
            let waterShare: Double = letter == "H" ? 0.95 : (letter == "C" || letter == "A" ? 0.85 : 0.6)
            if rng.chance(waterShare) { result.append(water) }
            if rng.chance(firm.type == .cooperative ? 0.75 : 0.93) { result.append(electricity) }
            let gasShare: Double = letter == "H" ? 0.7 : (letter == "C" ? 0.25 : 0.04)
            if rng.chance(gasShare) { result.append(gas) }
            if !firm.place.isCountyLevel, firm.type != .cooperative, rng.chance(0.22) { result.append(heat) }
            return result
        }

        /// Typical monthly electricity bill in yuan.
        static func baseBill(_ firm: Firm) -> Double {
            500 * pow(firm.scale.activity, 0.9) * firm.section.powerFactor * firm.activity * (firm.type == .individual ? 0.6 : 1)
        }

        /// Bills of one utility for one month; `late` and `short` are the firm's propensities.
        static func record(_ firm: Firm, utility: Int, month: Month, base: Double, trend: Double, _ rng: inout Xoshiro256) -> [String] {
            let m = month.monthOfYear
            let amount: Double
            switch utility {
            case electricity:
                let season: Double = (m == 7 || m == 8) ? 1.25 : ((m == 12 || m == 1) ? 1.15 : 1)
                amount = base * season
            case water:
                amount = base * (firm.section.letter == "H" ? 0.3 : 0.12) * ((6...9).contains(m) ? 1.15 : 1)
            case gas:
                amount = base * (firm.section.letter == "H" ? 0.5 : 0.3) * ((m >= 11 || m <= 3) ? 1.4 : 1)
            default:
                // Heating: about 40 yuan per square metre a season, billed over five months.
                amount = 8 * 50 * pow(firm.scale.activity, 0.7)
            }
            let dueCents = max(Format.toCents(amount * trend * rng.logNormal(median: 1, sigma: 0.12)), 100)
            let health = firm.health
            let lack = 1 - health
            let lateChance = 0.04 + 0.6 * lack * lack * lack + 0.1 * (1 - firm.integrity) * (1 - firm.integrity)
            var daysLate = 0
            if rng.chance(lateChance) {
                daysLate = 1 + Int(rng.exponential(mean: 3 + 40 * lack * lack))
                if daysLate > 180 { daysLate = rng.int(90...180) }
            }
            var paidCents = dueCents
            if rng.chance(0.002 + 0.5 * CityGenerator.distress(health)) {
                paidCents = Int(Double(dueCents) * rng.uniform(0, 0.9))
                if daysLate == 0 { daysLate = rng.int(15...60) }
            }
            return [firm.uscc, DemoCatalog.utilities[utility], month.text, Format.cents(dueCents), Format.cents(paidCents), String(daysLate)]
        }

        static func isBilled(_ utility: Int, in month: Month) -> Bool {
            utility != heat || month.monthOfYear >= 11 || month.monthOfYear <= 3
        }

        static func forFirm(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> [[String]] {
            let services = services(firm, &rng)
            guard !services.isEmpty else { return [] }
            let base = baseBill(firm)
            let middle = Double(timeline.months) / 2
            var rows: [[String]] = []
            for (t, month) in (timeline.firstMonth...timeline.lastMonth).enumerated() where firm.isActive(in: month, asOf: timeline.asOf) {
                let trend = exp(firm.growth * 0.7 * (Double(t) - middle))
                for utility in services where isBilled(utility, in: month) {
                    rows.append(record(firm, utility: utility, month: month, base: base, trend: trend, &rng))
                }
            }
            return rows
        }
    }
}
