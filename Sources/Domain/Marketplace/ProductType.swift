/// The kind of a loan product. Raw values are stable (stored and used in URLs).
public enum ProductType: String, Codable, Sendable, CaseIterable, Hashable {
    case pureCredit = "pure_credit"
    case guaranteed
    case supplyChain = "supply_chain"
    case ipPledge = "ip_pledge"
    case collateral
    case other

    public var label: String {
        switch self {
        case .pureCredit: "纯信用"
        case .guaranteed: "担保"
        case .supplyChain: "供应链"
        case .ipPledge: "知识产权质押"
        case .collateral: "抵押"
        case .other: "其他"
        }
    }
}
