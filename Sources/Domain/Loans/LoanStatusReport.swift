import Foundation

/// An institution's report on a loan (放款、还款、逾期、结清 反馈): what happened on a day and where the loan
/// stands afterwards.
public struct LoanStatusReport: Hashable, Sendable, Codable {
    /// The institution's contract or loan number.
    public var loanReference: String
    public var kind: LoanReportKind
    public var day: Day
    /// Disbursed or repaid on `day`; for an overdue report, the amount overdue.
    public var amount: Cents
    public var outstandingPrincipal: Cents
    public var overdueDays: Int
    public var classification: LoanClass

    public init(loanReference: String, kind: LoanReportKind, day: Day, amount: Cents, outstandingPrincipal: Cents,
                overdueDays: Int, classification: LoanClass) {
        self.loanReference = loanReference; self.kind = kind; self.day = day; self.amount = amount
        self.outstandingPrincipal = outstandingPrincipal; self.overdueDays = overdueDays
        self.classification = classification
    }

    /// The report of `kind` on `day` as the ledger sees it.
    public static func from(_ ledger: LoanLedger, reference: String, kind: LoanReportKind, day: Day,
                            thresholds: ClassificationThresholds = .default) -> LoanStatusReport {
        let position = ledger.position(asOf: day)
        let paidThatDay = ledger.repayments.filter { $0.day == day }.reduce(Cents.zero) { $0 + $1.amount }
        let amount: Cents = switch kind {
        case .disbursement: ledger.schedule.principal
        case .repayment, .settlement: paidThatDay
        case .overdue: position.amountOverdue
        }
        return LoanStatusReport(loanReference: reference, kind: kind, day: day, amount: amount,
                                outstandingPrincipal: position.outstandingPrincipal, overdueDays: position.overdueDays,
                                classification: position.classification(thresholds: thresholds))
    }

    /// Checks that the report is coherent: a reference, non-negative figures, a positive amount for
    /// disbursements, repayments and overdue reports, days overdue for an overdue report, nothing left for a
    /// settlement, and a classification no better than the overdue days imply (it may be worse).
    public func validate(thresholds: ClassificationThresholds = .default) throws(DomainError) {
        guard !loanReference.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidInput(field: "loanReference", reason: "贷款编号不能为空")
        }
        guard amount.value >= 0, outstandingPrincipal.value >= 0, overdueDays >= 0 else {
            throw .invalidInput(field: "amount", reason: "金额和逾期天数不能为负数")
        }
        if kind != .settlement && !amount.isPositive {
            throw .invalidInput(field: "amount", reason: "\(kind.label)金额必须大于零")
        }
        if kind == .overdue && overdueDays == 0 {
            throw .invalidInput(field: "overdueDays", reason: "逾期报告须填写逾期天数")
        }
        if kind == .settlement && (outstandingPrincipal.isPositive || overdueDays > 0) {
            throw .invalidInput(field: "outstandingPrincipal", reason: "结清时剩余本金和逾期天数应为零")
        }
        let implied = thresholds.classify(overdueDays: overdueDays)
        guard classification >= implied else {
            throw .invalidInput(field: "classification",
                                reason: "逾期\(overdueDays)天的贷款至少应为“\(implied.label)”，不能报为“\(classification.label)”")
        }
    }

    enum CodingKeys: String, CodingKey {
        case loanReference, kind, day, amount, outstandingPrincipal, overdueDays, classification
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        loanReference = try c.decode(String.self, forKey: .loanReference)
        kind = try c.decode(LoanReportKind.self, forKey: .kind)
        day = try c.decodeMarketplaceDay(forKey: .day)
        amount = try c.decode(Cents.self, forKey: .amount)
        outstandingPrincipal = try c.decode(Cents.self, forKey: .outstandingPrincipal)
        overdueDays = try c.decode(Int.self, forKey: .overdueDays)
        classification = try c.decode(LoanClass.self, forKey: .classification)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(loanReference, forKey: .loanReference)
        try c.encode(kind, forKey: .kind)
        try c.encodeMarketplaceDay(day, forKey: .day)
        try c.encode(amount, forKey: .amount)
        try c.encode(outstandingPrincipal, forKey: .outstandingPrincipal)
        try c.encode(overdueDays, forKey: .overdueDays)
        try c.encode(classification, forKey: .classification)
    }
}
