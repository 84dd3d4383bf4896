import Testing
@testable import Domain

@Suite struct QuotaEstimateTests {
    typealias F = MarketplaceFixtures

    @Test func amountScalesWithScoreBetweenProductMinAndMax() {
        let range = AmountRange(minYuan: 100_000, maxYuan: 3_000_000)
        #expect(QuotaEstimate.amount(range, score: 0) == F.yuan(100_000))
        #expect(QuotaEstimate.amount(range, score: 800) == F.yuan(2_420_000))
        #expect(QuotaEstimate.amount(range, score: 1000) == F.yuan(3_000_000))
        #expect(QuotaEstimate.amount(range, score: 1200) == F.yuan(3_000_000))
        #expect(QuotaEstimate.amount(range, score: -5) == F.yuan(100_000))
        #expect(QuotaEstimate.amount(range, score: 801) > QuotaEstimate.amount(range, score: 800))
    }

    @Test func amountRoundsDownToAThousandYuanButNotBelowTheMinimum() {
        // 50,000 + 1,184,567 × 0.5 = 642,283.5 yuan → 642,000.
        let range = AmountRange(minYuan: 50_000, maxYuan: 1_234_567)
        #expect(QuotaEstimate.amount(range, score: 500) == F.yuan(642_000))
        // The maximum itself is not a multiple of 1,000 yuan: rounding never exceeds it, and never goes below min.
        #expect(QuotaEstimate.amount(range, score: 1000) == F.yuan(1_234_000))
        let odd = AmountRange(minCents: 12_345_678, maxCents: 12_345_678)
        #expect(QuotaEstimate.amount(odd, score: 700) == 12_345_678)
    }

    /// The quota is held to the firm's size (issue 16): a micro firm with a high score on a ¥5,000,000 product is offered
    /// ¥1,000,000 and told why; a large firm is not capped; the cap never goes below the product's minimum.
    @Test func amountIsCappedByTheFirmsSizeAndTheWorkingSaysHow() {
        let range = AmountRange(minYuan: 100_000, maxYuan: 5_000_000)
        let rules = MarketRules.firstShipped
        #expect(QuotaEstimate.amount(range, score: 900, cap: rules.quotaCapCents(scale: "微型")) == F.yuan(1_000_000))
        #expect(QuotaEstimate.amount(range, score: 900, cap: rules.quotaCapCents(scale: "小型")) == F.yuan(4_510_000))
        #expect(QuotaEstimate.amount(range, score: 900, cap: rules.quotaCapCents(scale: "大型")) == F.yuan(4_510_000))
        #expect(QuotaEstimate.amount(AmountRange(minYuan: 2_000_000, maxYuan: 9_000_000), score: 900,
                                     cap: rules.quotaCapCents(scale: "微型")) == F.yuan(2_000_000))
        var facts = F.firm(score: 900)
        facts.scale = "微型"
        facts.quotaCapCents = rules.quotaCapCents(scale: "微型")
        let offer = QuotaEstimate.offer(F.product(amount: range), facts)
        #expect(offer.amountCents == F.yuan(1_000_000))
        #expect(offer.working.first?.contains("× 900 ÷ 1000") == true, "\(offer.working)")
        #expect(offer.working.contains { $0.contains("微型企业单户参考额度不超过") }, "\(offer.working)")
        #expect(offer.working.contains { $0.hasPrefix("利率按信用等级") })
    }

    @Test func betterGradeGetsALowerRateWithinTheRange() {
        // No minimum grade: A+ → min, D- (rank 6) → max; A: 320 + 60 × 1/6 = 330.
        let open = F.product(rate: RateRange(minBasisPoints: 320, maxBasisPoints: 380))
        #expect(QuotaEstimate.rate(open, grade: "A+") == 320)
        #expect(QuotaEstimate.rate(open, grade: "A") == 330)
        #expect(QuotaEstimate.rate(open, grade: "D-") == 380)
        let rates = GradeScale.defaultGrades.map { QuotaEstimate.rate(open, grade: $0) }
        #expect(rates == rates.sorted())
        // Minimum grade B (rank 2): the barely eligible firm pays the maximum.
        let selective = F.product(minGrade: "B", rate: RateRange(minBasisPoints: 320, maxBasisPoints: 380))
        #expect(QuotaEstimate.rate(selective, grade: "A") == 350)
        #expect(QuotaEstimate.rate(selective, grade: "B") == 380)
        // Only A+ admitted: everyone eligible gets the minimum.
        #expect(QuotaEstimate.rate(F.product(minGrade: "A+"), grade: "A+") == 320)
    }

    @Test func rateRoundsHalfUpToABasisPoint() {
        // Spread 3 bp over 2 steps: 1.5 → 2.
        let p = F.product(minGrade: "B", rate: RateRange(minBasisPoints: 300, maxBasisPoints: 303))
        #expect(QuotaEstimate.rate(p, grade: "A") == 302)
        // Spread 40 over 6 steps, rank 1: 6.67 → 7; rank 2: 13.33 → 13.
        let q = F.product(rate: RateRange(minBasisPoints: 340, maxBasisPoints: 380))
        #expect(QuotaEstimate.rate(q, grade: "A") == 347)
        #expect(QuotaEstimate.rate(q, grade: "B") == 353)
    }

    @Test func estimateListsOffersAndIneligibleProductsDeterministically() {
        let products = [
            F.product(id: "P1", rate: RateRange(minBasisPoints: 330, maxBasisPoints: 390)),
            F.product(id: "P2", minGrade: "A+"),
            F.product(id: "P3", amount: AmountRange(minYuan: 100_000, maxYuan: 1_000_000),
                      rate: RateRange(minBasisPoints: 300, maxBasisPoints: 360)),
            F.product(id: "P4", status: .offline),
            F.product(id: "P5", industries: ["A"]),
            F.product(id: "P6", rate: RateRange(minBasisPoints: 300, maxBasisPoints: 360)),
        ]
        let firm = F.firm(grade: "A", score: 800)
        let estimate = QuotaEstimate.estimate(for: firm, products: products, today: F.today)
        // P3 and P6 both price A at 310; P6 offers more, so it comes first.
        #expect(estimate.offers.map(\.productID) == ["P6", "P3", "P1"])
        #expect(estimate.offers.map(\.rateBasisPoints) == [310, 310, 340])
        #expect(estimate.offers.map(\.amountCents) == [F.yuan(2_420_000), F.yuan(820_000), F.yuan(2_420_000)])
        #expect(estimate.ineligible.map(\.productID) == ["P2", "P5"])
        #expect(estimate.ineligible[0].reasons == ["信用等级需达到 A+ 及以上（当前 A）"])
        #expect(QuotaEstimate.estimate(for: firm, products: products.reversed(), today: F.today).offers == estimate.offers)
    }
}
