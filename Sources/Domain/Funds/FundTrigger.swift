/// What makes a covered loan's loss claimable (FUNDS-COUPONS.md §1.4, the trigger ladder). A scheme lists one or
/// more; any one met is enough.
public struct FundTrigger: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// Classified at least `atLeast` in the five tiers (损失: seed 001 第十四条; 次级 or worse: Shenzhen).
        case classification
        /// More than `overdueDaysMoreThan` days overdue, and (when `lawsuitRequired`) a lawsuit accepted by a court
        /// (Wuxi: > 60 days and 法院受理).
        case overdue
        /// Written off (核销).
        case writtenOff = "written_off"
        /// An effective final judgment (Tianjin).
        case finalJudgment = "final_judgment"
        /// A guarantor has paid the bank (代偿), for guarantee schemes.
        case guaranteePaid = "guarantee_paid"
    }

    public var kind: Kind
    public var atLeast: LoanClass?
    public var overdueDaysMoreThan: Int?
    public var lawsuitRequired: Bool?

    public init(kind: Kind, atLeast: LoanClass? = nil, overdueDaysMoreThan: Int? = nil, lawsuitRequired: Bool? = nil) {
        self.kind = kind; self.atLeast = atLeast; self.overdueDaysMoreThan = overdueDaysMoreThan
        self.lawsuitRequired = lawsuitRequired
    }

    public static func classification(atLeast tier: LoanClass) -> FundTrigger { FundTrigger(kind: .classification, atLeast: tier) }
    public static func overdue(moreThan days: Int, lawsuit: Bool) -> FundTrigger {
        FundTrigger(kind: .overdue, overdueDaysMoreThan: days, lawsuitRequired: lawsuit)
    }

    /// `贷款划分为损失类`, `逾期超过 60 天且法院已受理起诉` ….
    public var text: String {
        switch kind {
        case .classification:
            let tier = atLeast ?? .loss
            return tier == .loss ? "贷款已划分为损失类" : "贷款已划分为\(tier.label)类或更差"
        case .overdue:
            let days = overdueDaysMoreThan ?? 0
            return "逾期超过 \(days) 天" + (lawsuitRequired == true ? "且法院已受理起诉" : "")
        case .writtenOff: return "贷款已核销"
        case .finalJudgment: return "已有生效终审判决"
        case .guaranteePaid: return "担保机构已代偿"
        }
    }

    /// Whether the facts meet this trigger.
    public func isMet(by facts: FundDefaultFacts) -> Bool {
        switch kind {
        case .classification: facts.classification >= (atLeast ?? .loss)
        case .overdue:
            facts.overdueDays > (overdueDaysMoreThan ?? 0)
                && (lawsuitRequired != true || (facts.lawsuitAcceptedOn.map { $0 <= facts.asOf } ?? false))
        case .writtenOff: facts.writtenOffOn.map { $0 <= facts.asOf } ?? false
        case .finalJudgment: facts.judgmentOn.map { $0 <= facts.asOf } ?? false
        case .guaranteePaid: facts.guaranteePaidOn.map { $0 <= facts.asOf } ?? false
        }
    }
}

/// Where a covered loan stands when a claim is filed: what the triggers are checked against, and the loss.
public struct FundDefaultFacts: Sendable, Equatable, Codable {
    public var asOf: Day
    public var classification: LoanClass
    public var overdueDays: Int
    public var lawsuitAcceptedOn: Day?
    public var writtenOffOn: Day?
    public var judgmentOn: Day?
    public var guaranteePaidOn: Day?
    /// The principal not recovered (实际本金损失): the base of every share.
    public var principalLoss: Cents

    public init(asOf: Day, classification: LoanClass, overdueDays: Int, principalLoss: Cents, lawsuitAcceptedOn: Day? = nil,
                writtenOffOn: Day? = nil, judgmentOn: Day? = nil, guaranteePaidOn: Day? = nil) {
        self.asOf = asOf; self.classification = classification; self.overdueDays = overdueDays
        self.principalLoss = principalLoss; self.lawsuitAcceptedOn = lawsuitAcceptedOn; self.writtenOffOn = writtenOffOn
        self.judgmentOn = judgmentOn; self.guaranteePaidOn = guaranteePaidOn
    }

    /// The facts of a loan's ledger position (its class by the overdue days, never better than `floor`, the tier
    /// the institution assigned; the loss is the outstanding principal).
    public init(position: LoanPosition, thresholds: ClassificationThresholds = .default, floor: LoanClass = .normal,
                lawsuitAcceptedOn: Day? = nil, writtenOffOn: Day? = nil, judgmentOn: Day? = nil, guaranteePaidOn: Day? = nil) {
        self.init(asOf: position.asOf, classification: thresholds.classify(overdueDays: position.overdueDays, atLeast: floor),
                  overdueDays: position.overdueDays, principalLoss: position.outstandingPrincipal,
                  lawsuitAcceptedOn: lawsuitAcceptedOn, writtenOffOn: writtenOffOn, judgmentOn: judgmentOn,
                  guaranteePaidOn: guaranteePaidOn)
    }
}
