/// A firm's repayment history on the platform, from its loans' ledgers: when it began and the last day any
/// installment was overdue — what the red list's clean-history criterion and the on-time repayers' page read.
public struct RepaymentHistory: Sendable, Equatable {
    /// The first loan's disbursement day; nil without a loan.
    public var firstLoanOn: Day?
    /// The last day an installment was overdue (today when one is overdue now); nil when none ever was.
    public var lastOverdueOn: Day?
    /// Installments paid so far, across the loans.
    public var installmentsPaid: Int

    public init(ledgers: [LoanLedger], today: Day) {
        firstLoanOn = ledgers.map(\.schedule.start).min()
        var lastOverdue: Day?
        var paid = 0
        for ledger in ledgers {
            for position in ledger.position(asOf: today).installments {
                let due = position.installment.due
                if let paidOn = position.paidOn, position.remaining == .zero {
                    paid += 1
                    // Paid after its due day: overdue from the day after the due day to the eve of payment.
                    if paidOn > due { lastOverdue = max(lastOverdue ?? paidOn.adding(days: -1), paidOn.adding(days: -1)) }
                } else if due < today {
                    lastOverdue = today
                }
            }
        }
        lastOverdueOn = lastOverdue
        installmentsPaid = paid
    }

    /// Repaid on time so far: at least one installment paid and none ever overdue.
    public var isCleanWithPayments: Bool { installmentsPaid > 0 && lastOverdueOn == nil }
}
