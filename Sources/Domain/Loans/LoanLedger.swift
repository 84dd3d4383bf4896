/// A loan's schedule and the repayments made on it, from which its position on any day follows.
///
/// How a repayment made on day d is applied:
/// 1. To the installments in order, oldest first, each one's interest before its principal, up to and
///    including the *current* installment (the first one due after d). Paying less is a partial payment;
///    paying the current installment before its due day is simply paying it early. A month's interest is
///    owed in full once the month has begun (interest accrues by whole months; see `RepaymentSchedule`), so
///    the current installment's interest is never reduced by paying early.
/// 2. Anything beyond that is a prepayment of principal. It reduces the principal of the installments after
///    the current one, which are re-planned with the loan's method over the same remaining due days:
///    the term is kept and the payments fall (等额本息: a new, lower level payment). Prepaying all of that
///    principal settles the loan as soon as the current installment is paid too, and drops the later
///    installments. A 到期一次还本付息 loan has a single installment, so settling it early costs the whole
///    agreed interest.
/// 3. A repayment must be positive, not before disbursement, not before the previous repayment, not after
///    the loan is settled, and not more than the payoff amount (`LoanPosition.payoffAmount`).
public struct LoanLedger: Hashable, Sendable, Codable {
    public let schedule: RepaymentSchedule
    public private(set) var repayments: [Repayment]

    public init(schedule: RepaymentSchedule) {
        self.schedule = schedule
        self.repayments = []
    }

    /// A ledger with `repayments` already made, in date order; throws the first one that cannot be applied.
    public init(schedule: RepaymentSchedule, repayments: [Repayment]) throws(DomainError) {
        var replay = LedgerReplay(schedule: schedule)
        for repayment in repayments { try replay.apply(repayment) }
        self.schedule = schedule
        self.repayments = repayments
    }

    /// Records a repayment, or throws why it cannot be accepted (leaving the ledger unchanged).
    public mutating func record(_ repayment: Repayment) throws(DomainError) {
        var replay = replayed(upTo: nil)
        try replay.apply(repayment)
        repayments.append(repayment)
    }

    public func recording(_ repayment: Repayment) throws(DomainError) -> LoanLedger {
        var copy = self
        try copy.record(repayment)
        return copy
    }

    /// The loan at the end of `day`, counting the repayments made on or before it.
    public func position(asOf day: Day) -> LoanPosition {
        let replay = replayed(upTo: day)
        let installments = replay.plan.indices.map { index in
            let installment = replay.plan[index]
            let paid = replay.paidInterest[index] + replay.paidPrincipal[index]
            let status: InstallmentStatus =
                replay.remaining(index) == .zero ? .paid
                : installment.due < day ? .overdue
                : installment.due == day ? .due
                : paid.isPositive ? .partiallyPaid : .future
            return InstallmentPosition(installment: installment, paidInterest: replay.paidInterest[index],
                                       paidPrincipal: replay.paidPrincipal[index], paidOn: replay.paidOn[index],
                                       status: status)
        }
        return LoanPosition(asOf: day, installments: installments, prepayments: replay.prepayments,
                            settledOn: replay.settledOn, payoffAmount: replay.settledOn == nil ? replay.payoff(on: day) : .zero)
    }

    public func outstandingPrincipal(asOf day: Day) -> Cents { position(asOf: day).outstandingPrincipal }
    public func amountDue(asOf day: Day) -> Cents { position(asOf: day).amountDue }
    public func amountOverdue(asOf day: Day) -> Cents { position(asOf: day).amountOverdue }
    public func overdueDays(asOf day: Day) -> Int { position(asOf: day).overdueDays }
    public func payoffAmount(asOf day: Day) -> Cents { position(asOf: day).payoffAmount }
    public func isSettled(asOf day: Day) -> Bool { position(asOf: day).isSettled }

    /// The status of installment `number` of the current plan, or nil if the plan has no such installment
    /// (e.g. it was dropped when a prepayment settled the loan).
    public func status(ofInstallment number: Int, asOf day: Day) -> InstallmentStatus? {
        position(asOf: day).installments.first { $0.installment.number == number }?.status
    }

    public func classification(asOf day: Day, thresholds: ClassificationThresholds = .default) -> LoanClass {
        position(asOf: day).classification(thresholds: thresholds)
    }

    private func replayed(upTo day: Day?) -> LedgerReplay {
        var replay = LedgerReplay(schedule: schedule)
        for repayment in repayments where day.map({ repayment.day <= $0 }) ?? true {
            // Every stored repayment was accepted when recorded, so replaying it cannot fail.
            try? replay.apply(repayment)
        }
        return replay
    }

    enum CodingKeys: String, CodingKey { case schedule, repayments }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let schedule = try c.decode(RepaymentSchedule.self, forKey: .schedule)
        let repayments = try c.decode([Repayment].self, forKey: .repayments)
        do {
            try self.init(schedule: schedule, repayments: repayments)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .repayments, in: c, debugDescription: error.message)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schedule, forKey: .schedule)
        try c.encode(repayments, forKey: .repayments)
    }
}
