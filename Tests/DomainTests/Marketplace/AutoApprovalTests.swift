import Testing
@testable import Domain

@Suite struct AutoApprovalTests {
    typealias F = MarketplaceFixtures
    let rules: [AutoApprovalRule] = [
        .minimumGrade("A"), .maximumAmount(cents: 100_000_000), .maximumTerm(months: 12), .noOverdueLoans,
        .noPenaltyWithin(months: 24),
    ]

    func decide(_ firm: FirmFacts, amountYuan: Int64 = 1_000_000, months: Int = 12,
                method: RepaymentMethod? = nil, rules: [AutoApprovalRule]? = nil) -> AutoApproval.Decision {
        AutoApproval.decide(F.product(auto: rules ?? self.rules), firm,
                            request: AutoApproval.Request(amountCents: F.yuan(amountYuan), termMonths: months,
                                                          repaymentMethod: method),
                            today: F.today)
    }

    func ruleIDs(_ decision: AutoApproval.Decision) -> [String] {
        if case .manualReview(let reasons) = decision { return reasons.map(\.ruleID) }
        return []
    }

    @Test func approvesAtEveryBoundaryAndRecordsTheRules() {
        let decision = decide(F.firm(grade: "A", monthsSincePenalty: 24))
        let terms = AutoApproval.Terms(productID: "P1", amountCents: F.yuan(1_000_000), termMonths: 12,
                                       rateBasisPoints: 330, repaymentMethod: F.equalInstallment)
        #expect(decision == .approve(terms, rulesApplied: ["minimum_grade", "maximum_amount", "maximum_term",
                                                          "no_overdue_loans", "no_penalty_within"]))
    }

    @Test func eachRuleSendsToManualReviewJustPastItsBoundary() {
        #expect(ruleIDs(decide(F.firm(grade: "B"))) == ["minimum_grade"])
        #expect(ruleIDs(AutoApproval.decide(F.product(auto: rules), F.firm(),
                                            request: AutoApproval.Request(amountCents: 100_000_001, termMonths: 12),
                                            today: F.today)) == ["maximum_amount"])
        #expect(ruleIDs(decide(F.firm(), rules: [.maximumTerm(months: 6)])) == ["maximum_term"])
        #expect(ruleIDs(decide(F.firm(overdue: true))) == ["no_overdue_loans"])
        #expect(ruleIDs(decide(F.firm(monthsSincePenalty: 23))) == ["no_penalty_within"])
        #expect(decide(F.firm(monthsSincePenalty: nil)).isApproved)
        #expect(decide(F.firm(score: 700), rules: [.minimumScore(700)]).isApproved)
        #expect(ruleIDs(decide(F.firm(score: 699), rules: [.minimumScore(700)])) == ["minimum_score"])
    }

    @Test func manualReviewExplainsWhatFailed() {
        #expect(decide(F.firm(grade: "B", overdue: true)) == .manualReview([
            AutoApproval.Reason(ruleID: "minimum_grade", text: "未满足“信用等级 A 及以上”：当前 B"),
            AutoApproval.Reason(ruleID: "no_overdue_loans", text: "未满足“无逾期贷款”：存在逾期贷款"),
        ]))
    }

    @Test func withinEstimatedQuotaUsesTheQuotaFormula() {
        // Score 500 on 10万–300万: 155万.
        let firm = F.firm(score: 500)
        #expect(decide(firm, amountYuan: 1_550_000, rules: [.withinEstimatedQuota]).isApproved)
        #expect(decide(firm, amountYuan: 1_551_000, rules: [.withinEstimatedQuota])
                == .manualReview([AutoApproval.Reason(ruleID: "within_estimated_quota",
                                                      text: "未满足“申请金额不超过系统测算额度”：测算额度 155万元")]))
    }

    @Test func theQuotaRuleSubtractsCreditAlreadyCommitted() {
        // 155万 estimated, 100万 already outstanding or approved: 55万 is left.
        var firm = F.firm(score: 500)
        firm.committedCents = F.yuan(1_000_000)
        #expect(decide(firm, amountYuan: 550_000, rules: [.withinEstimatedQuota]).isApproved)
        #expect(decide(firm, amountYuan: 551_000, rules: [.withinEstimatedQuota])
                == .manualReview([AutoApproval.Reason(ruleID: "within_estimated_quota", text:
                    "未满足“申请金额不超过系统测算额度”：测算额度 155万元，已占用 100万元（未结清贷款余额与已批准未放款金额），可用 55万元")]))
        firm.committedCents = F.yuan(2_000_000)
        #expect(ruleIDs(decide(firm, amountYuan: 100_000, rules: [.withinEstimatedQuota])) == ["within_estimated_quota"])
    }

    @Test func onlyUndecidedOrUndisbursedApplicationsAreOpen() {
        #expect(ApplicationStatus.open == [.submitted, .accepted, .approved, .contractSigned])
    }

    @Test func productWithoutRulesIsAlwaysReviewedByAPerson() {
        let decision = AutoApproval.decide(F.product(), F.firm(grade: "A+"),
                                           request: AutoApproval.Request(amountCents: F.yuan(100_000), termMonths: 6),
                                           today: F.today)
        #expect(ruleIDs(decision) == ["not_enabled"])
    }

    @Test func ineligibleFirmsAndOutOfRangeRequestsGoToAPerson() {
        #expect(ruleIDs(decide(F.firm(dishonest: true))) == ["eligibility"])
        #expect(ruleIDs(decide(F.firm(), amountYuan: 50_000, months: 13)) == ["amount_range", "term_range", "maximum_term"])
        #expect(ruleIDs(decide(F.firm(), method: F.bullet)) == ["repayment_method"])
        if case .approve(let terms, _) = decide(F.firm(), method: F.interestFirst) {
            #expect(terms.repaymentMethod == F.interestFirst)
        } else {
            Issue.record("expected approval")
        }
    }
}
