import Testing
@testable import Domain

@Suite struct EligibilityTests {
    typealias F = MarketplaceFixtures
    let today = F.today

    @Test func gradeBoundary() {
        let product = F.product(minGrade: "A")
        #expect(Eligibility.check(product, F.firm(grade: "A"), today: today) == .eligible)
        #expect(Eligibility.check(product, F.firm(grade: "A+"), today: today) == .eligible)
        #expect(Eligibility.check(product, F.firm(grade: "B"), today: today)
                == .ineligible(reasons: ["信用等级需达到 A 及以上（当前 B）"]))
        #expect(Eligibility.check(product, F.firm(grade: ""), today: today).reasons
                == ["信用等级需达到 A 及以上（当前 未评级）"])
    }

    @Test func yearsInBusinessCountWholeMonths() {
        let product = F.product(minYears: 2)
        // 2023-03-01 → 2025-06-15 is 2 years 3 months.
        #expect(Eligibility.check(product, F.firm(established: Day(year: 2023, month: 3, day: 1)), today: today).isEligible)
        // The anniversary itself counts; the day before does not.
        #expect(Eligibility.check(product, F.firm(established: Day(year: 2023, month: 6, day: 15)), today: today).isEligible)
        #expect(Eligibility.check(product, F.firm(established: Day(year: 2023, month: 6, day: 16)), today: today).reasons
                == ["成立年限需满 2 年（当前 1 年 11 个月）"])
        #expect(Eligibility.check(product, F.firm(established: Day(year: 2024, month: 3, day: 10)), today: today).reasons
                == ["成立年限需满 2 年（当前 1 年 3 个月）"])
        #expect(Eligibility.check(product, F.firm(established: Day(year: 2025, month: 6, day: 1)), today: today).reasons
                == ["成立年限需满 2 年（当前 0 个月）"])
        #expect(Eligibility.check(product, F.firm(established: Day(year: 2023, month: 6, day: 1)), today: today).isEligible)
    }

    @Test func industriesAndDistrictsMatchByPrefixAndEmptyMeansAll() {
        let manufacturing = F.product(industries: ["C"], districts: ["210202", "210203"])
        #expect(Eligibility.check(manufacturing, F.firm(industry: "C13", district: "210202"), today: today).isEligible)
        #expect(Eligibility.check(manufacturing, F.firm(industry: "F51", district: "210202"), today: today).reasons
                == ["不在产品适用行业范围内"])
        #expect(Eligibility.check(manufacturing, F.firm(industry: "C13", district: "210211"), today: today).reasons
                == ["不在产品适用区域范围内"])
        let anywhere = F.product()
        #expect(Eligibility.check(anywhere, F.firm(industry: "F51", district: "130102"), today: today).isEligible)
        let dalian = F.product(districts: ["2102"])
        #expect(Eligibility.check(dalian, F.firm(district: "210211"), today: today).isEligible)
    }

    @Test func dishonestFirmsAreRefusedUnlessTheProductAllowsThem() {
        var product = F.product()
        #expect(Eligibility.check(product, F.firm(dishonest: true), today: today).reasons == ["存在失信或黑名单记录"])
        product.eligibility.excludeDishonest = false
        #expect(Eligibility.check(product, F.firm(dishonest: true), today: today).isEligible)
    }

    @Test func everyFailingRuleIsReported() {
        let product = F.product(minGrade: "A+", industries: ["A"], districts: ["3301"], minYears: 3)
        let firm = F.firm(grade: "C", established: Day(year: 2024, month: 6, day: 15), dishonest: true)
        #expect(Eligibility.check(product, firm, today: today).reasons == [
            "信用等级需达到 A+ 及以上（当前 C）", "不在产品适用行业范围内", "不在产品适用区域范围内",
            "成立年限需满 3 年（当前 1 年）", "存在失信或黑名单记录",
        ])
    }
}
