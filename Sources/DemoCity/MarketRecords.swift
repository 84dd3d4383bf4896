extension CityGenerator {
    /// `market.registration` and `market.abnormal` (市场监管局).
    enum MarketRecords {
        static func registration(_ firm: Firm) -> [String] {
            [firm.uscc, firm.name, firm.type.label, firm.legalRep, firm.legalRepID, Format.cents(firm.registeredCapitalCents),
             firm.established.text, firm.section.letter, firm.place.code, firm.scale.label, firm.status.label, firm.address]
        }

        static let annualReport = "未按照《企业信息公示暂行条例》规定的期限公示年度报告"
        /// Individual businesses are marked 经营异常状态 for a missing annual report under their own rules.
        static let individualAnnualReport = "未按照《个体工商户年度报告办法》规定报送年度报告"
        static let unreachable = "通过登记的住所或者经营场所无法联系"
        static let falsified = "公示企业信息隐瞒真实情况、弄虚作假"
        static let ignoredOrder = "未在市场监督管理部门依照规定责令的期限内公示有关企业信息"

        static func authority(_ firm: Firm) -> String { "大连市" + firm.place.name + "市场监督管理局" }

        /// One listing on `listed`, lifted some months later for firms that put things right.
        static func record(_ firm: Firm, listed: CivilDay, reason: String, removable: Bool, asOf: CivilDay, _ rng: inout Xoshiro256) -> [String] {
            var removed = ""
            if removable, rng.chance(0.3 + 0.45 * firm.health) {
                let day = listed + rng.int(20...240)
                if day <= asOf { removed = day.text }
            }
            return [firm.uscc, listed.text, reason, removed, authority(firm)]
        }

        /// Listings in the abnormal operations directory (经营异常名录); listed firms that were revoked
        /// always have one before the revocation.
        static func forFirm(_ firm: Firm, _ timeline: Timeline, _ rng: inout Xoshiro256) -> [(row: [String], listed: CivilDay, lifted: Bool)] {
            var listings: [(CivilDay, String, Bool)] = []
            if firm.status == .revoked, let closed = firm.closedOn {
                let listed = max(firm.established + 30, closed - rng.int(180...540))
                listings.append((listed, rng.chance(0.6) ? unreachable : annualReport, false))
            }
            if let span = timeline.activeSpan(firm) {
                let lack = 1 - firm.integrity
                let rate = (0.015 + 0.45 * pow3(lack) * (1.2 - 0.6 * firm.health)) * (firm.scale == .micro ? 1.3 : 0.7)
                let years = Double(span.to.number - span.from.number) / 365.25
                for _ in 0..<rng.poisson(rate * years) {
                    let reasonDraw = rng.uniform()
                    if reasonDraw < 0.6 {
                        // Annual reports are due by 30 June; listings follow in early July.
                        let years = (span.from.year...span.to.year).filter {
                            let day = CivilDay(year: $0, month: 7, day: 1)
                            return day >= span.from && day + 15 <= span.to && $0 > firm.established.year
                        }
                        guard !years.isEmpty else { continue }
                        let july = CivilDay(year: rng.pick(years), month: 7, day: 1)
                        listings.append((july + rng.below(15), firm.type == .individual ? individualAnnualReport : annualReport, true))
                    } else {
                        let reason = reasonDraw < 0.8 ? unreachable : (reasonDraw < 0.92 ? falsified : ignoredOrder)
                        listings.append((rng.day(span.from, span.to), reason, true))
                    }
                }
            }
            return listings.sorted { $0.0 < $1.0 }.map { listed, reason, removable in
                let row = record(firm, listed: listed, reason: reason, removable: removable, asOf: timeline.asOf, &rng)
                return (row, listed, !row[3].isEmpty)
            }
        }
    }

    @inline(__always) static func pow3(_ x: Double) -> Double { x * x * x }
}
