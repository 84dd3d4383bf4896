/// Where a loan stands at the end of a day, counting the repayments made up to and including it.
public struct LoanPosition: Hashable, Sendable {
    public var asOf: Day
    /// The current plan (re-planned after prepayments) with what was paid towards each installment.
    public var installments: [InstallmentPosition]
    public var prepayments: [Prepayment]
    /// The day the last repayment settled the loan, if it is settled.
    public var settledOn: Day?
    /// What would settle the loan today (see `LoanLedger`).
    public var payoffAmount: Cents

    public init(asOf: Day, installments: [InstallmentPosition], prepayments: [Prepayment], settledOn: Day?,
                payoffAmount: Cents) {
        self.asOf = asOf; self.installments = installments; self.prepayments = prepayments
        self.settledOn = settledOn; self.payoffAmount = payoffAmount
    }

    public var isSettled: Bool { settledOn != nil }

    /// Principal not yet repaid, whether due or not.
    public var outstandingPrincipal: Cents { installments.reduce(.zero) { $0 + $1.unpaidPrincipal } }

    /// Unpaid principal and interest of the installments due on or before `asOf`.
    public var amountDue: Cents {
        installments.filter { $0.installment.due <= asOf }.reduce(.zero) { $0 + $1.remaining }
    }

    /// Unpaid principal and interest of the installments due before `asOf` (an installment is overdue from
    /// the day after its due day).
    public var amountOverdue: Cents {
        installments.filter { $0.installment.due < asOf }.reduce(.zero) { $0 + $1.remaining }
    }

    /// Unpaid principal of the overdue installments.
    public var overduePrincipal: Cents {
        installments.filter { $0.installment.due < asOf }.reduce(.zero) { $0 + $1.unpaidPrincipal }
    }

    /// Days since the oldest due day that has passed with something still unpaid; 0 when nothing is overdue.
    /// An installment due 03-10 and unpaid is 1 day overdue on 03-11.
    public var overdueDays: Int {
        guard let oldest = installments.first(where: { $0.installment.due < asOf && $0.remaining.isPositive })
        else { return 0 }
        return LoanCalendar.days(from: oldest.installment.due, to: asOf)
    }

    public func classification(thresholds: ClassificationThresholds = .default) -> LoanClass {
        thresholds.classify(overdueDays: overdueDays)
    }
}
