/// A feature of a covered loan that a bonus or an eligibility rule may look at.
public enum FundLoanFeature: String, Sendable, Equatable, Codable, CaseIterable {
    case firstLoan = "first_loan"
    case pureCredit = "pure_credit"
    case ipPledge = "ip_pledge"
    /// Funded by a central-bank monetary-policy tool (Guangzhou +5 pp).
    case monetaryPolicyTool = "monetary_policy_tool"
    /// The firm is on a key-support list (重点支持名单, Guangzhou +15 pp).
    case keySupportFirm = "key_support_firm"

    public var label: String {
        switch self {
        case .firstLoan: "首贷"
        case .pureCredit: "纯信用贷款"
        case .ipPledge: "知识产权质押贷款"
        case .monetaryPolicyTool: "运用货币政策工具资金发放"
        case .keySupportFirm: "重点支持名单企业"
        }
    }

    var bit: UInt8 { UInt8(1) << UInt8(FundLoanFeature.allCases.firstIndex(of: self) ?? 0) }
}

/// A set of `FundLoanFeature`s, as bits (the simulator checks bonuses on it for every default).
public struct FundLoanFeatures: OptionSet, Sendable, Hashable, Codable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ features: [FundLoanFeature]) { rawValue = features.reduce(0) { $0 | $1.bit } }
    public func has(_ feature: FundLoanFeature) -> Bool { rawValue & feature.bit != 0 }
    public var features: [FundLoanFeature] { FundLoanFeature.allCases.filter(has) }
}

/// Who bears a part of a loss.
public enum FundPartyRole: String, Sendable, Equatable, Codable, CaseIterable {
    /// This fund (its cash pays).
    case fund
    /// A local treasury other than this fund.
    case government
    case guarantor
    case reGuarantor = "re_guarantor"
    case insurer
    /// The lending institution that claims: its part is the loss it keeps.
    case institution

    public var label: String {
        switch self {
        case .fund: "风险缓释基金"
        case .government: "地方财政"
        case .guarantor: "融资担保机构"
        case .reGuarantor: "再担保机构"
        case .insurer: "保险机构"
        case .institution: "贷款机构"
        }
    }
}

/// A party of a split scheme and its weight (4:3:2:1 → weights 4, 3, 2, 1; 65/20/15 → 65, 20, 15).
public struct FundParty: Sendable, Equatable, Codable {
    public var role: FundPartyRole
    /// The party's name in the scheme's words (政府性融资担保机构, 广西融资再担保有限公司 …).
    public var label: String
    public var weight: Int64
    /// Its part is paid from this fund's cash (and so shows in the fund's ledger and the simulator's balance).
    public var paysFromFund: Bool

    public init(role: FundPartyRole, label: String, weight: Int64, paysFromFund: Bool) {
        self.role = role; self.label = label; self.weight = weight; self.paysFromFund = paysFromFund
    }
}

/// How much of the principal loss is compensated.
///
/// - `flat`: a fixed share (30 % in seed 001 附件2).
/// - `tiered`: a share by the loan's amount (the whole loan's band, not marginal), plus bonuses for loan features,
///   all within a total cap (Guangzhou 2025: 40/30/20 %, +15 and +5 pp, at most 50 %).
/// - `split`: the loss divided among parties by weight (4:3:2:1, 65/20/15); the claiming institution's part is the
///   loss it keeps, the other parties' parts are the compensation.
public struct FundShareRule: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable { case flat, tiered, split }

    /// A band of loan amounts: loans up to and including `upTo` (nil: any larger loan) get `basisPoints`.
    public struct Tier: Sendable, Equatable, Codable {
        public var upTo: Cents?
        public var basisPoints: Int
        public init(upTo: Cents?, basisPoints: Int) { self.upTo = upTo; self.basisPoints = basisPoints }
    }

    /// Extra percentage points when the loan has any of `anyOf`.
    public struct Bonus: Sendable, Equatable, Codable {
        public var anyOf: [FundLoanFeature]
        public var basisPoints: Int
        public init(anyOf: [FundLoanFeature], basisPoints: Int) { self.anyOf = anyOf; self.basisPoints = basisPoints }
        var mask: FundLoanFeatures { FundLoanFeatures(anyOf) }
    }

    public var kind: Kind
    /// `flat`: the share.
    public var basisPoints: Int?
    /// `tiered`: the bands, smallest first.
    public var tiers: [Tier]?
    public var bonuses: [Bonus]?
    /// `tiered` (and `flat` with bonuses): the share never exceeds this.
    public var totalCapBasisPoints: Int?
    /// `split`: the parties; exactly one has the role `institution`.
    public var parties: [FundParty]?
    /// `flat` and `tiered`: the name of the paying fund; default `风险缓释基金`.
    public var fundLabel: String?

    public init(kind: Kind, basisPoints: Int? = nil, tiers: [Tier]? = nil, bonuses: [Bonus]? = nil,
                totalCapBasisPoints: Int? = nil, parties: [FundParty]? = nil, fundLabel: String? = nil) {
        self.kind = kind; self.basisPoints = basisPoints; self.tiers = tiers; self.bonuses = bonuses
        self.totalCapBasisPoints = totalCapBasisPoints; self.parties = parties; self.fundLabel = fundLabel
    }

    public static func flat(_ basisPoints: Int) -> FundShareRule { FundShareRule(kind: .flat, basisPoints: basisPoints) }

    /// The parties of a flat or tiered rule: the fund, then the institution.
    public var resolvedParties: [FundParty] {
        if kind == .split { return parties ?? [] }
        return [FundParty(role: .fund, label: fundLabel ?? FundPartyRole.fund.label, weight: 0, paysFromFund: true),
                FundParty(role: .institution, label: FundPartyRole.institution.label, weight: 0, paysFromFund: false)]
    }
}

/// Ceilings on compensation, given what was already paid (`FundUsage`); nil: no ceiling.
public struct FundCaps: Sendable, Equatable, Codable {
    /// On one loan (单笔, seed 001: 500,000 yuan).
    public var perLoan: Cents?
    /// To one institution in total (累计, seed 001: 2,000,000 yuan).
    public var perInstitution: Cents?
    /// To one institution in a year (千帆: 10 million a year).
    public var perInstitutionPerYear: Cents?
    /// For one firm's loans in total.
    public var perFirm: Cents?
    /// By the whole scheme in a year (Guangzhou: 1.5 bn yuan).
    public var perYear: Cents?

    public init(perLoan: Cents? = nil, perInstitution: Cents? = nil, perInstitutionPerYear: Cents? = nil,
                perFirm: Cents? = nil, perYear: Cents? = nil) {
        self.perLoan = perLoan; self.perInstitution = perInstitution; self.perInstitutionPerYear = perInstitutionPerYear
        self.perFirm = perFirm; self.perYear = perYear
    }
}

/// What a claim does not cover (不属于补偿范围).
public enum FundExclusion: String, Sendable, Equatable, Codable, CaseIterable {
    /// 银行或其从业人员违反国家法律法规及内部管理制度而发生的业务 (seed 001 第十三条).
    case institutionBreach = "institution_breach"
    /// 材料弄虚作假 (seed 001 第十九条).
    case falseMaterial = "false_material"
    /// Compensated already under another policy.
    case otherCompensation = "other_compensation"
    /// 未尽职 (Wuxi, 锡政办发〔2019〕63号第十五条).
    case notDiligent = "not_diligent"

    public var label: String {
        switch self {
        case .institutionBreach: "银行或其从业人员违反国家法律法规及内部管理制度"
        case .falseMaterial: "申请材料弄虚作假"
        case .otherCompensation: "已享受其他风险补偿政策"
        case .notDiligent: "贷款机构未尽职"
        }
    }
}
