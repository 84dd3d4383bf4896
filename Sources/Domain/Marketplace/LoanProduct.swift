/// A loan product an institution publishes on the platform.
public struct LoanProduct: Sendable, Equatable, Hashable, Codable {
    public var id: String
    public var institutionID: String
    public var name: String
    public var type: ProductType
    public var amountRange: AmountRange
    public var rateRange: RateRange
    public var termRange: TermRange
    public var repaymentMethods: [RepaymentMethod]
    public var eligibility: EligibilityRules
    /// nil = every application is reviewed by a person.
    public var autoApproval: AutoApprovalRules?
    public var status: ProductStatus
    /// The operator's reason for the last rejection; cleared when the product is submitted again.
    public var reviewNote: String?
    /// What the product offers firms on the 守信激励名单 (a rate cut, an amount raise), if anything.
    public var redListPreference: RedListPreference?
    /// The supermarket page's text (introduction, conditions, materials, process, contact); nil for none.
    public var details: ProductDetails?

    public init(id: String, institutionID: String, name: String, type: ProductType, amountRange: AmountRange,
                rateRange: RateRange, termRange: TermRange, repaymentMethods: [RepaymentMethod],
                eligibility: EligibilityRules = EligibilityRules(), autoApproval: AutoApprovalRules? = nil,
                status: ProductStatus = .draft, reviewNote: String? = nil, redListPreference: RedListPreference? = nil,
                details: ProductDetails? = nil) {
        self.id = id; self.institutionID = institutionID; self.name = name; self.type = type
        self.amountRange = amountRange; self.rateRange = rateRange; self.termRange = termRange
        self.repaymentMethods = repaymentMethods; self.eligibility = eligibility; self.autoApproval = autoApproval
        self.status = status; self.reviewNote = reviewNote; self.redListPreference = redListPreference
        self.details = details
    }

    /// The product after `action`. Submitting validates the product first (`validate(_:)`); rejecting
    /// records the reason in `reviewNote`.
    public func applying(_ action: ProductAction, policy: ProductPolicy) throws(DomainError) -> LoanProduct {
        if action == .submit { try validate(policy) }
        var next = self
        next.status = try status.after(action)
        switch action {
        case .reject(let reason): next.reviewNote = MarketplaceText.trimmed(reason)
        case .submit: next.reviewNote = nil
        default: break
        }
        return next
    }
}
