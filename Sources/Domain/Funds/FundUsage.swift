/// What a fund has already paid or committed (approved, not yet paid) that counts against each cap of a new claim.
/// The caller sums its claims; the simulator keeps the same sums per path.
public struct FundUsage: Sendable, Equatable, Codable {
    /// On this loan before (a second claim on one loan, after a partial first).
    public var loan: Cents
    /// On this firm's loans.
    public var firm: Cents
    /// To this institution in the claim's year.
    public var institutionYear: Cents
    /// To this institution in total.
    public var institution: Cents
    /// By the whole scheme in the claim's year.
    public var year: Cents

    public init(loan: Cents = .zero, firm: Cents = .zero, institutionYear: Cents = .zero, institution: Cents = .zero,
                year: Cents = .zero) {
        self.loan = loan; self.firm = firm; self.institutionYear = institutionYear; self.institution = institution
        self.year = year
    }

    public static let none = FundUsage()
}

/// A ceiling on compensation, in the order they are applied.
public enum FundCapKind: Int, Sendable, Equatable, Codable, CaseIterable {
    case perLoan, perFirm, perInstitutionPerYear, perInstitution, perYear

    public var label: String {
        switch self {
        case .perLoan: "单笔上限"
        case .perFirm: "单户企业累计上限"
        case .perInstitutionPerYear: "单家机构年度上限"
        case .perInstitution: "单家机构累计上限"
        case .perYear: "年度补偿总额上限"
        }
    }

    var bit: UInt8 { UInt8(1) << UInt8(rawValue) }

    func limit(_ caps: FundCaps) -> Cents? {
        switch self {
        case .perLoan: caps.perLoan
        case .perFirm: caps.perFirm
        case .perInstitutionPerYear: caps.perInstitutionPerYear
        case .perInstitution: caps.perInstitution
        case .perYear: caps.perYear
        }
    }

    func used(_ usage: FundUsage) -> Cents {
        switch self {
        case .perLoan: usage.loan
        case .perFirm: usage.firm
        case .perInstitutionPerYear: usage.institutionYear
        case .perInstitution: usage.institution
        case .perYear: usage.year
        }
    }
}
