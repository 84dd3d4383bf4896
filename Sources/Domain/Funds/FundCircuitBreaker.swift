/// A stop line (熔断 / 暂缓): when an institution's ratio rises above `pauseAboveBasisPoints`, its new registrations
/// and/or its claims pause; they resume once the ratio falls below `resumeBelowBasisPoints` (≤ the pause line, so
/// a ratio sitting between the two keeps the state it has).
public struct FundCircuitBreaker: Sendable, Equatable, Codable {
    public enum Metric: String, Sendable, Equatable, Codable, CaseIterable {
        /// The year's principal losses ÷ the principal the institution registered that year (Guangzhou 2025: 3 %).
        case yearlyLossRatio = "yearly_loss_ratio"
        /// Overdue covered principal ÷ outstanding covered principal (a guarantee fund: 3 %).
        case overdueRatio = "overdue_ratio"
        /// Compensation received in total ÷ principal ever registered (Pingshan: 2.5 %).
        case compensationRatio = "compensation_ratio"

        public var label: String {
            switch self {
            case .yearlyLossRatio: "年度不良损失率"
            case .overdueRatio: "逾期率"
            case .compensationRatio: "累计补偿率"
            }
        }
    }

    public enum Scope: String, Sendable, Equatable, Codable, CaseIterable {
        case registrations, claims
        public var label: String { self == .registrations ? "新增入库" : "补偿申请" }
    }

    public var metric: Metric
    public var pauseAboveBasisPoints: Int
    public var resumeBelowBasisPoints: Int
    public var pauses: [Scope]

    public init(metric: Metric, pauseAboveBasisPoints: Int, resumeBelowBasisPoints: Int, pauses: [Scope]) {
        self.metric = metric; self.pauseAboveBasisPoints = pauseAboveBasisPoints
        self.resumeBelowBasisPoints = resumeBelowBasisPoints; self.pauses = pauses
    }
}

/// The time each step of a claim's review may take (FUNDS-COUPONS.md §1.4, the lifecycle).
public struct FundReviewPeriods: Sendable, Equatable, Codable {
    /// 初审 by the fund office (Wuxi: 5 working days).
    public var preliminaryReview: ProcedurePeriod
    /// 核查 by the finance bureau or the central-bank branch (Wuxi: 5 working days).
    public var verification: ProcedurePeriod
    /// 审批 by the leading group.
    public var approval: ProcedurePeriod
    /// 公示: objections are possible until its last day.
    public var publicity: ProcedurePeriod
    /// 拨付 by the finance bureau after publicity.
    public var payment: ProcedurePeriod
    /// 补正: the applicant's time to bring the material asked for.
    public var supplement: ProcedurePeriod

    public init(preliminaryReview: ProcedurePeriod, verification: ProcedurePeriod, approval: ProcedurePeriod,
                publicity: ProcedurePeriod, payment: ProcedurePeriod, supplement: ProcedurePeriod) {
        self.preliminaryReview = preliminaryReview; self.verification = verification; self.approval = approval
        self.publicity = publicity; self.payment = payment; self.supplement = supplement
    }

    var all: [(String, ProcedurePeriod)] {
        [("preliminaryReview", preliminaryReview), ("verification", verification), ("approval", approval),
         ("publicity", publicity), ("payment", payment), ("supplement", supplement)]
    }
}

/// A kind of document a claim carries.
public enum FundMaterialKind: String, Sendable, Equatable, Codable, CaseIterable {
    case applicationForm = "application_form"
    case institutionDocuments = "institution_documents"
    case eligibilityDocuments = "eligibility_documents"
    case loanContract = "loan_contract"
    case disbursementProof = "disbursement_proof"
    case classificationProof = "classification_proof"
    case lawsuitAcceptance = "lawsuit_acceptance"
    case recoveryPlan = "recovery_plan"
    case firstLoanProof = "first_loan_proof"
    case diligenceStatement = "diligence_statement"
    case guaranteePaymentProof = "guarantee_payment_proof"
    case truthfulnessStatement = "truthfulness_statement"

    public var label: String {
        switch self {
        case .applicationForm: "风险补偿资金申请表"
        case .institutionDocuments: "机构营业执照、法人证书、章程等"
        case .eligibilityDocuments: "符合申报条件的相关文本"
        case .loanContract: "借款合同"
        case .disbursementProof: "贷款发放及出票证明"
        case .classificationProof: "贷款风险分类证明"
        case .lawsuitAcceptance: "起诉状及法院受理通知书"
        case .recoveryPlan: "追偿方案"
        case .firstLoanProof: "首贷证明"
        case .diligenceStatement: "尽职情况说明"
        case .guaranteePaymentProof: "担保代偿证明"
        case .truthfulnessStatement: "材料真实性承诺书"
        }
    }
}

/// One item of a scheme's claim checklist.
public struct FundMaterialRequirement: Sendable, Equatable, Codable {
    public var kind: FundMaterialKind
    /// The item in the scheme's own words; the kind's label when nil.
    public var label: String?
    /// Only an institution's first claim under the scheme needs it (seed 001 第十六条第1项).
    public var firstClaimOnly: Bool

    public init(kind: FundMaterialKind, label: String? = nil, firstClaimOnly: Bool = false) {
        self.kind = kind; self.label = label; self.firstClaimOnly = firstClaimOnly
    }

    public var text: String { label ?? kind.label }
}
