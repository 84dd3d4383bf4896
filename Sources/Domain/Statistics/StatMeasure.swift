/// The additive parts every indicator is computed from. A flow measure is summed over the period's days; a stock
/// measure is kept as changes (+1 when a firm registers, −amount when a loan is repaid) and summed over every day up
/// to the period's last, which gives the stock on that day.
public enum StatMeasure: String, CaseIterable, Sendable, Codable, Hashable {
    // Platform (stocks, except new registrations).
    case firmsRegistered, firmsNewlyRegistered, firmsAuthorised, firmsCommitted, institutionsOnline, productsOnline
    // Data collection, by the month the data covers.
    case datasetsExpected, recordsReceived, recordsRejected
    // Demand side, by the month the demand was published / the firm pushed.
    case demandsPublished, demandAmount, demandsTaken, demandsSatisfied, demandSatisfiedAmount
    case demandsFollowedUp, demandsConverted, demandsDeclined
    case pushes, pushesContacted, pushesDecidedWithin30Days
    // Lending: applications by the month applied; lines and loans by the day granted or disbursed.
    case applications, approvals, autoApprovals
    case creditLines, creditLineAmount
    case loans, loanAmount, creditLoans, creditLoanAmount, firstLoanAmount, renewals, renewalAmount
    /// Σ amount (cents) × rate (basis points) of loans disbursed: the numerator of the amount-weighted average rate.
    case loanAmountTimesRate
    // Risk: balances by five-tier class and overdue (stocks).
    case balanceNormal, balanceSpecialMention, balanceSubstandard, balanceDoubtful, balanceLoss
    case overdueBalance, overdueLoans
    // Alerts by the month raised.
    case alertsGreen, alertsBlue, alertsYellow, alertsOrange, alertsRed, alertsHandled
    // Lists: listed firms is a stock, new listings a flow.
    case listedFirms, newListings
    // Fund claims by the day filed; payouts by the day paid.
    case claimsFiled, claimedAmount, claimsPaid, payoutAmount

    public var isStock: Bool {
        switch self {
        case .firmsRegistered, .firmsAuthorised, .firmsCommitted, .institutionsOnline, .productsOnline,
             .balanceNormal, .balanceSpecialMention, .balanceSubstandard, .balanceDoubtful, .balanceLoss,
             .overdueBalance, .overdueLoans, .listedFirms:
            true
        default:
            false
        }
    }

    /// Position in `StatMeasures.counters`.
    public var index: Int { Self.indexes[self]! }
    /// Positions of the stock measures (added for the months before a period).
    static let stockIndexes: [Int] = allCases.enumerated().filter { $0.element.isStock }.map(\.offset)
    static let indexes: [StatMeasure: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    public static func balance(_ loanClass: LoanClass) -> StatMeasure {
        switch loanClass {
        case .normal: .balanceNormal
        case .specialMention: .balanceSpecialMention
        case .substandard: .balanceSubstandard
        case .doubtful: .balanceDoubtful
        case .loss: .balanceLoss
        }
    }

    public static func alerts(_ level: WarningLevel) -> StatMeasure {
        switch level {
        case .green: .alertsGreen
        case .blue: .alertsBlue
        case .yellow: .alertsYellow
        case .orange: .alertsOrange
        case .red: .alertsRed
        }
    }
}

/// Counts of distinct things (firms, datasets): kept as sets of ids, merged by union, so a firm with loans in two
/// months or at two banks counts once in the quarter or the city.
public enum StatDistinct: String, CaseIterable, Sendable, Codable, Hashable {
    /// Expected (department, dataset, month) slots with at least one batch received.
    case datasetsReceived
    /// Slots whose first batch came on or before the due day.
    case datasetsOnTime
    case creditLineFirms, loanFirms, firstLoanFirms

    public var index: Int { Self.allCases.firstIndex(of: self)! }
}

/// Durations in whole days, kept as exact histograms so percentiles over any set of cells are exact.
public enum StatDuration: String, CaseIterable, Sendable, Codable, Hashable {
    /// Demand published → taken by an institution.
    case daysToTake
    /// Loan application → first disbursement.
    case daysApplicationToDisbursement
    /// Alert raised → handled.
    case daysToHandleAlert

    public var index: Int { Self.allCases.firstIndex(of: self)! }
}
