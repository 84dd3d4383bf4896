/// Where a claim stands (seed 001 第十七条, FUNDS-COUPONS.md §1.4):
///
///     filed ──pass──▶ verification ──pass──▶ approval ──approve──▶ publicity ──close──▶ payment ──pay──▶ paid
///       │  ▲             │                     │                  │   ▲
///       │  └─resubmit─ awaitingMaterial ◀─request material─┘      object   dismiss
///       │                                                          ▼   │
///       └──reject (any review step) ──▶ rejected               objected ──uphold──▶ rejected
///     filed / awaitingMaterial ──withdraw──▶ withdrawn
public enum FundClaimStatus: String, Sendable, Equatable, Codable, CaseIterable {
    /// 已申请，待初审 (the fund office).
    case filed
    /// 核查中 (finance bureau or central-bank branch).
    case verification
    /// 待审批 (the leading group).
    case approval
    /// 公示中.
    case publicity
    /// 公示期间有异议，待处理.
    case objected
    /// 待拨付 (finance bureau).
    case payment
    /// 已拨付.
    case paid
    /// 待补正 (the applicant).
    case awaitingMaterial = "awaiting_material"
    /// 已驳回.
    case rejected
    /// 已撤回.
    case withdrawn

    public var label: String {
        switch self {
        case .filed: "已申请，待初审"
        case .verification: "核查中"
        case .approval: "待审批"
        case .publicity: "公示中"
        case .objected: "公示异议处理中"
        case .payment: "待拨付"
        case .paid: "已拨付"
        case .awaitingMaterial: "待补正材料"
        case .rejected: "已驳回"
        case .withdrawn: "已撤回"
        }
    }

    public var isFinal: Bool { self == .paid || self == .rejected || self == .withdrawn }

    /// Who acts next.
    public var actor: FundActorRole? {
        switch self {
        case .filed: .fundOffice
        case .verification: .verifier
        case .approval: .leadingGroup
        case .publicity, .objected: .fundOffice
        case .payment: .financeBureau
        case .awaitingMaterial: .applicant
        case .paid, .rejected, .withdrawn: nil
        }
    }

    /// The scheme's period for the step this status waits on; nil for final states.
    public func period(in review: FundReviewPeriods) -> ProcedurePeriod? {
        switch self {
        case .filed: review.preliminaryReview
        case .verification: review.verification
        case .approval: review.approval
        case .publicity: review.publicity
        case .objected: review.preliminaryReview
        case .payment: review.payment
        case .awaitingMaterial: review.supplement
        case .paid, .rejected, .withdrawn: nil
        }
    }
}

/// Who may take a step.
public enum FundActorRole: String, Sendable, Equatable, Codable, CaseIterable {
    /// The claiming institution.
    case applicant
    /// 领导小组办公室 / 基金管理机构.
    case fundOffice = "fund_office"
    /// 市金融发展局、人民银行 (核查).
    case verifier
    /// 市领导小组.
    case leadingGroup = "leading_group"
    /// 市财政局 (拨付).
    case financeBureau = "finance_bureau"
    /// Anyone during publicity (异议).
    case publicMember = "public"

    public var label: String {
        switch self {
        case .applicant: "申请机构"
        case .fundOffice: "基金办公室"
        case .verifier: "核查部门（金融发展局、人民银行）"
        case .leadingGroup: "领导小组"
        case .financeBureau: "财政局"
        case .publicMember: "社会公众"
        }
    }
}

/// A step on a claim.
public enum FundClaimAction: Sendable, Equatable, Codable {
    /// Filing (recorded as the first step by `FundClaim.init`; never a later step).
    case file([FundAttachment])
    /// 初审通过 (fund office) or 核查通过 (verifier).
    case pass
    /// Ask the applicant for more material, saying what.
    case requestMaterial(String)
    /// The applicant brings the material (the checklist must then be complete).
    case resubmit([FundAttachment])
    case reject(String)
    /// 审批通过 (leading group): publicity begins.
    case approve
    case object(String)
    case dismissObjection(String)
    case upholdObjection(String)
    /// Publicity over without an open objection: to payment.
    case closePublicity
    case pay
    case withdraw(String)

    public var label: String {
        switch self {
        case .file: "提交补偿申请"
        case .pass: "审核通过"
        case .requestMaterial: "要求补正材料"
        case .resubmit: "补正材料后重新提交"
        case .reject: "驳回"
        case .approve: "审批通过"
        case .object: "提出异议"
        case .dismissObjection: "驳回异议"
        case .upholdObjection: "采纳异议"
        case .closePublicity: "结束公示"
        case .pay: "拨付"
        case .withdraw: "撤回申请"
        }
    }

    var reason: String? {
        switch self {
        case .requestMaterial(let r), .reject(let r), .object(let r), .dismissObjection(let r), .upholdObjection(let r),
             .withdraw(let r): r
        case .file, .pass, .resubmit, .approve, .closePublicity, .pay: nil
        }
    }
}
