/// System auto-approval (系统自动审批): approves an application when the firm is eligible, the request fits
/// the product and every auto-approval rule of the product passes; otherwise the application goes to a
/// person, with every reason. The system never rejects on its own.
public enum AutoApproval {
    /// What the firm asks for.
    public struct Request: Sendable, Equatable, Hashable, Codable {
        public var amountCents: Int64
        public var termMonths: Int
        /// nil = the product's first repayment method.
        public var repaymentMethod: RepaymentMethod?

        public init(amountCents: Int64, termMonths: Int, repaymentMethod: RepaymentMethod? = nil) {
            self.amountCents = amountCents; self.termMonths = termMonths; self.repaymentMethod = repaymentMethod
        }
    }

    /// The terms approved: the requested amount and term at the firm's indicative rate (`QuotaEstimate.rate`).
    public struct Terms: Sendable, Equatable, Hashable, Codable {
        public var productID: String
        public var amountCents: Int64
        public var termMonths: Int
        public var rateBasisPoints: Int
        public var repaymentMethod: RepaymentMethod
    }

    /// Why an application needs a person: the rule id (an `AutoApprovalRule.id`, or "not_enabled",
    /// "eligibility", "amount_range", "term_range", "repayment_method") and a Chinese sentence.
    public struct Reason: Sendable, Equatable, Hashable, Codable {
        public var ruleID: String
        public var text: String

        public init(ruleID: String, text: String) { self.ruleID = ruleID; self.text = text }
    }

    public enum Decision: Sendable, Equatable, Hashable, Codable {
        /// `rulesApplied`: the ids of the product's rules that passed, in product order.
        case approve(Terms, rulesApplied: [String])
        case manualReview([Reason])

        public var isApproved: Bool {
            if case .approve = self { return true }
            return false
        }
    }

    public static func decide(_ product: LoanProduct, _ facts: FirmFacts, request: Request, today: Day,
                              grades: GradeScale = .standard) -> Decision {
        guard let rules = product.autoApproval?.rules, !rules.isEmpty else {
            return .manualReview([Reason(ruleID: "not_enabled", text: "该产品未开启系统自动审批")])
        }
        var reasons: [Reason] = Eligibility.check(product, facts, today: today, grades: grades).reasons
            .map { Reason(ruleID: "eligibility", text: $0) }
        if !product.amountRange.contains(request.amountCents) {
            reasons.append(Reason(ruleID: "amount_range",
                                  text: "申请金额 \(MarketplaceText.yuan(request.amountCents)) 不在产品额度 \(product.amountRange.text) 内"))
        }
        if !product.termRange.contains(months: request.termMonths) {
            reasons.append(Reason(ruleID: "term_range",
                                  text: "申请期限 \(request.termMonths) 个月不在产品期限 \(product.termRange.text) 内"))
        }
        let method = request.repaymentMethod ?? product.repaymentMethods.first
        if !(method.map(product.repaymentMethods.contains) ?? false) {
            reasons.append(Reason(ruleID: "repayment_method", text: "产品不支持所选还款方式"))
        }

        var applied: [String] = []
        for rule in rules {
            if let failure = failure(of: rule, product, facts, request, grades) {
                reasons.append(Reason(ruleID: rule.id, text: "未满足“\(rule.text)”：\(failure)"))
            } else {
                applied.append(rule.id)
            }
        }
        guard reasons.isEmpty, let method else { return .manualReview(reasons) }
        let terms = Terms(productID: product.id, amountCents: request.amountCents, termMonths: request.termMonths,
                          rateBasisPoints: QuotaEstimate.rate(product, grade: facts.grade, grades: grades),
                          repaymentMethod: method)
        return .approve(terms, rulesApplied: applied)
    }

    /// nil when the rule passes, else what the firm or request actually has.
    static func failure(of rule: AutoApprovalRule, _ product: LoanProduct, _ facts: FirmFacts, _ request: Request,
                        _ grades: GradeScale) -> String? {
        switch rule {
        case .minimumGrade(let minimum):
            return grades.isAtLeast(facts.grade, minimum) ? nil : "当前 \(facts.grade.isEmpty ? "未评级" : facts.grade)"
        case .minimumScore(let minimum):
            return facts.score >= minimum ? nil : "当前 \(facts.score) 分"
        case .maximumAmount(let cents):
            return request.amountCents <= cents ? nil : "申请 \(MarketplaceText.yuan(request.amountCents))"
        case .maximumTerm(let months):
            return request.termMonths <= months ? nil : "申请 \(request.termMonths) 个月"
        case .noOverdueLoans:
            return facts.hasOverdueLoans ? "存在逾期贷款" : nil
        case .noPenaltyWithin(let months):
            guard let since = facts.monthsSinceLastPenalty, since < months else { return nil }
            return "最近一次行政处罚在 \(since) 个月前"
        case .noDishonestRecord:
            return facts.isDishonest ? "存在失信或黑名单记录" : nil
        case .withinEstimatedQuota:
            let quota = QuotaEstimate.amount(product.amountRange, score: facts.score, cap: facts.quotaCapCents)
            let committed = max(facts.committedCents, 0)
            guard committed > 0 else {
                return request.amountCents <= quota ? nil : "测算额度 \(MarketplaceText.yuan(quota))"
            }
            let available = max(quota - committed, 0)
            return request.amountCents <= available ? nil
                : "测算额度 \(MarketplaceText.yuan(quota))，已占用 \(MarketplaceText.yuan(committed))（未结清贷款余额与已批准未放款金额），可用 \(MarketplaceText.yuan(available))"
        }
    }
}
