/// Something that happens to a loan application.
public enum ApplicationEvent: Hashable, Sendable, Codable {
    /// The institution takes the application (受理).
    case accept
    /// The institution approves on `terms`.
    case approve(LoanTerms)
    /// The platform approves a just-submitted application because all of `rules` passed.
    case autoApprove(LoanTerms, rules: [String])
    /// The institution refuses; the reason is required and shown to the firm.
    case reject(reason: String)
    /// The firm withdraws before a decision.
    case withdraw
    /// The approved loan is not taken up: the firm declines to sign (or lets the offer lapse).
    case cancel(reason: String)
    case signContract
    case disburse
    case settle

    public var action: ApplicationAction {
        switch self {
        case .accept: .accept
        case .approve: .approve
        case .autoApprove: .autoApprove
        case .reject: .reject
        case .withdraw: .withdraw
        case .cancel: .cancel
        case .signContract: .signContract
        case .disburse: .disburse
        case .settle: .settle
        }
    }

    public var label: String { action.label }
}
