import Testing
@testable import Domain

@Suite struct ProductValidationTests {
    let policy = MarketplaceFixtures.policy
    let valid = MarketplaceFixtures.product(status: .draft)

    @Test func aValidProductHasNoProblems() {
        #expect(valid.problems(policy).isEmpty)
    }

    @Test func capIsAParameterRoundedDown() {
        #expect(ProductPolicy.capped(referenceBasisPoints: 300, markupPercent: 30) == 390)
        #expect(ProductPolicy.capped(referenceBasisPoints: 435, markupPercent: 30) == 565)
    }

    @Test func amountMinimumMustNotExceedMaximum() {
        var p = valid
        p.amountRange = AmountRange(minYuan: 500_000, maxYuan: 100_000)
        #expect(throws: DomainError.invalidInput(field: "amountRange", reason: "最低额度（50万元）不能高于最高额度（10万元）")) {
            try p.validate(policy)
        }
        p.amountRange = AmountRange(minYuan: 100_000, maxYuan: 100_000)
        #expect(p.problems(policy).isEmpty)
        p.amountRange = AmountRange(minCents: 0, maxCents: 100)
        #expect(throws: DomainError.invalidInput(field: "amountRange", reason: "最低额度须大于 0")) { try p.validate(policy) }
    }

    @Test func rateCapBoundary() {
        var p = valid
        p.rateRange = RateRange(minBasisPoints: 300, maxBasisPoints: 390)
        #expect(p.problems(policy).isEmpty)
        p.rateRange = RateRange(minBasisPoints: 300, maxBasisPoints: 391)
        #expect(throws: DomainError.invalidInput(field: "rateRange", reason: "最高年利率 3.91% 超过平台上限 3.90%")) {
            try p.validate(policy)
        }
        #expect(p.problems(ProductPolicy(rateCapBasisPoints: 565)).isEmpty)
        p.rateRange = RateRange(minBasisPoints: 380, maxBasisPoints: 350)
        #expect(throws: DomainError.invalidInput(field: "rateRange", reason: "最低年利率（3.80%）不能高于最高年利率（3.50%）")) {
            try p.validate(policy)
        }
    }

    @Test func termsBetweenOneAnd360Months() {
        var p = valid
        p.termRange = TermRange(minMonths: 1, maxMonths: 360)
        #expect(p.problems(policy).isEmpty)
        for bad in [TermRange(minMonths: 0, maxMonths: 12), TermRange(minMonths: 1, maxMonths: 361)] {
            p.termRange = bad
            #expect(throws: DomainError.invalidInput(field: "termRange", reason: "贷款期限须在 1–360 个月之间")) {
                try p.validate(policy)
            }
        }
        p.termRange = TermRange(minMonths: 24, maxMonths: 12)
        #expect(throws: DomainError.invalidInput(field: "termRange", reason: "最短期限（24 个月）不能长于最长期限（12 个月）")) {
            try p.validate(policy)
        }
    }

    @Test func gradesMustBeOnTheConfiguredScale() {
        var p = valid
        p.eligibility.minimumGrade = "AAA"
        #expect(throws: DomainError.invalidInput(field: "eligibility.minimumGrade", reason: "未知的信用等级“AAA”")) {
            try p.validate(policy)
        }
        #expect(p.problems(ProductPolicy(rateCapBasisPoints: 390, grades: GradeScale(["AAA", "AA"]))).isEmpty)
    }

    @Test func autoApprovalNeedsDistinctSensibleRules() {
        var p = valid
        p.autoApproval = AutoApprovalRules([])
        #expect(throws: DomainError.invalidInput(field: "autoApproval", reason: "开启自动审批须至少设置一条规则")) {
            try p.validate(policy)
        }
        p.autoApproval = AutoApprovalRules([.maximumTerm(months: 12), .maximumTerm(months: 6)])
        #expect(throws: DomainError.invalidInput(field: "autoApproval", reason: "规则“申请期限不超过 6 个月”与同类规则重复")) {
            try p.validate(policy)
        }
        p.autoApproval = AutoApprovalRules([.minimumGrade("E"), .maximumAmount(cents: 0)])
        #expect(p.problems(policy).count == 2)
    }

    @Test func problemsListsEveryProblemInFormOrder() {
        var p = valid
        p.name = "  "
        p.amountRange = AmountRange(minYuan: 2, maxYuan: 1)
        p.repaymentMethods = []
        let fields = p.problems(policy).compactMap { error -> String? in
            if case .invalidInput(let field, _) = error { return field }
            return nil
        }
        #expect(fields == ["name", "amountRange", "repaymentMethods"])
    }
}
