import Foundation

/// The risk compensation funds (风险缓释基金 / 风险补偿资金池) a platform runs, as data (`fund-schemes.json`): a city
/// fund, a district fund stacked on it, a guarantee split scheme. Each is versioned with an effective period, so a
/// registration or a claim is decided, and replayed, under the version in force on its day.
public struct FundSchemes: Sendable, Equatable, Codable {
    public var name: String
    /// Where the file's numbers come from, in general; each version also cites its fields (`sources`).
    public var source: String
    public var schemes: [FundScheme]

    public init(name: String, source: String, schemes: [FundScheme]) {
        self.name = name; self.source = source; self.schemes = schemes
    }

    public func scheme(_ code: String) -> FundScheme? { schemes.first { $0.code == code } }

    static let fileName = "fund-schemes.json"

    /// The schemes shipped with the platform (`fund-schemes.json`).
    public static func bundled() throws(DomainError) -> FundSchemes {
        guard let url = Bundle.module.url(forResource: "fund-schemes", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .invalidCatalog(entry: fileName, reason: "安装包中缺少风险缓释基金方案文件")
        }
        return try decode(data)
    }

    /// Reads and checks a schemes file; the first problem found is reported in Chinese, naming the field.
    public static func decode(_ data: Data) throws(DomainError) -> FundSchemes {
        let file: FundSchemes
        do { file = try JSONDecoder().decode(FundSchemes.self, from: data) } catch {
            throw .invalidCatalog(entry: fileName, reason: "风险缓释基金方案文件格式有误：\(error)")
        }
        if let problem = file.problems().first { throw .invalidCatalog(entry: fileName, reason: problem) }
        return file
    }
}

/// How the loss is shared, in the words of FUNDS-COUPONS.md §1.1.
public enum FundMode: String, Sendable, Equatable, Codable, CaseIterable {
    /// 政银: the fund and the bank.
    case governmentBank = "government_bank"
    /// 政担: the fund compensates a government guarantor's 代偿.
    case governmentGuarantor = "government_guarantor"
    /// 政银担 / 政银保 / 4:3:2:1: several parties in fixed ratios.
    case sharedGuarantee = "shared_guarantee"

    public var label: String {
        switch self {
        case .governmentBank: "政银"
        case .governmentGuarantor: "政担"
        case .sharedGuarantee: "政银担（多方分担）"
        }
    }
}

/// One fund: its identity and its rule versions.
public struct FundScheme: Sendable, Equatable, Codable, VersionedRules {
    /// Stable key (stored with every registration and claim), e.g. `lingyuan-2020`.
    public var code: String
    public var name: String
    public var mode: FundMode
    /// The GB/T 2260 code of the region that runs it.
    public var region: String
    /// The document(s) it follows.
    public var source: String
    /// Oldest first; effective periods do not overlap.
    public var versions: [Version]

    public init(code: String, name: String, mode: FundMode, region: String, source: String, versions: [Version]) {
        self.code = code; self.name = name; self.mode = mode; self.region = region; self.source = source
        self.versions = versions
    }

    /// The version in force on `day`: the latest that began on or before it, unless its period ended before
    /// `day` (then none: the scheme had lapsed).
    public func version(on day: Day) -> Version? {
        guard let version = inForce(on: day) else { return nil }
        if let until = version.effectiveUntilDay, until < day { return nil }
        return version
    }

    /// The version in force on `day`, or a `conflict` naming the scheme and the day.
    public func required(on day: Day) throws(DomainError) -> Version {
        guard let version = version(on: day) else { throw .conflict("\(day) \(name)没有生效的方案版本") }
        return version
    }

    /// One version of a fund's rules.
    public struct Version: Sendable, Equatable, Codable, RuleVersion {
        public var version: Int
        /// ISO `YYYY-MM-DD`: the first day it applies.
        public var effectiveFrom: String
        /// ISO `YYYY-MM-DD`: the last day it applies (inclusive); nil while open-ended.
        public var effectiveUntil: String?
        public var funding: Funding
        public var firm: FirmRules
        public var loan: LoanRules
        public var institution: InstitutionRules
        /// Any one of these makes a covered loan claimable.
        public var triggers: [FundTrigger]
        public var share: FundShareRule
        public var caps: FundCaps
        public var circuitBreakers: [FundCircuitBreaker]
        /// The exclusions (不属于补偿范围) that void a claim under this version.
        public var exclusions: [FundExclusion]
        public var review: FundReviewPeriods
        /// The typed attachments a claim must carry (the truthfulness statement among them).
        public var materials: [FundMaterialRequirement]
        /// Field path → where its value comes from (document and article, or a FUNDS-COUPONS.md tag).
        public var sources: [String: String]
        /// Field paths whose value was not found in any source: configurable defaults.
        public var unconfirmed: [String]

        public init(version: Int, effectiveFrom: String, effectiveUntil: String? = nil, funding: Funding,
                    firm: FirmRules, loan: LoanRules, institution: InstitutionRules, triggers: [FundTrigger],
                    share: FundShareRule, caps: FundCaps, circuitBreakers: [FundCircuitBreaker] = [],
                    exclusions: [FundExclusion], review: FundReviewPeriods, materials: [FundMaterialRequirement],
                    sources: [String: String] = [:], unconfirmed: [String] = []) {
            self.version = version; self.effectiveFrom = effectiveFrom; self.effectiveUntil = effectiveUntil
            self.funding = funding; self.firm = firm; self.loan = loan; self.institution = institution
            self.triggers = triggers; self.share = share; self.caps = caps; self.circuitBreakers = circuitBreakers
            self.exclusions = exclusions; self.review = review; self.materials = materials
            self.sources = sources; self.unconfirmed = unconfirmed
        }

        public var effectiveUntilDay: Day? { effectiveUntil.flatMap { Day(iso: $0) } }

        /// Whether `day` lies in this version's period.
        public func covers(_ day: Day) -> Bool {
            guard let from = effectiveDay, from <= day else { return false }
            if let until = effectiveUntilDay, until < day { return false }
            return true
        }
    }
}
