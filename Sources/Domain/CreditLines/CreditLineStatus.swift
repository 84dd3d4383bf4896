/// Where a revolving line stands on a day: open for draws until its maturity, then due (matured, something still
/// owed) or closed (nothing owed).
public enum CreditLineStatus: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case active
    case matured
    case closed

    public var label: String {
        switch self {
        case .active: "可用"
        case .matured: "已到期待还"
        case .closed: "已结清"
        }
    }
}
