/// Applies repayments one by one to a schedule (see `LoanLedger` for the rules).
struct LedgerReplay: Sendable {
    let schedule: RepaymentSchedule
    private(set) var plan: [Installment]
    private(set) var paidInterest: [Cents]
    private(set) var paidPrincipal: [Cents]
    private(set) var paidOn: [Day?]
    private(set) var prepayments: [Prepayment] = []
    private(set) var settledOn: Day?
    private(set) var lastRepaymentDay: Day?

    init(schedule: RepaymentSchedule) {
        self.schedule = schedule
        plan = schedule.installments
        paidInterest = Array(repeating: .zero, count: plan.count)
        paidPrincipal = Array(repeating: .zero, count: plan.count)
        paidOn = Array(repeating: nil, count: plan.count)
        if plan.allSatisfy({ $0.total == .zero }) { settledOn = schedule.start }
    }

    /// The index of the first installment not yet due on `day` (due after it), or nil after maturity.
    func currentIndex(on day: Day) -> Int? { plan.firstIndex { $0.due > day } }

    func remaining(_ index: Int) -> Cents {
        plan[index].total - paidInterest[index] - paidPrincipal[index]
    }

    /// What settles the loan on `day`: everything unpaid of the installments up to and including the
    /// current one (its whole month's interest included), plus the principal of all later installments.
    func payoff(on day: Day) -> Cents {
        let current = currentIndex(on: day) ?? plan.count - 1
        var total = Cents.zero
        for index in plan.indices {
            total = total + (index <= current ? remaining(index) : plan[index].principal)
        }
        return total
    }

    mutating func apply(_ repayment: Repayment) throws(DomainError) {
        guard repayment.amount.isPositive else {
            throw .invalidInput(field: "amount", reason: "还款金额必须大于零")
        }
        guard repayment.day >= schedule.start else {
            throw .invalidInput(field: "day", reason: "还款日期\(repayment.day)早于放款日期\(schedule.start)")
        }
        if let last = lastRepaymentDay, repayment.day < last {
            throw .invalidInput(field: "day", reason: "还款须按日期先后登记，\(repayment.day)早于上一笔\(last)")
        }
        if settledOn != nil { throw .conflict("贷款已结清，不能再登记还款") }
        let payoff = payoff(on: repayment.day)
        guard repayment.amount <= payoff else {
            throw .invalidInput(field: "amount", reason: "还款金额\(repayment.amount.yuanText)超过结清所需\(payoff.yuanText)")
        }
        lastRepaymentDay = repayment.day
        var left = repayment.amount
        let current = currentIndex(on: repayment.day) ?? plan.count - 1
        for index in plan.indices where index <= current && left.isPositive {
            let interest = min(left, plan[index].interest - paidInterest[index])
            paidInterest[index] = paidInterest[index] + interest
            left = left - interest
            let principal = min(left, plan[index].principal - paidPrincipal[index])
            paidPrincipal[index] = paidPrincipal[index] + principal
            left = left - principal
            if paidOn[index] == nil && remaining(index) == .zero { paidOn[index] = repayment.day }
        }
        if left.isPositive { prepay(left, after: current, on: repayment.day) }
        if plan.indices.allSatisfy({ remaining($0) == .zero }) { settledOn = repayment.day }
    }

    /// Reduces the principal of the installments after `current` by `amount` and re-plans them over the same
    /// due days with the loan's method; a prepayment of all of it removes them.
    private mutating func prepay(_ amount: Cents, after current: Int, on day: Day) {
        let later = plan[(current + 1)...]
        let balance = later.reduce(Cents.zero) { $0 + $1.principal } - amount
        let replanned = balance == .zero ? [] : RepaymentSchedule.plan(
            principal: balance, rate: schedule.rate, method: schedule.method,
            dueDates: later.map(\.due), firstNumber: plan[current].number + 1)
        plan = Array(plan[...current]) + replanned
        let kept = current + 1
        paidInterest = Array(paidInterest[..<kept]) + replanned.map { _ in .zero }
        paidPrincipal = Array(paidPrincipal[..<kept]) + replanned.map { _ in .zero }
        paidOn = Array(paidOn[..<kept]) + replanned.map { _ in nil }
        prepayments.append(Prepayment(day: day, principal: amount, afterInstallment: plan[current].number))
    }
}
