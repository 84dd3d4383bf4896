import Foundation
import Testing
@testable import Domain

/// `fund-schemes.json`: the shipped schemes carry seed 001's figures with their sources, a version is picked by
/// date within its period, and a file with a mistake is refused with a Chinese reason naming the field.
@Suite struct FundSchemeTests {
    typealias F = FundFixtures

    @Test func theLingyuanSchemeHasSeed001sFigures() throws {
        let v = try F.lingyuan()
        #expect(v.funding.initialCapital == Cents(yuan: 10_000_000))
        #expect(v.funding.taxRevenueShareBasisPoints == 2000 && v.funding.interestIncomeContributionBasisPoints == 500)
        #expect(v.share.kind == .flat && v.share.basisPoints == 3000)
        #expect(v.caps == FundCaps(perLoan: Cents(yuan: 500_000), perInstitution: Cents(yuan: 2_000_000)))
        #expect(v.triggers == [.classification(atLeast: .loss)])
        #expect(v.firm.recommendedListRequired && v.loan.firstLoanOnly && v.loan.productTypes == [.pureCredit])
        #expect(v.loan.rateCeiling(reference: nil) == AnnualRate(basisPoints: 566), "4.35% × 1.3 = 5.655% → 5.66%")
        #expect(v.loan.termLimitMonths == 24 && v.loan.absoluteTermLimitMonths == 36)
        #expect(v.loan.excludedPurposes == ["房地产开发"] && v.loan.throughPlatformOnly)
        #expect(v.exclusions.contains(.institutionBreach))
        let first = try F.scheme("lingyuan-2020").versions[0]
        #expect(first.sources["caps.perLoan"]?.contains("第十二条") == true)
        #expect(first.sources["funding.taxRevenueShareBasisPoints"]?.contains("第七条") == true)
        #expect(first.effectiveUntil == "2022-12-31", "第二十条：有效期 2 年")
        #expect(v.sources["effectiveFrom"]?.contains("UNCONFIRMED") == true && v.unconfirmed.contains("effectiveFrom"),
                "the renewal after two years is the platform's default")
        #expect(v.unconfirmed.contains("review.publicity"))
        #expect(v.materials.contains { $0.kind == .truthfulnessStatement })
    }

    @Test func theGuangxiAndGuangzhouSchemesAreShipped() throws {
        let gx = try F.guangxi()
        #expect(gx.share.kind == .split)
        #expect(gx.share.parties?.map(\.weight) == [4, 3, 2, 1])
        #expect(gx.share.parties?.map(\.role) == [.guarantor, .reGuarantor, .institution, .fund])
        let gz = try F.guangzhou()
        #expect(gz.share.tiers?.map(\.basisPoints) == [4000, 3000, 2000])
        #expect(gz.share.totalCapBasisPoints == 5000)
        #expect(gz.circuitBreakers.first?.metric == .yearlyLossRatio && gz.circuitBreakers.first?.pauseAboveBasisPoints == 300)
        #expect(gz.unconfirmed.contains("share.tiers"))
        #expect(try F.schemes().problems().isEmpty)
    }

    @Test func theVersionIsPickedByDateWithinItsPeriod() throws {
        let ly = try F.scheme("lingyuan-2020")
        #expect(ly.version(on: F.day("2020-12-31")) == nil)
        #expect(ly.version(on: F.day("2021-01-01"))?.version == 1)
        #expect(ly.version(on: F.day("2022-12-31"))?.version == 1)
        #expect(ly.version(on: F.day("2023-01-01"))?.version == 2)
        let gz = try F.scheme("guangzhou-2025")
        #expect(gz.version(on: F.day("2025-09-30")) == nil)
        #expect(gz.version(on: F.day("2028-09-30"))?.version == 1)
        #expect(gz.version(on: F.day("2028-10-01")) == nil, "the scheme lapses after its period")
        #expect(throws: DomainError.conflict("2028-10-01 广州市信贷风险补偿机制（政银）没有生效的方案版本")) {
            try gz.required(on: F.day("2028-10-01"))
        }
    }

    @Test func aGapBetweenVersionsMeansNoScheme() throws {
        var ly = try F.scheme("lingyuan-2020")
        ly.versions[1].effectiveFrom = "2023-03-01"
        #expect(ly.problems().isEmpty)
        #expect(ly.version(on: F.day("2023-02-28")) == nil)
        #expect(ly.version(on: F.day("2023-03-01"))?.version == 2)
    }

    @Test func overlappingOrUnorderedPeriodsAreRefused() throws {
        #expect(try F.refusal(scheme: { $0.versions[0].effectiveUntil = "2023-01-01" })
                == "基金方案“lingyuan-2020”第 1 版的有效期（至 2023-01-01）与第 2 版（自 2023-01-01）重叠")
        #expect(try F.refusal(scheme: { $0.versions[0].effectiveUntil = nil })
                == "基金方案“lingyuan-2020”第 1 版没有 effectiveUntil，与第 2 版的有效期重叠")
        #expect(try F.refusal(scheme: { $0.versions[1].version = 1 }) == "基金方案“lingyuan-2020”第 1 版重复出现")
        #expect(try F.refusal(scheme: { $0.versions[0].effectiveUntil = "2020-12-31" })
                == "基金方案“lingyuan-2020”第 1 版：effectiveUntil（2020-12-31）早于 effectiveFrom（2021-01-01）")
        #expect(try F.refusal { $0.effectiveFrom = "2021-02-30" } == "基金方案“lingyuan-2020”第 1 版：effectiveFrom“2021-02-30”不是 YYYY-MM-DD")
        #expect(try F.refusal(scheme: { $0.code = "guangxi-4321" }) == "基金方案代码“guangxi-4321”重复")
    }

    @Test func sharesAndWeightsMustBeSensible() throws {
        let p = "基金方案“lingyuan-2020”第 1 版："
        #expect(try F.refusal { $0.share = .flat(10_001) } == p + "share.basisPoints 须在 1 到 10000 个基点（0–100%）之间（当前 10001）")
        #expect(try F.refusal { $0.share = .flat(10_000) } == nil, "100 % is a share")
        #expect(try F.refusal { $0.share = .flat(0) } == p + "share.basisPoints 须在 1 到 10000 个基点（0–100%）之间（当前 0）")
        #expect(try F.refusal { $0.share = FundShareRule(kind: .flat) } == p + "share.basisPoints 缺失：固定比例方案须给出补偿比例")
        let parties = [FundParty(role: .guarantor, label: "担保", weight: 4, paysFromFund: false),
                       FundParty(role: .institution, label: "银行", weight: 0, paysFromFund: false),
                       FundParty(role: .fund, label: "财政", weight: 1, paysFromFund: true)]
        #expect(try F.refusal { $0.share = FundShareRule(kind: .split, parties: parties) } == p + "share.parties[1].weight 须为正数（当前 0）")
        var noBank = parties; noBank[1].role = .insurer; noBank[1].weight = 2
        #expect(try F.refusal { $0.share = FundShareRule(kind: .split, parties: noBank) } == p + "share.parties 中须恰有一方为贷款机构（institution）")
        var noFund = parties; noFund[1].weight = 2; noFund[2].paysFromFund = false
        #expect(try F.refusal { $0.share = FundShareRule(kind: .split, parties: noFund) } == p + "share.parties 中须至少有一方由本基金支付（paysFromFund）")
        let tiers = [FundShareRule.Tier(upTo: Cents(yuan: 10), basisPoints: 4000), .init(upTo: Cents(yuan: 5), basisPoints: 3000)]
        #expect(try F.refusal { $0.share = FundShareRule(kind: .tiered, tiers: tiers) } == p + "share.tiers 的 upTo 须依次递增")
        let bonus = [FundShareRule.Bonus(anyOf: [.ipPledge], basisPoints: 1500)]
        #expect(try F.refusal { $0.share = FundShareRule(kind: .flat, basisPoints: 3000, bonuses: bonus) }
                == p + "share.totalCapBasisPoints 缺失：有加计比例时须设总比例上限")
    }

    @Test func termsRatesCapsAndChecklistsMustBeSensible() throws {
        let p = "基金方案“lingyuan-2020”第 1 版："
        #expect(try F.refusal { $0.loan.absoluteTermLimitMonths = 37 } == p + "loan.absoluteTermLimitMonths 不能超过 36 个月（3 年）（当前 37）")
        #expect(try F.refusal { $0.loan.absoluteTermLimitMonths = 36 } == nil)
        #expect(try F.refusal { $0.loan.termLimitMonths = 30; $0.loan.absoluteTermLimitMonths = 24 }
                == p + "loan.termLimitMonths（30）不能超过 loan.absoluteTermLimitMonths（24）")
        #expect(try F.refusal { $0.loan.referenceRate = nil } == p + "loan.rateMarkupPercent 已设置，但缺少 loan.referenceRate")
        #expect(try F.refusal { $0.caps.perLoan = .zero } == p + "caps.perLoan 须大于零（当前 0 分）")
        #expect(try F.refusal { $0.funding.taxRevenueShareBasisPoints = -1 }
                == p + "funding.taxRevenueShareBasisPoints 须在 0 到 10000 个基点（0–100%）之间（当前 -1）")
        #expect(try F.refusal { $0.triggers = [] } == p + "triggers 不能为空：须至少有一个补偿触发条件")
        #expect(try F.refusal { $0.triggers = [.classification(atLeast: .specialMention)] } == p + "triggers[0].atLeast 须为次级、可疑或损失")
        #expect(try F.refusal { $0.materials.removeAll { $0.kind == .truthfulnessStatement } }
                == p + "materials 须包含材料真实性承诺书（truthfulness_statement）")
        #expect(try F.refusal {
            $0.circuitBreakers = [FundCircuitBreaker(metric: .overdueRatio, pauseAboveBasisPoints: 300, resumeBelowBasisPoints: 400, pauses: [.claims])]
        } == p + "circuitBreakers[0].resumeBelowBasisPoints 不能高于 pauseAboveBasisPoints")
        #expect(try F.refusal { $0.review.approval = ProcedurePeriod(days: -1, counting: .working) } == p + "review.approval 的期限不能为负数")
    }

    @Test func aFileThatIsNotJSONIsRefused() {
        #expect(throws: DomainError.self) { try FundSchemes.decode(Data("{\"name\":".utf8)) }
        #expect(throws: DomainError.invalidCatalog(entry: "fund-schemes.json", reason: "风险缓释基金方案文件中没有任何方案")) {
            try FundSchemes.decode(Data(#"{"name":"x","source":"y","schemes":[]}"#.utf8))
        }
    }

    @Test func fundingFollowsTheSchemesShares() throws {
        let f = try F.lingyuan().funding
        #expect(f.injection(fromTaxRevenue: Cents(yuan: 3_000_000)) == Cents(yuan: 600_000), "20 % of tax revenue")
        #expect(f.contribution(fromInterestIncome: F.yuan("1,000.10")) == F.yuan("50.01"), "5 %, 50.005 rounded half up")
        #expect(f.interest(onBalance: Cents(yuan: 10_000_000)) == Cents(yuan: 35_000))
        #expect(f.interest(onBalance: Cents(-100)) == .zero)
    }
}
