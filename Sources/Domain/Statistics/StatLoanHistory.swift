/// A loan's changes as the statistics count them, derived from its ledger: the loan is looked at on the last day of
/// every month since its disbursement and on `today`, each time with the repayments the platform had been told of by
/// then (a repayment reported late is counted in the month it was reported, so a closed month never moves), and
/// every difference from the look before becomes a change (principal repaid in the old class, then the new class,
/// then the new amount past due). Monthly cells only see month-end states, so looking more often (the daily
/// refresh) adds up to the same cells.
public enum StatLoanHistory {
    public struct ReportedRepayment: Sendable, Equatable {
        public var repayment: Repayment
        public var reportedOn: Day
        public init(_ repayment: Repayment, reportedOn: Day) { self.repayment = repayment; self.reportedOn = reportedOn }
    }

    /// The days a loan is looked at: each month's last day from the disbursement month on, before `today`, then
    /// `today`.
    public static func lookDays(from start: Day, through today: Day) -> [Day] {
        guard start <= today else { return [] }
        var days: [Day] = []
        var month = StatMonth(start)
        let last = StatMonth(today)
        while month < last {
            days.append(month.lastDay)
            month = month.adding(months: 1)
        }
        days.append(today)
        return days
    }

    /// `floor` is the class the institution reported, applied on `today` only (its history is not kept).
    public static func changes(schedule: RepaymentSchedule, repayments: [ReportedRepayment], thresholds: ClassificationThresholds,
                               floor: LoanClass? = nil, through today: Day) -> [StatLoanChange] {
        var changes: [StatLoanChange] = []
        var outstanding = schedule.principal, loanClass = LoanClass.normal, overdue = Cents.zero
        let sorted = repayments.sorted { ($0.repayment.day, $0.reportedOn) < ($1.repayment.day, $1.reportedOn) }
        for day in lookDays(from: schedule.start, through: today) {
            let known = sorted.filter { $0.reportedOn <= day && $0.repayment.day <= day }.map(\.repayment)
            guard let ledger = try? LoanLedger(schedule: schedule, repayments: known) else { continue }
            let position = ledger.position(asOf: day)
            let newOutstanding = position.outstandingPrincipal
            let newClass = thresholds.classify(overdueDays: position.overdueDays, atLeast: day == today ? floor ?? .normal : .normal)
            let newOverdue = position.amountOverdue
            if newOutstanding != outstanding { changes.append(StatLoanChange(day: day, .repaid(outstanding - newOutstanding))) }
            if newClass != loanClass { changes.append(StatLoanChange(day: day, .reclassified(newClass))) }
            if newOverdue != overdue { changes.append(StatLoanChange(day: day, .overdue(newOverdue))) }
            outstanding = newOutstanding; loanClass = newClass; overdue = newOverdue
        }
        return changes
    }
}
