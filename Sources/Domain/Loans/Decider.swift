/// Who decided an application: a person at the institution, or the platform's auto-approval
/// (系统自动审批) by the named rules that all passed.
public enum Decider: Hashable, Sendable, Codable {
    case institution
    case system(rules: [String])

    public var label: String {
        switch self {
        case .institution: "人工审批"
        case .system: "系统自动审批"
        }
    }
}
