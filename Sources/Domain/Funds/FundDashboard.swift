/// A fund's figures for its dashboard: cash, the covered book, claims by state, payouts, recoveries, leverage, and the
/// same per institution, with the ledger they come from.
public struct FundDashboard: Sendable, Equatable {
    public struct InstitutionRow: Sendable, Equatable {
        public var institutionId: String
        public var name: String
        public var coveredLoans: Int = 0
        public var coveredAmount: Cents = .zero
        public var outstanding: Cents = .zero
        public var overdue: Cents = .zero
        public var claims: Int = 0
        public var paid: Cents = .zero
        public var recovered: Cents = .zero
        public var pause: FundPauseState = FundPauseState()
        public init(institutionId: String, name: String, pause: FundPauseState) {
            self.institutionId = institutionId; self.name = name; self.pause = pause
        }
    }

    public struct StatusCount: Sendable, Equatable {
        public var status: FundClaimStatus
        public var count: Int
        public init(status: FundClaimStatus, count: Int) { self.status = status; self.count = count }
    }

    public var programme: FundProgramme
    public var cash: Cents
    /// Approved compensation booked as payable and not yet paid.
    public var payable: Cents
    public var coveredLoans: Int
    public var coveredAmount: Cents
    /// Principal still outstanding on the covered loans.
    public var outstanding: Cents
    public var claimsByStatus: [StatusCount]
    /// The fund's part of compensation approved (fixed), paid, and recoveries returned to it.
    public var approved: Cents
    public var paid: Cents
    public var recovered: Cents
    public var institutions: [InstitutionRow]
    public var ledger: FundLedger

    public init(programme: FundProgramme, cash: Cents, payable: Cents, coveredLoans: Int, coveredAmount: Cents, outstanding: Cents,
                claimsByStatus: [StatusCount], approved: Cents, paid: Cents, recovered: Cents, institutions: [InstitutionRow],
                ledger: FundLedger) {
        self.programme = programme; self.cash = cash; self.payable = payable; self.coveredLoans = coveredLoans
        self.coveredAmount = coveredAmount; self.outstanding = outstanding; self.claimsByStatus = claimsByStatus
        self.approved = approved; self.paid = paid; self.recovered = recovered; self.institutions = institutions
        self.ledger = ledger
    }

    /// Paid ÷ covered principal and recoveries ÷ paid, in basis points (nil when the base is zero).
    public var payoutRateBasisPoints: Int? { Self.ratio(paid, coveredAmount) }
    public var recoveryRateBasisPoints: Int? { Self.ratio(recovered, paid) }
    /// Covered outstanding ÷ cash (放大倍数), in hundredths (nil without cash).
    public var leverageHundredths: Int? { Self.ratio(outstanding, cash).map { $0 / 100 } }

    public var yearStatements: [FundYearStatement] { Set(ledger.entries.map(\.day.year)).sorted().map { ledger.yearStatement($0) } }

    static func ratio(_ a: Cents, _ b: Cents) -> Int? {
        b.isPositive ? Int((Double(a.value) * 10_000 / Double(b.value)).rounded()) : nil
    }
}
