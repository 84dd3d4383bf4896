/// A loan's repayment plan.
///
/// Conventions:
/// - Interest accrues by whole months at the monthly rate annual / 12, on the principal outstanding at the
///   start of each month (the disbursement day or the previous due day); no daily proration, so every
///   month costs the same whatever its length. Each installment's interest is rounded half up to the cent.
/// - Installments fall due monthly on the disbursement's day of month, clamped to the month's end
///   (disbursed 01-31: due 02-28 or 02-29, 03-31, 04-30, …).
/// - The principal parts add up exactly to the loan; the last installment absorbs every rounding remainder.
/// - 等额本息: level payment P·r·(1+r)ⁿ/((1+r)ⁿ−1), r = annual/12, computed in `Decimal` and rounded half up
///   to the cent; each month's principal is the payment less that month's interest; the last installment
///   repays the remaining balance, so its total differs from the others by a few cents.
/// - 等额本金: principal P/n rounded down to the cent each month, the remainder with the last installment.
/// - 先息后本: interest every month, all principal with the last installment.
/// - 到期一次还本付息: a single installment at maturity with simple interest P × annual × n / 12.
public struct RepaymentSchedule: Hashable, Sendable, Codable {
    public var principal: Cents
    public var rate: AnnualRate
    public var termMonths: Int
    public var method: RepaymentMethod
    /// The disbursement day, from which due days are counted.
    public var start: Day
    public var installments: [Installment]

    public init(principal: Cents, rate: AnnualRate, termMonths: Int, method: RepaymentMethod, start: Day,
                installments: [Installment]) {
        self.principal = principal; self.rate = rate; self.termMonths = termMonths
        self.method = method; self.start = start; self.installments = installments
    }

    /// The schedule of a loan of `principal` disbursed on `start`. Requires a non-negative principal and
    /// rate and a term of at least one month (check user input with `LoanTerms.validate()` first).
    public static func make(principal: Cents, rate: AnnualRate, termMonths: Int, method: RepaymentMethod,
                            start: Day) -> RepaymentSchedule {
        precondition(termMonths >= 1, "a loan runs for at least one month")
        precondition(principal.value >= 0 && rate.basisPoints >= 0, "principal and rate must not be negative")
        let dueDates = LoanCalendar.monthlyDueDates(start: start, count: termMonths)
        let installments = plan(principal: principal, rate: rate, method: method, dueDates: dueDates, firstNumber: 1)
        return RepaymentSchedule(principal: principal, rate: rate, termMonths: termMonths, method: method,
                                 start: start, installments: installments)
    }

    /// The day the last installment is due.
    public var maturity: Day { installments.last?.due ?? start }
    public var totalInterest: Cents { installments.reduce(.zero) { $0 + $1.interest } }
    public var totalPayment: Cents { installments.reduce(.zero) { $0 + $1.total } }

    /// Installments repaying `principal` over the monthly `dueDates` (the balance is outstanding from the
    /// month before the first of them), numbered from `firstNumber`. Also used to re-plan the rest of a
    /// loan after a prepayment.
    static func plan(principal: Cents, rate: AnnualRate, method: RepaymentMethod, dueDates: [Day],
                     firstNumber: Int) -> [Installment] {
        let periods = dueDates.count
        guard periods > 0 else { return [] }
        if method == .bullet {
            let interest = rate.interest(on: principal, months: periods)
            return [Installment(number: firstNumber, due: dueDates[periods - 1], principal: principal, interest: interest)]
        }
        let payment = method == .equalInstallment
            ? LoanMath.annuityPayment(principal: principal, rate: rate, periods: periods) : .zero
        let equalPart = Cents(principal.value / Int64(periods))
        var balance = principal
        var installments: [Installment] = []
        for (index, due) in dueDates.enumerated() {
            let interest = rate.interest(on: balance)
            let isLast = index == periods - 1
            let part: Cents
            switch method {
            case .equalInstallment: part = isLast ? balance : min(max(payment - interest, .zero), balance)
            case .equalPrincipal: part = isLast ? balance : min(equalPart, balance)
            case .interestFirst, .bullet: part = isLast ? balance : .zero
            }
            installments.append(Installment(number: firstNumber + index, due: due, principal: part, interest: interest))
            balance = balance - part
        }
        return installments
    }

    enum CodingKeys: String, CodingKey { case principal, rate, termMonths, method, start, installments }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        principal = try c.decode(Cents.self, forKey: .principal)
        rate = try c.decode(AnnualRate.self, forKey: .rate)
        termMonths = try c.decode(Int.self, forKey: .termMonths)
        method = try c.decode(RepaymentMethod.self, forKey: .method)
        start = try c.decodeMarketplaceDay(forKey: .start)
        installments = try c.decode([Installment].self, forKey: .installments)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(principal, forKey: .principal)
        try c.encode(rate, forKey: .rate)
        try c.encode(termMonths, forKey: .termMonths)
        try c.encode(method, forKey: .method)
        try c.encodeMarketplaceDay(start, forKey: .start)
        try c.encode(installments, forKey: .installments)
    }
}
