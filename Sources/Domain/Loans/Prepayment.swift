/// Principal repaid ahead of schedule: the part of a repayment beyond every installment up to and including
/// the current one. The installments after `afterInstallment` were re-planned on the lower balance.
public struct Prepayment: Hashable, Sendable {
    public var day: Day
    public var principal: Cents
    /// The number of the current installment when the prepayment was made.
    public var afterInstallment: Int

    public init(day: Day, principal: Cents, afterInstallment: Int) {
        self.day = day; self.principal = principal; self.afterInstallment = afterInstallment
    }
}
