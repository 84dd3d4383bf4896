/// A coupon programme the credit center runs (数字信用券), as versioned data: every edit is a new version with the
/// day it takes effect, earlier versions are kept, and a coupon keeps the version it was issued under (its face value,
/// products and expiry), whatever later versions say.
public struct CouponProgramme: Sendable, Equatable, Codable, VersionedRules {
    public var id: Int64
    /// Stable key, e.g. `dl-2026-rate`.
    public var code: String
    /// Oldest first.
    public var versions: [CouponProgrammeVersion]

    public init(id: Int64, code: String, versions: [CouponProgrammeVersion]) {
        self.id = id; self.code = code; self.versions = versions
    }

    /// The newest version (what the editor starts from).
    public var latest: CouponProgrammeVersion? { versions.max { $0.version < $1.version } }

    public var name: String { latest?.name ?? code }

    /// The version in force on `day`, or a `conflict` naming the programme and the day.
    public func required(on day: Day) throws(DomainError) -> CouponProgrammeVersion {
        guard let v = inForce(on: day) else { throw .conflict("信用券项目“\(name)”在 \(day) 没有生效的版本") }
        return v
    }

    public func version(_ number: Int) -> CouponProgrammeVersion? { versions.first { $0.version == number } }

    /// Checks a code an operator entered.
    public static func validate(code: String) throws(DomainError) {
        guard !code.isEmpty, code.count <= 40, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw .invalidInput(field: "code", reason: "项目代码须为 1–40 位字母、数字或连字符")
        }
    }
}

/// One version of a programme's rules.
public struct CouponProgrammeVersion: Sendable, Equatable, Codable, RuleVersion {
    public var version: Int
    /// ISO `YYYY-MM-DD`: the first day this version applies (to issuing and to the budget).
    public var effectiveFrom: String
    public var name: String
    /// The programme's whole budget (all versions draw on one budget; this version's figure applies from its day).
    public var budget: Cents
    public var face: CouponFace
    public var eligibility: CouponEligibility
    /// Coupons one firm may hold under the programme in all (issued, whatever became of them).
    public var perFirm: Int
    /// Coupons are issued from `issueFrom` to `issueUntil` (inclusive) …
    public var issueFrom: Day
    public var issueUntil: Day
    /// … and may be redeemed (the loan disbursed) until `expiresOn` (inclusive); later they are expired.
    public var expiresOn: Day
    /// The products that accept them (product ids); empty: every product on the platform.
    public var products: [Int64]
    public var note: String

    public init(version: Int, effectiveFrom: Day, name: String, budget: Cents, face: CouponFace, eligibility: CouponEligibility,
                perFirm: Int, issueFrom: Day, issueUntil: Day, expiresOn: Day, products: [Int64] = [], note: String = "") {
        self.version = version; self.effectiveFrom = effectiveFrom.description; self.name = name; self.budget = budget
        self.face = face; self.eligibility = eligibility; self.perFirm = perFirm; self.issueFrom = issueFrom
        self.issueUntil = issueUntil; self.expiresOn = expiresOn; self.products = products; self.note = note
    }

    public func accepts(productID: Int64) -> Bool { products.isEmpty || products.contains(productID) }

    public func isIssuing(on day: Day) -> Bool { issueFrom <= day && day <= issueUntil }

    /// Checks what an operator entered (the name, the budget, the face value, the criteria, the dates).
    public func validate() throws(DomainError) {
        guard !name.isEmpty, name.count <= 60 else { throw .invalidInput(field: "name", reason: "请填写项目名称（不超过 60 字）") }
        guard budget.isPositive else { throw .invalidInput(field: "budget", reason: "预算须大于零") }
        try face.validate()
        try eligibility.validate()
        guard (1...50).contains(perFirm) else { throw .invalidInput(field: "perFirm", reason: "每户限领张数须在 1 至 50 之间") }
        guard issueFrom <= issueUntil else { throw .invalidInput(field: "issueUntil", reason: "发放截止日不能早于发放开始日") }
        guard issueUntil <= expiresOn else { throw .invalidInput(field: "expiresOn", reason: "有效期至不能早于发放截止日") }
        guard effectiveDay != nil else { throw .invalidInput(field: "effectiveFrom", reason: "生效日期格式应为 YYYY-MM-DD") }
        guard note.count <= 500 else { throw .invalidInput(field: "note", reason: "说明不超过 500 字") }
    }
}
