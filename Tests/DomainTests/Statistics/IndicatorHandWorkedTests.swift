import Testing
@testable import Domain

/// Every indicator on `StatFixtures`, with the answer worked by hand in the comment beside it, read both from the
/// calculator over the facts and from the monthly aggregates rebuilt from them.
@Suite struct IndicatorHandWorkedTests {
    typealias F = StatFixtures
    static let calculator = StatCalculator(facts: F.facts)
    static let aggregate = StatAggregate(rebuiltFrom: F.facts)

    /// The values of `period` and `filter` from both sources, which must agree.
    func values(_ period: StatPeriod, _ filter: StatFilter = .all, comparison: StatPeriod? = nil) throws -> [String: IndicatorValue] {
        let fromFacts = try Self.calculator.values(period: period, filter: filter, comparison: comparison)
        let fromCells = try Self.aggregate.values(period: period, filter: filter, comparison: comparison)
        #expect(fromFacts == fromCells, "aggregates disagree with the facts for \(period) \(filter)")
        return fromFacts
    }

    /// Expected values by code; every indicator of the catalog must be given, so a new one needs a worked answer.
    func check(_ actual: [String: IndicatorValue], _ expected: [String: Int64?], sourceLocation: SourceLocation = #_sourceLocation) {
        for indicator in IndicatorCatalog.all {
            guard let want = expected[indicator.code] else {
                Issue.record("no worked answer for \(indicator.code)", sourceLocation: sourceLocation); continue
            }
            #expect(actual[indicator.code]?.value == want, "\(indicator.code) \(indicator.name)", sourceLocation: sourceLocation)
        }
        for code in expected.keys where IndicatorCatalog.indicator(code) == nil {
            Issue.record("unknown indicator \(code)", sourceLocation: sourceLocation)
        }
    }

    /// Whole yuan in cents.
    func yuan(_ y: Int64) -> Int64 { y * 100 }

    @Test func marchForTheWholeCity() throws {
        let v = try values(.month(F.march))
        check(v, [
            // Stocks on 03-31: F1, F2, F3 registered; authorised F1 and F3; F1's commitment withdrawn on 03-20.
            "platform.firms_registered": 3, "platform.firms_new": 1, // F3 on 03-10
            "platform.firms_authorised": 2, "platform.firms_committed": 0,
            // B2 and P2 went offline on 03-20; P3 came on 03-25: B1 with P1 and P3.
            "platform.institutions_online": 1, "platform.products_online": 2,
            // 3 slots; SCJ/reg (on time 04-03, again 04-10) and SWJ/tax (late 04-08) received: 2/3, on time 1/3.
            "collection.datasets_expected": 3, "collection.datasets_received": 2,
            "collection.rate": 666_667, "collection.timeliness": 333_333,
            // 1000 + 200 + 500 records, 10 + 40 rejected: 50 / 1700 = 2.941 % → 29,412 ppm.
            "collection.records_received": 1700, "collection.rejected_share": 29_412,
            // Dm1, Dm2, Dm3 published in March (Dm0 in February): ¥800,000; Dm1 taken after 2 days, Dm2 after 10.
            "demand.published": 3, "demand.amount": yuan(800_000), "demand.taken": 2, "demand.take_rate": 666_667,
            // Nearest rank of {2, 10}: median rank ⌈1⌉ = 2 days, p90 rank ⌈1.8⌉ = 2 → 10 days.
            "demand.take_days_median": 2, "demand.take_days_p90": 10,
            // Only Dm1 satisfied, with ¥400,000: 1/3.
            "demand.satisfied": 1, "demand.satisfaction_rate": 333_333, "demand.satisfied_amount": yuan(400_000),
            // Both taken demands followed up: Dm1 turned into an application, Dm2 declined (04-02, counted in March, its
            // month of publication): followed up 2/2, converted 1/2.
            "demand.followed_up_rate": 1_000_000, "demand.converted": 1, "demand.conversion_rate": 500_000, "demand.declined": 1,
            // Pu1 contacted and decided after 25 days; Pu2 decided after 45 days; Pu3 nothing yet.
            "push.pushed": 3, "push.contacted": 1, "push.decided_30d": 1, "push.decided_30d_rate": 333_333,
            // A1 (auto) and A2 approved, A3 declined, A4 pending: 2/4, auto 1/2.
            "lending.applications": 4, "lending.approvals": 2, "lending.approval_rate": 500_000,
            "lending.auto_approvals": 1, "lending.auto_approval_share": 500_000,
            // Lines L1, L2 (F1) and L3 (F2): 3 lines, 2 firms, ¥1,700,000.
            "lending.line_firms": 2, "lending.lines": 3, "lending.line_amount": yuan(1_700_000),
            // Loans Ln1 ¥600,000 @3.80 % credit first, Ln2 ¥400,000 @4.50 % renewal, Ln3 ¥200,000 @4.20 % credit.
            "lending.loan_firms": 2, "lending.loans": 3, "lending.loan_amount": yuan(1_200_000),
            "lending.average_loan": yuan(400_000),
            // Credit ¥800,000 / ¥1,200,000 = 2/3; first loans F1 ¥600,000; renewals ¥400,000 / ¥1,200,000 = 1/3.
            "lending.credit_loan_amount": yuan(800_000), "lending.credit_loan_share": 666_667,
            "lending.first_loan_firms": 1, "lending.first_loan_amount": yuan(600_000),
            "lending.renewal_amount": yuan(400_000), "lending.renewal_share": 333_333,
            // (600k×380 + 400k×450 + 200k×420) / 1,200k = 492,000 / 1,200 = 410 bp = 4.10 % = 41,000 ppm; February
            // (the default comparison) had no loans, so the change is undefined.
            "lending.average_rate": 41_000, "lending.average_rate_change": nil,
            // A1 3 days, A2 14 days: median 3, p90 14.
            "lending.disbursement_days_median": 3, "lending.disbursement_days_p90": 14,
            // On 03-31: Ln0 repaid in full; Ln1 ¥500,000 normal; Ln2 ¥400,000 substandard; Ln3 ¥200,000 normal.
            "risk.balance": yuan(1_100_000), "risk.balance_normal": yuan(700_000), "risk.balance_special_mention": 0,
            "risk.balance_substandard": yuan(400_000), "risk.balance_doubtful": 0, "risk.balance_loss": 0,
            // NPL 400 / 1,100 = 36.3636 % → 363,636 ppm; Ln2 overdue ¥20,000.
            "risk.npl_balance": yuan(400_000), "risk.npl_ratio": 363_636,
            "risk.overdue_balance": yuan(20_000), "risk.overdue_loans": 1,
            // Al1 red (handled in 3 days), Al2 yellow (10 days), Al3 blue (open); Al4 green is not a warning.
            "risk.alerts": 3, "risk.alerts_red": 1, "risk.alerts_orange": 0, "risk.alerts_yellow": 1, "risk.alerts_blue": 1,
            "risk.alerts_handled": 2, "risk.alert_handling_days_median": 3,
            // F2 listed on 03-05.
            "risk.listed_firms": 1, "risk.new_listings": 1,
            // C2 filed ¥80,000 in March; C1 (filed in February) paid ¥15,000 on 03-10.
            "fund.claims": 1, "fund.claimed_amount": yuan(80_000), "fund.claims_paid": 1, "fund.payout_amount": yuan(15_000),
        ])
        #expect(v["lending.credit_loan_share"] == IndicatorValue(666_667, numerator: yuan(800_000), denominator: yuan(1_200_000)))
    }

    @Test func aMovedFirmCountsWhereItWasOnEachDay() throws {
        // F1 is in 中山区 until 03-14: its demand Dm1 (03-10), application A1, line L1 and loan Ln1 stay there for
        // good, even Ln1's repayment on 03-25; from 03-15 its line L2 and loan Ln3 are 西岗区's, and so is F1 itself.
        let zs = try values(.month(F.march), .district(F.zhongshan))
        #expect(zs["platform.firms_registered"]?.value == 1, "F3 only: F1 moved away")
        #expect(zs["platform.firms_authorised"]?.value == 1, "F3")
        #expect(zs["demand.published"]?.value == 2 && zs["demand.take_rate"]?.value == 500_000, "Dm1 taken, Dm3 not")
        #expect(zs["lending.loan_amount"]?.value == yuan(600_000), "Ln1")
        #expect(zs["lending.line_firms"]?.value == 1 && zs["lending.line_amount"]?.value == yuan(1_000_000), "L1")
        #expect(zs["risk.balance"]?.value == yuan(500_000), "Ln1 less its ¥100,000 repaid after the move")
        #expect(zs["risk.npl_ratio"]?.value == 0)

        let xg = try values(.month(F.march), .district(F.xigang))
        #expect(xg["platform.firms_registered"]?.value == 2, "F2 and F1 since 03-15")
        #expect(xg["platform.firms_authorised"]?.value == 1, "F1's authorisation moved with it")
        #expect(xg["platform.firms_new"]?.value == 0, "F1 moved in, it did not register")
        #expect(xg["lending.line_firms"]?.value == 2 && xg["lending.lines"]?.value == 2, "L2 (F1) and L3 (F2)")
        #expect(xg["lending.loan_amount"]?.value == yuan(600_000), "Ln2 + Ln3")
        // 西岗区 on 03-31: Ln2 ¥400,000 substandard + Ln3 ¥200,000: NPL 2/3.
        #expect(xg["risk.balance"]?.value == yuan(600_000) && xg["risk.npl_ratio"]?.value == 666_667)

        // At the end of February F1 was still in 中山区, with its commitment.
        let zsFeb = try values(.month(F.february), .district(F.zhongshan))
        #expect(zsFeb["platform.firms_registered"]?.value == 1 && zsFeb["platform.firms_committed"]?.value == 1)
        let xgFeb = try values(.month(F.february), .district(F.xigang))
        #expect(xgFeb["platform.firms_registered"]?.value == 1 && xgFeb["platform.firms_committed"]?.value == 0)

        // The districts add up to the city for every additive count.
        let city = try values(.month(F.march))
        for code in ["platform.firms_registered", "lending.loan_amount", "risk.balance", "lending.lines", "demand.published"] {
            #expect(zs[code]!.value! + xg[code]!.value! == city[code]!.value!, "\(code)")
        }
        // Distinct firms do not: F1 had lines in both districts.
        #expect(zs["lending.line_firms"]!.value! + xg["lending.line_firms"]!.value! == 3 && city["lending.line_firms"]?.value == 2)
    }

    @Test func theFirstQuarterAddsFlowsAndTakesStocksAtItsEnd() throws {
        let q = try values(.quarter(year: 2025, 1))
        // Loans Ln0..Ln3 ¥2,200,000; credit Ln0, Ln1, Ln3 ¥1,800,000 → 818,181.8 → 818,182 ppm.
        #expect(q["lending.loans"]?.value == 4 && q["lending.loan_amount"]?.value == yuan(2_200_000))
        #expect(q["lending.credit_loan_share"]?.value == 818_182)
        // First loans: F2 (Ln0) and F1 (Ln1).
        #expect(q["lending.first_loan_firms"]?.value == 2 && q["lending.loan_firms"]?.value == 2)
        // (492,000 + 1,000k×500) / 2,200k = 450.909 bp → 45,091 ppm.
        #expect(q["lending.average_rate"]?.value == 45_091)
        // Demands Dm0..Dm3; taken after 1, 2 and 10 days: median rank ⌈1.5⌉ = 2 → 2 days.
        #expect(q["demand.published"]?.value == 4 && q["demand.take_days_median"]?.value == 2)
        #expect(q["demand.satisfaction_rate"]?.value == 500_000)
        // Claims: C1 and C2 filed ¥130,000.
        #expect(q["fund.claims"]?.value == 2 && q["fund.claimed_amount"]?.value == yuan(130_000))
        // Stocks are those of 03-31, as in March.
        #expect(q["risk.balance"]?.value == yuan(1_100_000) && q["platform.firms_registered"]?.value == 3)
        #expect(q["platform.firms_new"]?.value == 3)
        // The previous quarter had no loans: no rate change.
        #expect(q["lending.average_rate_change"]?.value == nil)
    }

    @Test func theRateChangeAgainstAChosenBaseline() throws {
        // March 4.10 % against January's Ln0 at 5.00 %: −0.90 percentage points = −9,000 ppm.
        let v = try values(.month(F.march), comparison: .month(F.january))
        let change = try #require(v["lending.average_rate_change"])
        #expect(change == IndicatorValue(-9_000, numerator: 41_000, denominator: 50_000))
        #expect(change.text(.percentagePoints) == "-0.90个百分点")
        #expect(v["lending.average_rate"]?.text(.percent) == "4.10%")
    }

    @Test func anEmptyPeriodHasZeroCountsAndUndefinedRatios() throws {
        let v = try values(.month(StatMonth(year: 2024, month: 6)))
        for indicator in IndicatorCatalog.all {
            let value = v[indicator.code]?.value
            switch indicator.kind {
            case .count, .sum: #expect(value == 0, "\(indicator.code)")
            case .ratio, .average, .weightedAverage, .durationPercentile, .change: #expect(value == nil, "\(indicator.code)")
            }
        }
        #expect(v["risk.npl_ratio"]?.text(.percent) == "—")
        // A district with no facts at all in a busy month.
        let none = try values(.month(F.march), .district("210211"))
        #expect(none["lending.loans"]?.value == 0 && none["demand.take_rate"]?.value == nil)
    }

    @Test func anyRangeOfDaysComesFromTheFactsAndNotFromTheMonthlyCells() throws {
        let period = StatPeriod(from: F.d("2025-03-10"), through: F.d("2025-03-20"))
        let v = try Self.calculator.values(period: period)
        // Dm1 (03-10) and Dm2 (03-20), both ends included; L2 and L3; Ln2 on 03-17.
        #expect(v["demand.published"]?.value == 2 && v["lending.lines"]?.value == 2 && v["lending.loans"]?.value == 1)
        // On 03-20 F1's commitment has just ended, B2 has just gone offline.
        #expect(v["platform.firms_committed"]?.value == 0 && v["platform.institutions_online"]?.value == 1)
        #expect(throws: DomainError.self) { try Self.aggregate.values(period: period) }
    }

    @Test func byInstitutionAndByMonth() throws {
        let b1 = try values(.month(F.march), .institution("B1"))
        // A1, A3, A4 at B1; only A1 approved.
        #expect(b1["lending.applications"]?.value == 3 && b1["lending.approval_rate"]?.value == 333_333)
        #expect(b1["lending.loan_amount"]?.value == yuan(800_000) && b1["risk.npl_ratio"]?.value == 0)
        // Data collection has no institution: nothing at a bank's filter.
        #expect(b1["collection.datasets_expected"]?.value == 0)
        let series = try Self.aggregate.monthly(IndicatorCatalog.indicator("lending.loan_amount")!, months: F.january...F.march)
        #expect(series.map(\.value.value) == [yuan(1_000_000), 0, yuan(1_200_000)])
        let byDistrict = try Self.aggregate.breakdown(IndicatorCatalog.indicator("risk.balance")!, period: .month(F.march),
                                                      by: .district, values: Self.aggregate.values(of: .district))
        #expect(byDistrict.map(\.value) == [F.zhongshan, F.xigang])
        #expect(byDistrict.map(\.result.value) == [yuan(500_000), yuan(600_000)])
        let bySize = try values(.month(F.march), StatFilter([.firmSize: "micro"]))
        #expect(bySize["lending.loan_amount"]?.value == yuan(400_000), "F2's Ln2")
        let byIndustry = try values(.month(F.march), StatFilter([.industry: "C", .district: F.zhongshan]))
        #expect(byIndustry["demand.published"]?.value == 2, "Dm1 (F1) and Dm3 (F3), both industry C, in 中山区")
    }

    @Test func theCatalogIsWellFormed() {
        let codes = IndicatorCatalog.all.map(\.code)
        #expect(Set(codes).count == codes.count, "codes are unique")
        for indicator in IndicatorCatalog.all {
            #expect(!indicator.definition.isEmpty && !indicator.name.isEmpty)
            if case .change(let code) = indicator.formula { #expect(IndicatorCatalog.indicator(code) != nil) }
        }
        #expect(Set(IndicatorCatalog.all.map(\.kind)) == Set(IndicatorKind.allCases), "every kind is used")
        #expect(IndicatorValue(486_654).text(.percent) == "48.67%")
        #expect(IndicatorValue(12_345_678).text(.cents) == "12.35万元", "¥123,456.78")
        #expect(IndicatorValue(1234).text(.firms) == "1,234户")
    }
}
