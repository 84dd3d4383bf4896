/// The five-tier loan classification (五级分类), ordered from best to worst.
public enum LoanClass: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case normal
    case specialMention = "special_mention"
    case substandard
    case doubtful
    case loss

    public var label: String {
        switch self {
        case .normal: "正常"
        case .specialMention: "关注"
        case .substandard: "次级"
        case .doubtful: "可疑"
        case .loss: "损失"
        }
    }

    /// 次级, 可疑 and 损失 are non-performing (不良).
    public var isNonPerforming: Bool { self >= .substandard }

    var severity: Int { LoanClass.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: LoanClass, b: LoanClass) -> Bool { a.severity < b.severity }
}
