/// A loan application (贷款申请) and its decision.
public struct StatApplication: Hashable, Sendable, Codable {
    public var id: String
    public var firm: String
    public var institution: String
    public var product: String?
    public var appliedOn: Day
    /// Nil while undecided.
    public var decision: Decision?
    /// The first disbursement under it.
    public var disbursedOn: Day?

    public struct Decision: Hashable, Sendable, Codable {
        public var approved: Bool
        /// Approved by the platform's auto-approval rules, without a person.
        public var automatic: Bool
        public var on: Day
        public init(approved: Bool, automatic: Bool = false, on: Day) {
            self.approved = approved; self.automatic = automatic; self.on = on
        }
    }

    public init(id: String, firm: String, institution: String, product: String? = nil, appliedOn: Day,
                decision: Decision? = nil, disbursedOn: Day? = nil) {
        self.id = id; self.firm = firm; self.institution = institution; self.product = product
        self.appliedOn = appliedOn; self.decision = decision; self.disbursedOn = disbursedOn
    }
}

/// A credit line granted (授信).
public struct StatCreditLine: Hashable, Sendable, Codable {
    public var firm: String
    public var institution: String
    public var product: String?
    public var grantedOn: Day
    public var amount: Cents

    public init(firm: String, institution: String, product: String? = nil, grantedOn: Day, amount: Cents) {
        self.firm = firm; self.institution = institution; self.product = product; self.grantedOn = grantedOn
        self.amount = amount
    }
}

/// A loan disbursed, with its features at disbursement and everything that happened to it since, oldest first.
public struct StatLoan: Hashable, Sendable, Codable {
    public var id: String
    public var firm: String
    public var institution: String
    public var product: String?
    public var disbursedOn: Day
    public var amount: Cents
    public var rate: AnnualRateBasisPoints
    /// 信用贷款: no collateral and no guarantee.
    public var isCreditLoan: Bool
    /// The firm's first loan ever (首贷), as the institution reports it.
    public var isFirstLoan: Bool
    /// 无还本续贷: renews a loan without the principal being repaid first.
    public var isRenewal: Bool
    public var changes: [StatLoanChange]

    public init(id: String, firm: String, institution: String, product: String? = nil, disbursedOn: Day, amount: Cents,
                rate: AnnualRateBasisPoints, isCreditLoan: Bool = false, isFirstLoan: Bool = false, isRenewal: Bool = false,
                changes: [StatLoanChange] = []) {
        self.id = id; self.firm = firm; self.institution = institution; self.product = product
        self.disbursedOn = disbursedOn; self.amount = amount; self.rate = rate; self.isCreditLoan = isCreditLoan
        self.isFirstLoan = isFirstLoan; self.isRenewal = isRenewal; self.changes = changes
    }

    /// Outstanding principal, class and overdue amount at the end of `day`; nil before disbursement.
    public func position(on day: Day) -> StatLoanPosition? {
        guard disbursedOn <= day else { return nil }
        var position = StatLoanPosition(outstanding: amount, loanClass: .normal, overdue: .zero)
        for change in changes where change.day <= day {
            switch change.kind {
            case .repaid(let principal): position.outstanding = position.outstanding - principal
            case .reclassified(let loanClass): position.loanClass = loanClass
            case .overdue(let amount): position.overdue = amount
            }
        }
        return position
    }
}

/// A rate in basis points of a percent (435 = 4.35 %), as `AnnualRate` keeps it.
public typealias AnnualRateBasisPoints = Int

public struct StatLoanPosition: Hashable, Sendable, Codable {
    public var outstanding: Cents
    public var loanClass: LoanClass
    /// Principal and interest past due.
    public var overdue: Cents
}

/// One thing that happened to a loan.
public struct StatLoanChange: Hashable, Sendable, Codable {
    public var day: Day
    public var kind: Kind

    public enum Kind: Hashable, Sendable, Codable {
        /// Principal repaid (or written off).
        case repaid(Cents)
        /// Moved to another five-tier class.
        case reclassified(LoanClass)
        /// The amount past due became this (zero when cured).
        case overdue(Cents)
    }

    public init(day: Day, _ kind: Kind) { self.day = day; self.kind = kind }
}
