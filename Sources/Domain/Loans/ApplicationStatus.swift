/// The life of a loan application:
///
///     submitted ──accept──▶ accepted ──approve──▶ approved ──signContract──▶ contractSigned ──disburse──▶ disbursed ──settle──▶ settled
///         │                    │ └──reject──▶ rejected      └──cancel──▶ cancelled
///         ├──autoApprove──▶ approved
///         └──withdraw──▶ withdrawn ◀──withdraw── accepted
///
/// The firm may withdraw only before a decision (submitted, accepted). Once approved it can no longer
/// withdraw; if it declines to sign, the approval is *cancelled* (已取消), with a reason, which keeps
/// "the firm changed its mind" apart from "the bank said no". Rejection needs an accepted application
/// (the institution must have taken it); auto-approval applies only to a just-submitted one.
public enum ApplicationStatus: String, CaseIterable, Sendable, Codable, Hashable {
    case submitted
    case accepted
    case approved
    case rejected
    case withdrawn
    case cancelled
    case contractSigned = "contract_signed"
    case disbursed
    case settled

    /// Not yet decided or disbursed: a firm may have only one open application per product.
    public var isOpen: Bool {
        switch self {
        case .submitted, .accepted, .approved, .contractSigned: true
        case .rejected, .withdrawn, .cancelled, .disbursed, .settled: false
        }
    }

    /// Open statuses, for queries.
    public static let open: [ApplicationStatus] = allCases.filter(\.isOpen)

    public var label: String {
        switch self {
        case .submitted: "已提交"
        case .accepted: "已受理"
        case .approved: "已批准"
        case .rejected: "已拒绝"
        case .withdrawn: "已撤回"
        case .cancelled: "已取消"
        case .contractSigned: "已签约"
        case .disbursed: "已放款"
        case .settled: "已结清"
        }
    }

    /// The status `action` leads to from this one, or nil if it is not allowed.
    public func target(of action: ApplicationAction) -> ApplicationStatus? {
        switch (self, action) {
        case (.submitted, .accept): .accepted
        case (.submitted, .autoApprove): .approved
        case (.submitted, .withdraw), (.accepted, .withdraw): .withdrawn
        case (.accepted, .approve): .approved
        case (.accepted, .reject): .rejected
        case (.approved, .signContract): .contractSigned
        case (.approved, .cancel): .cancelled
        case (.contractSigned, .disburse): .disbursed
        case (.disbursed, .settle): .settled
        default: nil
        }
    }

    /// The actions allowed from this status.
    public var allowedActions: [ApplicationAction] { ApplicationAction.allCases.filter { target(of: $0) != nil } }

    /// No further action is possible.
    public var isFinal: Bool { allowedActions.isEmpty }

    /// The status after `event`, or `DomainError.illegalTransition` if the event is not allowed now. The
    /// event's details are checked by `LoanApplication.applying(_:)`.
    public func applying(_ event: ApplicationEvent) throws(DomainError) -> ApplicationStatus {
        guard let next = target(of: event.action) else {
            throw .illegalTransition(entity: "申请", from: label, action: event.label)
        }
        return next
    }
}
