/// A post-loan warning raised on a firm (贷后预警) and when it was handled.
public struct StatAlert: Hashable, Sendable, Codable {
    public var id: String
    public var firm: String
    /// The institution it was pushed to, if any.
    public var institution: String?
    public var raisedOn: Day
    public var level: WarningLevel
    public var handledOn: Day?

    public init(id: String, firm: String, institution: String? = nil, raisedOn: Day, level: WarningLevel, handledOn: Day? = nil) {
        self.id = id; self.firm = firm; self.institution = institution; self.raisedOn = raisedOn; self.level = level
        self.handledOn = handledOn
    }
}

/// A claim on a risk compensation fund (代偿申请) and its payout.
public struct StatClaim: Hashable, Sendable, Codable {
    public var id: String
    public var firm: String
    public var institution: String
    public var product: String?
    public var filedOn: Day
    public var claimed: Cents
    public var paidOn: Day?
    public var paid: Cents

    public init(id: String, firm: String, institution: String, product: String? = nil, filedOn: Day, claimed: Cents,
                paidOn: Day? = nil, paid: Cents = .zero) {
        self.id = id; self.firm = firm; self.institution = institution; self.product = product; self.filedOn = filedOn
        self.claimed = claimed; self.paidOn = paidOn; self.paid = paid
    }
}

/// Everything the statistics are computed from, as plain values the persistence layer reads out.
public struct StatFacts: Sendable, Codable, Equatable {
    public var firms: [StatFirm]
    public var institutions: [StatInstitution]
    public var products: [StatProduct]
    public var expectations: [StatExpectation]
    public var batches: [StatBatch]
    public var demands: [StatDemand]
    public var pushes: [StatPush]
    public var applications: [StatApplication]
    public var creditLines: [StatCreditLine]
    public var loans: [StatLoan]
    public var alerts: [StatAlert]
    public var claims: [StatClaim]

    public init(firms: [StatFirm] = [], institutions: [StatInstitution] = [], products: [StatProduct] = [],
                expectations: [StatExpectation] = [], batches: [StatBatch] = [], demands: [StatDemand] = [],
                pushes: [StatPush] = [], applications: [StatApplication] = [], creditLines: [StatCreditLine] = [],
                loans: [StatLoan] = [], alerts: [StatAlert] = [], claims: [StatClaim] = []) {
        self.firms = firms; self.institutions = institutions; self.products = products; self.expectations = expectations
        self.batches = batches; self.demands = demands; self.pushes = pushes; self.applications = applications
        self.creditLines = creditLines; self.loans = loans; self.alerts = alerts; self.claims = claims
    }
}
