import Testing
@testable import Domain

/// A bank's table turned into a limit, a rate and a term per firm, with the caps of the product and the firm's size.
@Suite struct PreapprovalPricingTests {
    let product = LoanProduct(
        id: "1", institutionID: "1", name: "工信e贷", type: .pureCredit, amountRange: AmountRange(minYuan: 10_000, maxYuan: 3_000_000),
        rateRange: RateRange(minBasisPoints: 350, maxBasisPoints: 600), termRange: TermRange(minMonths: 1, maxMonths: 12),
        repaymentMethods: RepaymentMethod.allCases, status: .online)

    var byBand: PreapprovalTable {
        PreapprovalTable(basis: .probability, bands: [
            .init(upTo: DefaultProbability(ppm: 5_000), maxLimit: Cents(yuan: 3_000_000), rates: RateRange(minBasisPoints: 380, maxBasisPoints: 420), termMonths: 12),
            .init(upTo: DefaultProbability(ppm: 20_000), maxLimit: Cents(yuan: 1_000_000), rates: RateRange(minBasisPoints: 420, maxBasisPoints: 500), termMonths: 24),
        ], ceiling: DefaultProbability(ppm: 20_000))
    }

    func candidate(_ ppm: Int, grade: String = "A", scale: String? = "中型") -> PreapprovalPricing.Candidate {
        .init(uscc: "x", grade: grade, probability: DefaultProbability(ppm: ppm), scale: scale)
    }

    @Test func theRateIsPlacedInsideTheBandByProbability() throws {
        guard case .offer(let low) = PreapprovalPricing.price(candidate(0), table: byBand, product: product, source: .uploaded),
              case .offer(let mid) = PreapprovalPricing.price(candidate(2_500), table: byBand, product: product, source: .uploaded),
              case .offer(let second) = PreapprovalPricing.price(candidate(12_500), table: byBand, product: product, source: .uploaded)
        else { Issue.record("expected offers"); return }
        #expect(low.rate.basisPoints == 380 && low.limit == Cents(yuan: 3_000_000))
        #expect(mid.rate.basisPoints == 400)
        // Second band: 5,000–20,000 ppm, halfway → 460 bp; its term is held to the product's 12 months.
        #expect(second.rate.basisPoints == 460 && second.limit == Cents(yuan: 1_000_000) && second.termMonths == 12)
        #expect(second.reasons.contains("期限按产品最长期限取 12 个月"))
        #expect(second.reasons.first == "违约概率 1.25%（来源：银行上传的违约概率（联合建模结果））")
    }

    @Test func aboveTheCeilingOrOutsideTheTableThereIsNoOffer() {
        #expect(PreapprovalPricing.price(candidate(20_001), table: byBand, product: product, source: .uploaded)
                == .none(reason: "违约概率 2.00% 高于授信上限 2.00%"))
        let grades = PreapprovalTable(basis: .grade, bands: [
            .init(grade: "A", maxLimit: Cents(yuan: 2_000_000), rates: RateRange(minBasisPoints: 390, maxBasisPoints: 410), termMonths: 12),
        ], ceiling: DefaultProbability(ppm: 100_000))
        #expect(PreapprovalPricing.price(candidate(1_000, grade: "B"), table: grades, product: product, source: .scorecard)
                == .none(reason: "信用等级 B 不在授信表中"))
    }

    @Test func theLimitIsHeldToTheFirmsSizeAndTheProduct() {
        guard case .offer(let micro) = PreapprovalPricing.price(candidate(1_000, scale: "微型"), table: byBand, product: product, source: .uploaded)
        else { Issue.record("expected an offer"); return }
        #expect(micro.limit == Cents(yuan: 1_000_000))
        #expect(micro.reasons.contains("微型企业单户额度不超过 100万元"))
        var small = product
        small.amountRange = AmountRange(minYuan: 10_000, maxYuan: 800_000)
        guard case .offer(let capped) = PreapprovalPricing.price(candidate(1_000), table: byBand, product: small, source: .uploaded)
        else { Issue.record("expected an offer"); return }
        #expect(capped.limit == Cents(yuan: 800_000))
    }

    @Test func theTableIsCheckedAgainstTheProduct() {
        var table = byBand
        table.bands[0].rates = RateRange(minBasisPoints: 300, maxBasisPoints: 420)
        #expect(throws: DomainError.self) { try table.validate(product: product) }
        table = byBand
        table.bands[1].upTo = DefaultProbability(ppm: 5_000)
        #expect(throws: DomainError.self) { try table.validate(product: product) }
        #expect(throws: Never.self) { try byBand.validate(product: product) }
    }
}
