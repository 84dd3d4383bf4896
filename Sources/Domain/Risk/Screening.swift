/// What the screening of one firm is checked against, as the data hub holds it on the day of screening.
public struct ScreeningFacts: Sendable, Equatable {
    public struct Listing: Sendable, Equatable {
        /// 失信被执行人, 涉金融严重失信 …
        public var kind: String
        /// Of the legal representative rather than the firm itself.
        public var ofLegalRepresentative: Bool
        /// The other firm through which the legal representative is listed (the data hub keys listings by
        /// firm: a person who represents a listed firm is caught through that firm).
        public var relatedFirm: String?
        public init(kind: String, ofLegalRepresentative: Bool = false, relatedFirm: String? = nil) {
            self.kind = kind; self.ofLegalRepresentative = ofLegalRepresentative; self.relatedFirm = relatedFirm
        }
    }

    public var uscc: String
    public var established: Day
    /// The registry status (存续, 注销 …).
    public var status: String
    /// Reasons of the firm's current abnormal-operation listings.
    public var abnormalReasons: [String]
    public var listings: [Listing]
    /// The latest tax credit grade, if any.
    public var taxGrade: String?
    /// The declared purpose of the financing demand.
    public var purpose: String
    /// The credit center's check (信用核查): nil while not yet done.
    public var creditCheckPassed: Bool?

    public init(uscc: String, established: Day, status: String, abnormalReasons: [String] = [], listings: [Listing] = [],
                taxGrade: String? = nil, purpose: String, creditCheckPassed: Bool? = nil) {
        self.uscc = uscc; self.established = established; self.status = status; self.abnormalReasons = abnormalReasons
        self.listings = listings; self.taxGrade = taxGrade; self.purpose = purpose; self.creditCheckPassed = creditCheckPassed
    }
}

/// Why a firm did not pass the screening: a stable code, the criterion it belongs to, and a Chinese sentence.
public struct ScreeningRejection: Sendable, Equatable, Hashable, Codable {
    public enum Criterion: String, Sendable, CaseIterable, Codable {
        case compliantOperation = "合规持续经营"
        case fixedPremises = "固定经营场所"
        case genuineNeed = "真实融资需求"
        case goodCredit = "信用状况良好"
        case lawfulPurpose = "贷款用途依法合规"
    }

    public var code: String
    public var criterion: Criterion
    public var text: String

    public init(code: String, criterion: Criterion, text: String) {
        self.code = code; self.criterion = criterion; self.text = text
    }
}

/// The five criteria as checks (`ScreeningRules`); the firm passes when there is no rejection.
public enum Screening {
    public struct Result: Sendable, Equatable {
        /// The rules version applied.
        public var version: Int
        public var rejections: [ScreeningRejection]
        public var passed: Bool { rejections.isEmpty }
    }

    /// Screens the firm on `day` under the rules in force that day; nil before any version is in force.
    public static func screen(_ facts: ScreeningFacts, on day: Day, rules: ScreeningRules) -> Result? {
        guard let v = rules.inForce(on: day) else { return nil }
        var out: [ScreeningRejection] = []
        func reject(_ code: String, _ criterion: ScreeningRejection.Criterion, _ text: String) {
            out.append(ScreeningRejection(code: code, criterion: criterion, text: text))
        }
        let months = MarketplaceText.wholeMonths(from: facts.established, to: day)
        if months < v.minimumMonthsInBusiness {
            reject("too_young", .compliantOperation, "成立 \(max(months, 0)) 个月，不足 \(v.minimumMonthsInBusiness) 个月")
        }
        if !v.operatingStatuses.contains(facts.status) {
            reject("not_operating", .compliantOperation, "登记状态为“\(facts.status)”，不是正常经营状态")
        }
        if let reason = facts.abnormalReasons.first(where: { r in v.unreachableAbnormalReasons.contains { r.contains($0) } }) {
            reject("unreachable_premises", .fixedPremises, "被列入经营异常名录：\(reason)")
        }
        for listing in facts.listings where v.blockingListKinds.contains(listing.kind) {
            let who = !listing.ofLegalRepresentative ? "企业"
                : listing.relatedFirm.map { "法定代表人担任法定代表人的企业“\($0)”" } ?? "法定代表人"
            reject(listing.ofLegalRepresentative ? "representative_listed" : "firm_listed", .goodCredit, "\(who)被列入\(listing.kind)名单")
        }
        if let grade = facts.taxGrade, v.blockedTaxGrades.contains(grade) {
            reject("tax_grade", .goodCredit, "纳税信用等级为 \(grade) 级")
        }
        if v.requireCreditCheck, facts.creditCheckPassed != true {
            reject(facts.creditCheckPassed == nil ? "credit_check_pending" : "credit_check_failed", .goodCredit,
                   facts.creditCheckPassed == nil ? "信用中心尚未完成信用核查" : "未通过信用中心的信用核查")
        }
        let purpose = facts.purpose.trimmingSpaces()
        if purpose.isEmpty {
            reject("no_purpose", .genuineNeed, "未填写融资用途")
        } else if let blocked = v.blockedPurposes.first(where: { purpose.contains($0) }) {
            reject("purpose_not_allowed", .lawfulPurpose, "融资用途含“\(blocked)”，不属于支持的用途")
        }
        return Result(version: v.version, rejections: out)
    }
}
