/// The kinds of `ApplicationEvent`, without their details; the transition table is written in these.
public enum ApplicationAction: String, CaseIterable, Sendable, Codable, Hashable {
    case accept
    case approve
    case autoApprove = "auto_approve"
    case reject
    case withdraw
    case cancel
    case signContract = "sign_contract"
    case disburse
    case settle

    /// The verb as shown in "cannot …" messages.
    public var label: String {
        switch self {
        case .accept: "受理"
        case .approve: "批准"
        case .autoApprove: "自动审批"
        case .reject: "拒绝"
        case .withdraw: "撤回"
        case .cancel: "取消"
        case .signContract: "签约"
        case .disburse: "放款"
        case .settle: "结清"
        }
    }
}
