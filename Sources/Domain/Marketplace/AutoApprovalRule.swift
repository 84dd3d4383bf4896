/// One condition a product sets for system auto-approval (系统自动审批). Each rule has a stable `id` (one of
/// each kind per product) and a Chinese `text` shown to institutions and in decision records.
public enum AutoApprovalRule: Sendable, Equatable, Hashable {
    case minimumGrade(String)
    case minimumScore(Int)
    case maximumAmount(cents: Int64)
    case maximumTerm(months: Int)
    case noOverdueLoans
    /// No administrative penalty in the last N months (passes when at least N whole months have passed).
    case noPenaltyWithin(months: Int)
    case noDishonestRecord
    /// The requested amount does not exceed the firm's quota estimate for this product (see `QuotaEstimate`).
    case withinEstimatedQuota

    public var id: String {
        switch self {
        case .minimumGrade: "minimum_grade"
        case .minimumScore: "minimum_score"
        case .maximumAmount: "maximum_amount"
        case .maximumTerm: "maximum_term"
        case .noOverdueLoans: "no_overdue_loans"
        case .noPenaltyWithin: "no_penalty_within"
        case .noDishonestRecord: "no_dishonest_record"
        case .withinEstimatedQuota: "within_estimated_quota"
        }
    }

    /// The Chinese name of a rule kind by its `id` (as a decision records it), e.g. `minimum_grade` → 信用等级下限;
    /// anything else (a rule's text) is returned as given.
    public static func name(id: String) -> String {
        switch id {
        case "minimum_grade": "信用等级下限"
        case "minimum_score": "信用评分下限"
        case "maximum_amount": "单笔金额上限"
        case "maximum_term": "期限上限"
        case "no_overdue_loans": "无逾期贷款"
        case "no_penalty_within": "近期无行政处罚"
        case "no_dishonest_record": "无失信或黑名单记录"
        case "within_estimated_quota": "不超过系统测算额度"
        default: id
        }
    }

    public var text: String {
        switch self {
        case .minimumGrade(let grade): "信用等级 \(grade) 及以上"
        case .minimumScore(let score): "信用评分不低于 \(score) 分"
        case .maximumAmount(let cents): "申请金额不超过 \(MarketplaceText.yuan(cents))"
        case .maximumTerm(let months): "申请期限不超过 \(months) 个月"
        case .noOverdueLoans: "无逾期贷款"
        case .noPenaltyWithin(let months): "近 \(months) 个月内无行政处罚"
        case .noDishonestRecord: "无失信或黑名单记录"
        case .withinEstimatedQuota: "申请金额不超过系统测算额度"
        }
    }
}

/// Encoded as `{"id": "...", "value": ...}` (value only for rules with a parameter).
extension AutoApprovalRule: Codable {
    private enum CodingKeys: String, CodingKey { case id, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        switch id {
        case "minimum_grade": self = .minimumGrade(try c.decode(String.self, forKey: .value))
        case "minimum_score": self = .minimumScore(try c.decode(Int.self, forKey: .value))
        case "maximum_amount": self = .maximumAmount(cents: try c.decode(Int64.self, forKey: .value))
        case "maximum_term": self = .maximumTerm(months: try c.decode(Int.self, forKey: .value))
        case "no_overdue_loans": self = .noOverdueLoans
        case "no_penalty_within": self = .noPenaltyWithin(months: try c.decode(Int.self, forKey: .value))
        case "no_dishonest_record": self = .noDishonestRecord
        case "within_estimated_quota": self = .withinEstimatedQuota
        default:
            throw DecodingError.dataCorruptedError(forKey: .id, in: c, debugDescription: "unknown auto-approval rule \(id)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        switch self {
        case .minimumGrade(let grade): try c.encode(grade, forKey: .value)
        case .minimumScore(let score): try c.encode(score, forKey: .value)
        case .maximumAmount(let cents): try c.encode(cents, forKey: .value)
        case .maximumTerm(let months), .noPenaltyWithin(let months): try c.encode(months, forKey: .value)
        case .noOverdueLoans, .noDishonestRecord, .withinEstimatedQuota: break
        }
    }
}

/// The auto-approval rules of a product, all of which must pass. A product without them is always
/// reviewed by a person.
public struct AutoApprovalRules: Sendable, Equatable, Hashable, Codable {
    public var rules: [AutoApprovalRule]

    public init(_ rules: [AutoApprovalRule]) { self.rules = rules }
}
