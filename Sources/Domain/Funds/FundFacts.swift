/// A disbursed loan as the fund looks at it at registration (入库).
public struct FundLoanFacts: Sendable, Equatable, Codable {
    public var loanId: String
    public var institutionId: String
    public var firmUSCC: String
    public var amount: Cents
    public var rate: AnnualRate
    /// The reference rate of the loan's day (the benchmark or the LPR); nil: the scheme's.
    public var referenceRate: AnnualRate?
    public var disbursedOn: Day
    /// The last day of the term (the final due day).
    public var maturesOn: Day
    public var productType: ProductType
    public var firstLoan: Bool
    public var purpose: String
    /// Issued through the platform (its application and decision are on the platform).
    public var throughPlatform: Bool
    /// Funded by a monetary-policy tool.
    public var monetaryPolicyTool: Bool
    /// Already covered by another compensation or guarantee policy.
    public var otherCompensation: Bool
    /// A documented exception lets the term exceed the scheme's term in principle (never the absolute limit).
    public var termExceptionApproved: Bool

    public init(loanId: String, institutionId: String, firmUSCC: String, amount: Cents, rate: AnnualRate,
                referenceRate: AnnualRate? = nil, disbursedOn: Day, maturesOn: Day, productType: ProductType,
                firstLoan: Bool, purpose: String, throughPlatform: Bool, monetaryPolicyTool: Bool = false,
                otherCompensation: Bool = false, termExceptionApproved: Bool = false) {
        self.loanId = loanId; self.institutionId = institutionId; self.firmUSCC = firmUSCC; self.amount = amount
        self.rate = rate; self.referenceRate = referenceRate; self.disbursedOn = disbursedOn; self.maturesOn = maturesOn
        self.productType = productType; self.firstLoan = firstLoan; self.purpose = purpose
        self.throughPlatform = throughPlatform; self.monetaryPolicyTool = monetaryPolicyTool
        self.otherCompensation = otherCompensation; self.termExceptionApproved = termExceptionApproved
    }

    /// A loan on approved `terms` disbursed on `disbursedOn`: it matures `termMonths` months later.
    public init(loanId: String, institutionId: String, firmUSCC: String, terms: LoanTerms, disbursedOn: Day,
                productType: ProductType, firstLoan: Bool, purpose: String, throughPlatform: Bool) {
        self.init(loanId: loanId, institutionId: institutionId, firmUSCC: firmUSCC, amount: terms.amount, rate: terms.rate,
                  disbursedOn: disbursedOn, maturesOn: LoanCalendar.adding(months: terms.termMonths, to: disbursedOn),
                  productType: productType, firstLoan: firstLoan, purpose: purpose, throughPlatform: throughPlatform)
    }

    /// The loan's features for bonuses (the firm's key-support flag comes from the firm).
    public func features(keySupportFirm: Bool) -> FundLoanFeatures {
        var out: [FundLoanFeature] = []
        if firstLoan { out.append(.firstLoan) }
        if productType == .pureCredit { out.append(.pureCredit) }
        if productType == .ipPledge { out.append(.ipPledge) }
        if monetaryPolicyTool { out.append(.monetaryPolicyTool) }
        if keySupportFirm { out.append(.keySupportFirm) }
        return FundLoanFeatures(out)
    }
}

/// The borrowing firm as the fund looks at it: its registry facts and what the fund needs beyond them.
public struct FundFirmFacts: Sendable, Equatable, Codable {
    public var firm: FirmFacts
    public var sizeClass: FirmSizeClass
    /// The firm's 推荐清单 entry status, if it has one (listed or pushed counts as on the list).
    public var recommendation: RecommendationStatus?
    /// On a key-support list (专精特新, 高新技术企业 …).
    public var keySupportList: Bool

    public init(firm: FirmFacts, sizeClass: FirmSizeClass, recommendation: RecommendationStatus?, keySupportList: Bool = false) {
        self.firm = firm; self.sizeClass = sizeClass; self.recommendation = recommendation; self.keySupportList = keySupportList
    }

    /// Listed (列入推荐清单) or already pushed to institutions.
    public var onRecommendedList: Bool { recommendation == .listed || recommendation == .pushed }
}

/// The lending institution as the fund looks at it.
public struct FundInstitutionFacts: Sendable, Equatable, Codable {
    public var institutionId: String
    public var name: String
    /// Its cooperation agreement with the fund: the days it runs (nil: none signed; `agreementUntil` nil: open).
    public var agreementFrom: Day?
    public var agreementUntil: Day?
    public var active: Bool
    /// Paused by a stop line (`FundCircuitBreaker`) or by the fund office.
    public var registrationsPaused: Bool
    public var claimsPaused: Bool

    public init(institutionId: String, name: String, agreementFrom: Day?, agreementUntil: Day? = nil, active: Bool = true,
                registrationsPaused: Bool = false, claimsPaused: Bool = false) {
        self.institutionId = institutionId; self.name = name; self.agreementFrom = agreementFrom
        self.agreementUntil = agreementUntil; self.active = active; self.registrationsPaused = registrationsPaused
        self.claimsPaused = claimsPaused
    }

    public func hasAgreement(on day: Day) -> Bool {
        guard let from = agreementFrom, from <= day else { return false }
        return agreementUntil.map { day <= $0 } ?? true
    }
}
