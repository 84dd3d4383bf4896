/// The terms a lender approves: amount, annual rate, term and repayment method.
public struct LoanTerms: Hashable, Sendable, Codable {
    public var amount: Cents
    public var rate: AnnualRate
    public var termMonths: Int
    public var method: RepaymentMethod

    public init(amount: Cents, rate: AnnualRate, termMonths: Int, method: RepaymentMethod) {
        self.amount = amount; self.rate = rate; self.termMonths = termMonths; self.method = method
    }

    /// The longest term accepted, 30 years.
    public static let maximumTermMonths = 360

    /// Checks the terms: a positive amount, a rate between zero and `rateCap` (a *configurable* cap, e.g.
    /// 30 % above the benchmark), and a term of 1…360 months.
    public func validate(rateCap: AnnualRate? = nil) throws(DomainError) {
        guard amount.isPositive else { throw .invalidInput(field: "amount", reason: "贷款金额必须大于零") }
        guard rate.basisPoints >= 0 else { throw .invalidInput(field: "rate", reason: "年利率不能为负数") }
        if let cap = rateCap, rate > cap {
            throw .invalidInput(field: "rate", reason: "年利率\(rate.percentText)超过上限\(cap.percentText)")
        }
        guard (1...LoanTerms.maximumTermMonths).contains(termMonths) else {
            throw .invalidInput(field: "termMonths", reason: "贷款期限须为1至\(LoanTerms.maximumTermMonths)个月")
        }
    }

    /// The repayment schedule of a loan on these terms disbursed on `start`.
    public func schedule(start: Day) throws(DomainError) -> RepaymentSchedule {
        try validate()
        return RepaymentSchedule.make(principal: amount, rate: rate, termMonths: termMonths, method: method, start: start)
    }
}
