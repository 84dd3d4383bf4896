/// A pre-approved offer (预授信额度) made to one firm by a run: what the firm and the bank see. It holds no features
/// of the firm, only the outcome and its reasons.
public struct PreapprovalOffer: Sendable, Equatable, Hashable, Codable {
    public enum Status: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case offered, accepted
        /// Replaced by a later run of the same product.
        case superseded

        public var label: String {
            switch self {
            case .offered: "待接受"
            case .accepted: "已接受"
            case .superseded: "已被新批次替代"
            }
        }
    }

    public var id: Int64
    public var runID: Int64
    public var institutionID: Int64
    public var institutionName: String
    public var productID: Int64
    public var productName: String
    public var uscc: String
    public var firmName: String
    public var status: Status
    public var limit: Cents
    public var rate: AnnualRate
    public var rates: RateRange
    public var termMonths: Int
    public var probability: DefaultProbability
    /// The last day the firm may accept.
    public var validUntil: Day
    public var reasons: [String]
    /// The line it became, once accepted.
    public var lineID: Int64?

    public init(id: Int64, runID: Int64, institutionID: Int64, institutionName: String, productID: Int64, productName: String,
                uscc: String, firmName: String, status: Status, limit: Cents, rate: AnnualRate, rates: RateRange, termMonths: Int,
                probability: DefaultProbability, validUntil: Day, reasons: [String], lineID: Int64? = nil) {
        self.id = id; self.runID = runID; self.institutionID = institutionID; self.institutionName = institutionName
        self.productID = productID; self.productName = productName; self.uscc = uscc; self.firmName = firmName
        self.status = status; self.limit = limit; self.rate = rate; self.rates = rates; self.termMonths = termMonths
        self.probability = probability; self.validUntil = validUntil; self.reasons = reasons; self.lineID = lineID
    }

    /// Whether the firm can still accept it on `day` (expired offers vanish from the firm's pages).
    public func isOpen(on day: Day) -> Bool { status == .offered && day <= validUntil }

    /// The status as shown on `day`: an offer not taken by its last day is 已过期.
    public func statusLabel(on day: Day) -> String {
        status == .offered && day > validUntil ? "已过期" : status.label
    }
}

/// One pre-approval run: who ran it for which product, on what (source, table, the recommended list), what it
/// found, and the digest of its offers (the transparency log's entry carries the same digest).
public struct PreapprovalRun: Sendable, Equatable, Hashable, Codable {
    public var id: Int64
    public var institutionID: Int64
    public var productID: Int64
    public var productName: String
    public var source: ProbabilitySource
    public var table: PreapprovalTable
    public var scaling: ScorecardScaling?
    public var requireRecommended: Bool
    public var validUntil: Day
    public var ranOn: Day
    public var ranBy: String
    /// Firms in the eligible universe (registered, an active enterprise account, not listed).
    public var universe: Int
    /// Left out before pricing, by reason (blacklisted, not recommended, no probability, …).
    public var excluded: [String: Int]
    /// Priced without an offer, by reason.
    public var declined: [String: Int]
    public var offers: Int
    public var offeredTotal: Cents
    public var offersDigest: String
    /// Milliseconds the run took.
    public var elapsedMillis: Int

    public init(id: Int64, institutionID: Int64, productID: Int64, productName: String, source: ProbabilitySource,
                table: PreapprovalTable, scaling: ScorecardScaling?, requireRecommended: Bool, validUntil: Day, ranOn: Day,
                ranBy: String, universe: Int, excluded: [String: Int], declined: [String: Int], offers: Int, offeredTotal: Cents,
                offersDigest: String, elapsedMillis: Int) {
        self.id = id; self.institutionID = institutionID; self.productID = productID; self.productName = productName
        self.source = source; self.table = table; self.scaling = scaling; self.requireRecommended = requireRecommended
        self.validUntil = validUntil; self.ranOn = ranOn; self.ranBy = ranBy; self.universe = universe
        self.excluded = excluded; self.declined = declined; self.offers = offers; self.offeredTotal = offeredTotal
        self.offersDigest = offersDigest; self.elapsedMillis = elapsedMillis
    }
}

/// A revolving line as stored: the ledger with who holds it and from which offer.
public struct CreditLine: Sendable, Equatable, Hashable, Codable {
    public var id: Int64
    public var offerID: Int64
    public var institutionID: Int64
    public var institutionName: String
    public var productID: Int64
    public var productName: String
    public var uscc: String
    public var firmName: String
    public var ledger: CreditLineLedger
    /// The class the lender reported, a floor for the computed one.
    public var reportedClass: LoanClass?

    public init(id: Int64, offerID: Int64, institutionID: Int64, institutionName: String, productID: Int64, productName: String,
                uscc: String, firmName: String, ledger: CreditLineLedger, reportedClass: LoanClass? = nil) {
        self.id = id; self.offerID = offerID; self.institutionID = institutionID; self.institutionName = institutionName
        self.productID = productID; self.productName = productName; self.uscc = uscc; self.firmName = firmName
        self.ledger = ledger; self.reportedClass = reportedClass
    }

    public func position(asOf day: Day) -> CreditLinePosition { ledger.position(asOf: day) }

    public func classification(asOf day: Day, thresholds: ClassificationThresholds) -> LoanClass {
        ledger.position(asOf: day).classification(thresholds: thresholds, atLeast: reportedClass ?? .normal)
    }
}
