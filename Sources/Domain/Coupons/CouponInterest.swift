/// The interest a coupon makes the lender forgo, computed from the loan's own schedule and ledger.
///
/// Rules (all in cents, each rounding the schedule's own):
/// - An installment's interest is charged on the principal outstanding at the start of its month (its *base*; see
///   `RepaymentSchedule`). Its forgone interest is what the contract rate would have charged on the same base for the same
///   months, less the interest the loan actually charges: `contractRate.interest(base, months) − installment.interest`.
///   Each side is rounded half up to the cent as the schedule rounds it, so the figure matches the ledger to the cent.
/// - The base of installment *i* in the current plan is the principal of installments *i…n* plus every prepayment made
///   while installment *i* or a later one was current (a prepayment re-plans only the installments after the current
///   one, so the earlier ones keep the base they were charged on). A 到期一次还本付息 loan's single installment is charged
///   for the whole term.
/// - An interest-share coupon's forgone interest is capped at its cap over the loan (running total).
/// - **Estimate** (what the budget is charged at redemption): the forgone interest over the full schedule as disbursed.
///   Prepayments only lower later bases and no rule raises interest, so the interest actually forgone never exceeds it.
/// - **Claimable** on a day: the forgone interest of the installments whose interest the borrower has paid in full by
///   that day (the lender forwent it once it collected the rest).
public enum CouponInterest {
    public struct Line: Sendable, Equatable {
        public var installment: Int
        public var due: Day
        public var base: Cents
        /// What the contract rate would have charged.
        public var contractInterest: Cents
        /// What the loan charges.
        public var interest: Cents
        /// Forgone (after any cap).
        public var forgone: Cents
        /// The installment's interest has been paid in full (as of the position's day).
        public var interestPaid: Bool
    }

    /// The forgone interest of every installment of `ledger`'s plan as of `day` (repayments up to it), capped at `cap`.
    public static func lines(_ ledger: LoanLedger, contractRate: AnnualRate, cap: Cents?, asOf day: Day) -> [Line] {
        let position = ledger.position(asOf: day)
        let schedule = ledger.schedule
        let plan = position.installments
        var later = Cents.zero
        var bases: [Cents] = Array(repeating: .zero, count: plan.count)
        for index in plan.indices.reversed() {
            later = later + plan[index].installment.principal
            let number = plan[index].installment.number
            let prepaid = position.prepayments.filter { $0.afterInstallment >= number }.reduce(Cents.zero) { $0 + $1.principal }
            bases[index] = later + prepaid
        }
        let months = schedule.method == .bullet ? schedule.termMonths : 1
        var total = Cents.zero
        return plan.indices.map { index in
            let p = plan[index]
            let contract = contractRate.interest(on: bases[index], months: months)
            var forgone = max(contract - p.installment.interest, .zero)
            if let cap { forgone = min(forgone, max(cap - total, .zero)) }
            total = total + forgone
            return Line(installment: p.installment.number, due: p.installment.due, base: bases[index], contractInterest: contract,
                        interest: p.installment.interest, forgone: forgone, interestPaid: p.paidInterest == p.installment.interest)
        }
    }

    /// The forgone interest over the full schedule of a loan just disbursed (no repayments): the budget's charge.
    public static func estimate(_ schedule: RepaymentSchedule, contractRate: AnnualRate, cap: Cents?) -> Cents {
        lines(LoanLedger(schedule: schedule), contractRate: contractRate, cap: cap, asOf: schedule.start)
            .reduce(.zero) { $0 + $1.forgone }
    }

    /// The forgone interest the lender may claim as of `day`: that of installments whose interest is paid in full.
    public static func claimable(_ ledger: LoanLedger, contractRate: AnnualRate, cap: Cents?, asOf day: Day) -> (amount: Cents, installments: Int) {
        let paid = lines(ledger, contractRate: contractRate, cap: cap, asOf: day).filter(\.interestPaid)
        return (paid.reduce(.zero) { $0 + $1.forgone }, paid.count)
    }

    /// The loan's rate once the coupon is applied to `terms` disbursed on `start`, and the estimate charged for it.
    /// A rate cut lowers the rate by its points (not below zero). An interest share lowers it by that share of the rate,
    /// rounded down to a whole basis point (a schedule's rate is whole basis points); when the estimate at that rate would
    /// exceed the cap, by the largest whole-basis-point cut whose estimate stays within the cap.
    public static func apply(_ face: CouponFace, to terms: LoanTerms, start: Day) throws(DomainError) -> (rate: AnnualRate, estimate: Cents) {
        let contract = terms.rate
        func estimate(cut: Int) throws(DomainError) -> Cents {
            var t = terms
            t.rate = AnnualRate(basisPoints: contract.basisPoints - cut)
            return Self.estimate(try t.schedule(start: start), contractRate: contract, cap: nil)
        }
        switch face {
        case .rateCut(let bp):
            let cut = min(bp, contract.basisPoints)
            return (AnnualRate(basisPoints: contract.basisPoints - cut), try estimate(cut: cut))
        case .interestShare(let bp, let cap):
            var cut = contract.basisPoints * bp / 10_000
            var cost = try estimate(cut: cut)
            if cost > cap {
                // The estimate grows with the cut: search the largest cut within the cap.
                var low = 0, high = cut
                while low < high {
                    let mid = (low + high + 1) / 2
                    if try estimate(cut: mid) <= cap { low = mid } else { high = mid - 1 }
                }
                cut = low
                cost = try estimate(cut: cut)
            }
            return (AnnualRate(basisPoints: contract.basisPoints - cut), cost)
        }
    }
}
