/// A lender's report that a loan of a firm is overdue (逾期/违约 反馈). It is not a credit record yet: the firm
/// first gets a written notice and a cure period (`DefaultFeedback`).
public struct OverdueReport: Sendable, Equatable, Hashable, Codable {
    /// The institution's contract or loan number.
    public var loanReference: String
    /// The firm's unified social credit code.
    public var uscc: String
    /// The reporting institution's name.
    public var lender: String
    public var overdueDays: Int
    /// The amount overdue.
    public var amount: Cents
    public var reportedOn: Day

    public init(loanReference: String, uscc: String, lender: String, overdueDays: Int, amount: Cents, reportedOn: Day) {
        self.loanReference = loanReference; self.uscc = uscc; self.lender = lender
        self.overdueDays = overdueDays; self.amount = amount; self.reportedOn = reportedOn
    }

    /// Checks the report: a loan reference, a firm, a lender, at least one day overdue and a positive amount.
    public func validate() throws(DomainError) {
        if loanReference.trimmingSpaces().isEmpty { throw .invalidInput(field: "loanReference", reason: "贷款编号不能为空") }
        if uscc.trimmingSpaces().isEmpty { throw .invalidInput(field: "uscc", reason: "统一社会信用代码不能为空") }
        if lender.trimmingSpaces().isEmpty { throw .invalidInput(field: "lender", reason: "报送机构不能为空") }
        if overdueDays < 1 { throw .invalidInput(field: "overdueDays", reason: "逾期天数至少为 1 天") }
        if !amount.isPositive { throw .invalidInput(field: "amount", reason: "逾期金额必须大于零") }
    }
}
