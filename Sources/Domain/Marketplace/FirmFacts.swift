/// What a firm's eligibility, quota estimate and auto-approval are checked against: registration data, the
/// public credit evaluation and risk flags, as of one moment.
public struct FirmFacts: Sendable, Equatable, Hashable {
    public var uscc: String
    public var name: String
    /// The public credit evaluation's grade ("" when not evaluated) and score (0–1000).
    public var grade: String
    public var score: Int
    /// GB/T 4754 industry code, e.g. "C" or "C13".
    public var industryCode: String
    /// GB/T 2260 district code, e.g. "210202".
    public var districtCode: String
    public var established: Day
    /// On a dishonesty (失信) list or the platform's blacklist.
    public var isDishonest: Bool
    public var hasOverdueLoans: Bool
    /// Whole months since the last administrative penalty; nil = never penalised.
    public var monthsSinceLastPenalty: Int?
    /// Credit already committed to the firm on the platform: the outstanding principal of its loans plus the
    /// amounts approved but not yet disbursed. The quota rule subtracts it, so approvals cannot stack.
    public var committedCents: Int64
    /// The registry's size class (微型, 小型, 中型, 大型).
    public var scale: String?
    /// The indicative most one product may offer a firm of this size under the market rules in force when the facts
    /// were gathered (`MarketRules.Version.quotaCapCents`); nil: not capped.
    public var quotaCapCents: Int64?

    /// `quotaCapCents` left out (nil) takes the cap of `scale` under the first rules shipped (fixtures); pass
    /// `.some(nil)` for a firm the rules in force do not cap.
    public init(uscc: String, name: String, grade: String, score: Int, industryCode: String, districtCode: String,
                established: Day, isDishonest: Bool = false, hasOverdueLoans: Bool = false,
                monthsSinceLastPenalty: Int? = nil, committedCents: Int64 = 0, scale: String? = nil,
                quotaCapCents: Int64?? = nil) {
        self.uscc = uscc; self.name = name; self.grade = grade; self.score = score
        self.industryCode = industryCode; self.districtCode = districtCode; self.established = established
        self.isDishonest = isDishonest; self.hasOverdueLoans = hasOverdueLoans
        self.monthsSinceLastPenalty = monthsSinceLastPenalty
        self.committedCents = committedCents
        self.scale = scale
        self.quotaCapCents = quotaCapCents ?? MarketRules.firstShipped.quotaCapCents(scale: scale)
    }

    /// Whole months in business on `today` (a month counts once its day-of-month is reached).
    public func monthsInBusiness(on today: Day) -> Int {
        MarketplaceText.wholeMonths(from: established, to: today)
    }
}

extension FirmFacts: Codable {
    private enum CodingKeys: String, CodingKey {
        case uscc, name, grade, score, industryCode, districtCode, established, isDishonest, hasOverdueLoans,
             monthsSinceLastPenalty, committedCents, scale, quotaCapCents
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(uscc: try c.decode(String.self, forKey: .uscc), name: try c.decode(String.self, forKey: .name),
                  grade: try c.decode(String.self, forKey: .grade), score: try c.decode(Int.self, forKey: .score),
                  industryCode: try c.decode(String.self, forKey: .industryCode),
                  districtCode: try c.decode(String.self, forKey: .districtCode),
                  established: try c.decodeMarketplaceDay(forKey: .established),
                  isDishonest: try c.decode(Bool.self, forKey: .isDishonest),
                  hasOverdueLoans: try c.decode(Bool.self, forKey: .hasOverdueLoans),
                  monthsSinceLastPenalty: try c.decodeIfPresent(Int.self, forKey: .monthsSinceLastPenalty),
                  committedCents: try c.decodeIfPresent(Int64.self, forKey: .committedCents) ?? 0,
                  scale: try c.decodeIfPresent(String.self, forKey: .scale),
                  quotaCapCents: c.contains(.quotaCapCents) ? .some(try c.decodeIfPresent(Int64.self, forKey: .quotaCapCents)) : nil)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uscc, forKey: .uscc); try c.encode(name, forKey: .name)
        try c.encode(grade, forKey: .grade); try c.encode(score, forKey: .score)
        try c.encode(industryCode, forKey: .industryCode); try c.encode(districtCode, forKey: .districtCode)
        try c.encodeMarketplaceDay(established, forKey: .established)
        try c.encode(isDishonest, forKey: .isDishonest); try c.encode(hasOverdueLoans, forKey: .hasOverdueLoans)
        try c.encodeIfPresent(monthsSinceLastPenalty, forKey: .monthsSinceLastPenalty)
        if committedCents != 0 { try c.encode(committedCents, forKey: .committedCents) }
        try c.encodeIfPresent(scale, forKey: .scale)
        try c.encode(quotaCapCents, forKey: .quotaCapCents)
    }
}
