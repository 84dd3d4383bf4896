import Foundation

extension CityGenerator {
    /// How strongly a firm of this health runs up arrears: 0 above health 0.4, rising to 1 at health 0.
    static func distress(_ health: Double) -> Double {
        let x = clamp((0.4 - health) / 0.4, 0, 1)
        return x * x.squareRoot()
    }

    /// What the tax grade needs to know about a firm's payments.
    struct TaxFacts: Sendable {
        var arrearsYears: Set<Int> = []
        var payingYears: Set<Int> = []
    }

    /// `tax.payment` and `tax.rating` (税务局).
    enum TaxRecords {
        /// Monthly (or, for micro firms and individual businesses, quarterly) tax paid and the arrears
        /// balance; weak firms fall behind and pay off slowly.
        static func payments(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> (rows: [[String]], facts: TaxFacts) {
            var facts = TaxFacts()
            var rows: [[String]] = []
            let quarterly = firm.scale == .micro
            let typeFactor: Double = switch firm.type {
            case .enterprise: 1
            case .individual: 0.3
            case .cooperative: 0.05
            }
            let base = 2_200 * firm.scale.activity * firm.section.taxFactor * firm.activity * typeFactor * (quarterly ? 3 : 1)
            let zeroChance: Double = firm.type == .individual ? 0.25 : (firm.type == .cooperative ? 0.6
                : (firm.scale == .micro ? 0.06 + 0.4 * (1 - firm.health) * (1 - firm.health) : 0.01))
            let distress = CityGenerator.distress(firm.health)
            let newArrears = 0.002 + 0.4 * distress
            let repay = 0.15 + 0.6 * firm.health
            var owed = 0.0
            let middle = Double(timeline.months) / 2
            for (t, month) in (timeline.firstMonth...timeline.lastMonth).enumerated() {
                guard firm.isActive(in: month, asOf: timeline.asOf), !quarterly || month.isQuarterEnd else { continue }
                let seasonal: Double = switch month.monthOfYear {
                case 12: 1.3
                case 1, 2: 0.85
                default: 1
                }
                var due = rng.chance(zeroChance) ? 0 : base * exp(firm.growth * (Double(t) - middle)) * seasonal * rng.logNormal(median: 1, sigma: 0.25)
                if owed > 0, rng.chance(repay) {
                    owed = rng.chance(0.6) ? 0 : owed * rng.uniform(0.2, 0.7)
                }
                if due > 0, rng.chance(newArrears) {
                    let unpaid = due * rng.uniform(0.3, 1)
                    owed += unpaid
                    due -= unpaid
                }
                if owed >= 0.005 { facts.arrearsYears.insert(month.year) }
                if due >= 0.005 { facts.payingYears.insert(month.year) }
                rows.append([firm.uscc, month.text, Format.yuan(due), Format.yuan(owed)])
            }
            return (rows, facts)
        }

        /// Whether an individual business is rated at all (most under fixed-quota collection are not).
        static func isRated(_ firm: Firm) -> Bool {
            firm.type != .individual || SplitMix64.mix(UInt64(firm.serial) &+ 0x7A7) % 10 < 4
        }

        /// A grade from the points a firm keeps in a year: A ≥ 90, B 70–89, C 40–69, D < 40.
        static func scoredGrade(_ firm: Firm, offset: Double, arrears: Bool, taxPenalties: Int, _ rng: inout Xoshiro256) -> String {
            // Piecewise linear in the firm's quality, so that most firms land on B, as in real rating rolls.
            let quality = 0.55 * firm.health + 0.45 * firm.integrity
            let points = quality >= 0.34 ? 70 + 20 * (quality - 0.34) / 0.46 : 70 - 30 * (0.34 - quality) / 0.14
            var score = points + offset + rng.normal(mean: 0, sd: 2.5)
            if arrears { score -= 12 }
            score -= 11 * Double(taxPenalties)
            return score >= 90 ? "A" : (score >= 70 ? "B" : (score >= 40 ? "C" : "D"))
        }

        /// One grade per rating year: A ≥ 90 points, B 70–89, C 40–69, D < 40 or assigned directly for
        /// serious tax violations or a dishonest-debtor listing; M for firms new in that year or without income.
        static func ratings(_ firm: Firm, _ timeline: Timeline, facts: TaxFacts?, penalties: [PenaltyFact],
                            dishonestYears: Set<Int>, _ rng: inout Xoshiro256) -> [(row: [String], year: Int, grade: String)] {
            guard isRated(firm) else { return [] }
            let firmOffset = rng.normal(mean: 0, sd: 4)
            var result: [(row: [String], year: Int, grade: String)] = []
            for year in timeline.ratingYears {
                let yearEnd = CivilDay(year: year, month: 12, day: 31)
                guard firm.established <= yearEnd, (firm.closedOn.map { $0 > yearEnd } ?? true) else { continue }
                let grade: String
                let taxPenalties = penalties.filter { $0.authority == PenaltyRecords.tax && $0.day.year == year }
                if firm.established.year == year || (facts.map { !$0.payingYears.contains(year) && year >= timeline.firstMonth.year } ?? false) {
                    grade = "M"
                } else if taxPenalties.contains(where: { $0.severity == 2 }) || dishonestYears.contains(year) {
                    grade = "D"
                } else {
                    let arrears = facts?.arrearsYears.contains(year) ?? rng.chance(CityGenerator.distress(firm.health))
                    grade = scoredGrade(firm, offset: firmOffset, arrears: arrears, taxPenalties: taxPenalties.count, &rng)
                }
                result.append(([firm.uscc, String(year), grade], year, grade))
            }
            return result
        }
    }
}
