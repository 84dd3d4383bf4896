import Foundation

/// A fund the platform runs: its own scheme document (adopted from a template of `fund-schemes.json`, with the city's
/// region), opened on a day. Its versions decide by date, so a past decision replays under the rules of its day.
public struct FundProgramme: Sendable, Equatable, Codable {
    public var scheme: FundScheme
    public var openedOn: Day
    public var schemeCode: String { scheme.code }
    public var name: String { scheme.name }
    public init(scheme: FundScheme, openedOn: Day) { self.scheme = scheme; self.openedOn = openedOn }
}

extension FundScheme {
    /// This scheme adopted by another city: its own code and name, and firms local to `districtPrefixes` (every
    /// version); everything else as the template says.
    public func adopted(code: String, name: String, region: String, districtPrefixes: [String]) -> FundScheme {
        var copy = self
        copy.code = code; copy.name = name; copy.region = region
        copy.source = "依据“\(self.name)”（\(self.code)）制定；" + source
        for i in copy.versions.indices where !copy.versions[i].firm.localDistrictPrefixes.isEmpty {
            copy.versions[i].firm.localDistrictPrefixes = districtPrefixes
        }
        return copy
    }
}

/// An institution's cooperation agreement with a fund (合作协议): loans are registered only while it runs.
public struct FundAgreement: Sendable, Equatable, Codable {
    public var schemeCode: String
    public var institutionId: String
    public var signedOn: Day
    public var until: Day?
    public init(schemeCode: String, institutionId: String, signedOn: Day, until: Day? = nil) {
        self.schemeCode = schemeCode; self.institutionId = institutionId; self.signedOn = signedOn; self.until = until
    }
}

/// The registration check of one loan under one fund, kept whether it was covered or not, so the institution sees
/// its covered book and, for every other loan, why it is not covered.
public struct FundRegistrationRecord: Sendable, Equatable, Codable {
    public var schemeCode: String
    public var loanId: String
    public var institutionId: String
    public var firmUSCC: String
    public var firmName: String
    public var amount: Cents
    public var checkedOn: Day
    public var coverage: FundCoverage?
    public var reasons: [FundReason]
    public var isCovered: Bool { coverage != nil }

    public init(schemeCode: String, loanId: String, institutionId: String, firmUSCC: String, firmName: String, amount: Cents,
                checkedOn: Day, outcome: FundRegistrationOutcome) {
        self.schemeCode = schemeCode; self.loanId = loanId; self.institutionId = institutionId; self.firmUSCC = firmUSCC
        self.firmName = firmName; self.amount = amount; self.checkedOn = checkedOn
        self.coverage = outcome.coverage; self.reasons = outcome.reasons
    }
}

/// A recovery the institution reported on a compensated claim, and how it was shared back.
public struct FundRecoveryReport: Sendable, Equatable, Codable {
    public var day: Day
    public var reportedBy: String
    public var note: String
    public var share: FundRecoveryShare
    public init(day: Day, reportedBy: String, note: String, share: FundRecoveryShare) {
        self.day = day; self.reportedBy = reportedBy; self.note = note; self.share = share
    }
}

/// A claim as the platform keeps it: the review (`FundClaim`), the loan's facts when it was filed, the computation
/// (an estimate at filing, fixed at approval against the caps used by then), and the recoveries shared back.
public struct FundClaimRecord: Sendable, Equatable, Codable {
    public var id: Int64
    public var schemeCode: String
    public var schemeName: String
    public var firmName: String
    public var institutionName: String
    public var claim: FundClaim
    public var facts: FundDefaultFacts
    public var exclusions: [FundExclusion]
    public var computation: ClaimComputation
    /// Whether `computation` is the approved one (else the estimate made at filing).
    public var computationFixed: Bool
    public var recoveries: [FundRecoveryReport]

    public init(id: Int64, schemeCode: String, schemeName: String, firmName: String, institutionName: String, claim: FundClaim,
                facts: FundDefaultFacts, exclusions: [FundExclusion], computation: ClaimComputation) {
        self.id = id; self.schemeCode = schemeCode; self.schemeName = schemeName; self.firmName = firmName
        self.institutionName = institutionName; self.claim = claim; self.facts = facts; self.exclusions = exclusions
        self.computation = computation; self.computationFixed = false; self.recoveries = []
    }

    public var status: FundClaimStatus { claim.status }
    public var institutionId: String { claim.coverage.institutionId }
    public var loanId: String { claim.coverage.loanId }
    /// Recoveries shared so far (net, within the loss).
    public var recoveredShared: Cents { recoveries.reduce(Cents.zero) { $0 + $1.share.shared } }
    public var recoveredToFund: Cents { recoveries.reduce(Cents.zero) { $0 + $1.share.fundShare } }
    /// Whether the compensation counts against the caps: approved and not undone.
    public var countsAgainstCaps: Bool { computationFixed && status != .rejected && status != .withdrawn }
}

/// Who may take which step of a claim: the platform's accounts mapped onto the fund's roles. The fund office is
/// the credit center; the verifier, the leading group and the finance bureau are department accounts whose codes
/// are named here (the demo creates them); the claiming institution is the applicant; anyone signed in may object
/// during publicity.
public enum FundDuties {
    /// 市金融发展局 and 人民银行 (核查, seed 001 第十七条).
    public static let verifierDepartments: Set<String> = ["jrj", "rmyh"]
    /// 信易贷工作领导小组 (审批).
    public static let leadingGroupDepartments: Set<String> = ["ldxz"]
    /// 市财政局 (拨付).
    public static let financeBureauDepartments: Set<String> = ["czj"]

    /// The fund roles of `principal` on a claim of institution `institutionId`, besides the public one.
    public static func roles(of principal: Principal, claimInstitution institutionId: String?) -> [FundActorRole] {
        switch principal.role {
        case .creditCenter: return [.fundOffice]
        case .department:
            let code = principal.department?.code ?? ""
            if verifierDepartments.contains(code) { return [.verifier] }
            if leadingGroupDepartments.contains(code) { return [.leadingGroup] }
            if financeBureauDepartments.contains(code) { return [.financeBureau] }
            return []
        case .institutionAdmin, .institutionStaff:
            guard let own = principal.institution.map({ String($0.id) }), own == institutionId else { return [] }
            return [.applicant]
        case .enterprise: return []
        }
    }

    /// Whether `principal` works on the fund's side (reads every claim and the books).
    public static func isFundSide(_ principal: Principal) -> Bool {
        !roles(of: principal, claimInstitution: nil).isEmpty
    }

    /// The role `principal` acts in on a claim of `claimInstitution`: its fund role, else a member of the public (the
    /// state machine then refuses any step but an objection during publicity, naming who may take it).
    public static func role(of principal: Principal, claimInstitution: String) -> FundActorRole {
        roles(of: principal, claimInstitution: claimInstitution).first ?? .publicMember
    }
}

/// A document an institution filed for its claims (the bytes stay in the store).
public struct FundMaterialInfo: Sendable, Equatable, Codable {
    /// What an attachment names it by: `material:<id>`.
    public var key: String
    public var kind: FundMaterialKind
    public var fileName: String
    public var sha256: String
    public var uploadedAt: Date
    public init(key: String, kind: FundMaterialKind, fileName: String, sha256: String, uploadedAt: Date) {
        self.key = key; self.kind = kind; self.fileName = fileName; self.sha256 = sha256; self.uploadedAt = uploadedAt
    }
    /// The path a page links the document at.
    public var href: String { "/fund/materials/" + key.dropFirst("material:".count) }
}
