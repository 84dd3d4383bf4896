/// An installment of the current plan with what has been paid towards it by a day.
public struct InstallmentPosition: Hashable, Sendable {
    public var installment: Installment
    public var paidInterest: Cents
    public var paidPrincipal: Cents
    /// The day the installment was fully paid, if it was.
    public var paidOn: Day?
    public var status: InstallmentStatus

    public init(installment: Installment, paidInterest: Cents, paidPrincipal: Cents, paidOn: Day?,
                status: InstallmentStatus) {
        self.installment = installment; self.paidInterest = paidInterest; self.paidPrincipal = paidPrincipal
        self.paidOn = paidOn; self.status = status
    }

    public var paid: Cents { paidInterest + paidPrincipal }
    public var unpaidInterest: Cents { installment.interest - paidInterest }
    public var unpaidPrincipal: Cents { installment.principal - paidPrincipal }
    public var remaining: Cents { installment.total - paid }
}
