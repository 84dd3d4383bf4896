/// A change the statistics are kept up to date by: the service that made the change emits one, carrying what it
/// knew at the time (the firm's district that day, the loan's class before a repayment), and the monthly
/// aggregates are adjusted by it alone, without reading anything else.
public struct StatEvent: Hashable, Sendable, Codable {
    public var day: Day
    public var change: Change

    public init(day: Day, _ change: Change) { self.day = day; self.change = change }

    public enum Change: Hashable, Sendable, Codable {
        case firmRegistered(firm: String, dims: StatDims)
        /// The firm's district changed on `day`, carrying what it held at the end of the day before: those stocks
        /// move with it.
        case firmMoved(firm: String, from: StatDims, to: StatDims, registered: Bool, standings: Set<FirmStanding>)
        case standingChanged(firm: String, dims: StatDims, standing: FirmStanding, held: Bool)
        case institutionOnline(institution: String, online: Bool)
        case productOnline(product: String, institution: String, online: Bool)

        case datasetExpected(key: String, department: String, month: StatMonth)
        case batchReceived(StatBatch)

        case demandPublished(dims: StatDims, amount: Cents)
        case demandTaken(dims: StatDims, publishedOn: Day)
        case demandSatisfied(dims: StatDims, publishedOn: Day, amount: Cents)
        /// The taker's first follow-up step, and the outcome (`converted`: turned into an application; else declined).
        case demandFollowedUp(dims: StatDims, publishedOn: Day)
        case demandConcluded(dims: StatDims, publishedOn: Day, converted: Bool)
        case firmPushed(dims: StatDims)
        case pushContacted(dims: StatDims, pushedOn: Day)
        case pushDecided(dims: StatDims, pushedOn: Day)

        case applicationFiled(dims: StatDims)
        case applicationDecided(dims: StatDims, appliedOn: Day, approved: Bool, automatic: Bool)
        case applicationDisbursed(dims: StatDims, appliedOn: Day)
        case creditLineGranted(firm: String, dims: StatDims, amount: Cents)

        case loanDisbursed(StatDisbursement)
        /// Principal repaid while the loan was in `loanClass`.
        case loanRepaid(dims: StatDims, principal: Cents, loanClass: LoanClass)
        case loanReclassified(dims: StatDims, from: LoanClass, to: LoanClass, outstanding: Cents)
        case loanOverdueChanged(dims: StatDims, from: Cents, to: Cents)

        case alertRaised(dims: StatDims, level: WarningLevel)
        case alertHandled(dims: StatDims, raisedOn: Day)
        case claimFiled(dims: StatDims, amount: Cents)
        /// Paid on `day`, counted under the dimensions of the claim's filing.
        case claimPaid(dims: StatDims, amount: Cents)
    }
}

/// What a disbursement adds: the loan's features and the dimensions it will be counted under for its whole life.
public struct StatDisbursement: Hashable, Sendable, Codable {
    public var firm: String
    public var dims: StatDims
    public var amount: Cents
    public var rate: AnnualRateBasisPoints
    public var isCreditLoan: Bool
    public var isFirstLoan: Bool
    public var isRenewal: Bool

    public init(firm: String, dims: StatDims, amount: Cents, rate: AnnualRateBasisPoints, isCreditLoan: Bool,
                isFirstLoan: Bool, isRenewal: Bool) {
        self.firm = firm; self.dims = dims; self.amount = amount; self.rate = rate; self.isCreditLoan = isCreditLoan
        self.isFirstLoan = isFirstLoan; self.isRenewal = isRenewal
    }
}
