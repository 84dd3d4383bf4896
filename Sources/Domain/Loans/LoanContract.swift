import Foundation

/// The loan contract a firm signs once its application is approved (issue 16): the parties, the approved terms and
/// the repayment plan from the signing day (the lender re-dates it to the disbursement day, amounts unchanged for
/// a full-month start). Its text is the same on the page and in the PDF whose digest the transparency log names.
public struct LoanContract: Sendable, Equatable {
    public var applicationID: Int64
    public var lenderName: String
    public var borrowerName: String
    public var uscc: String
    public var productName: String
    public var purpose: String
    public var terms: LoanTerms
    public var schedule: RepaymentSchedule
    /// Set once signed: when, by whom, and the phone the code went to (masked).
    public var signedAt: Date?
    public var signer: String?
    public var signerPhone: String?

    public init(applicationID: Int64, lenderName: String, borrowerName: String, uscc: String, productName: String, purpose: String,
                terms: LoanTerms, start: Day, signedAt: Date? = nil, signer: String? = nil, signerPhone: String? = nil) {
        self.applicationID = applicationID; self.lenderName = lenderName; self.borrowerName = borrowerName; self.uscc = uscc
        self.productName = productName; self.purpose = purpose; self.terms = terms
        self.schedule = RepaymentSchedule.make(principal: terms.amount, rate: terms.rate, termMonths: terms.termMonths,
                                               method: terms.method, start: start)
        self.signedAt = signedAt; self.signer = signer; self.signerPhone = signerPhone
    }

    /// XYD-C-0000000042.
    public var number: String {
        let digits = String(applicationID)
        return "XYD-C-" + String(repeating: "0", count: max(0, 10 - digits.count)) + digits
    }

    public var firstInstallment: Installment? { schedule.installments.first }

    /// The key terms, label and value, as page and PDF show them.
    public var keyTerms: [(String, String)] {
        [("合同编号", number), ("贷款人", lenderName), ("借款人", "\(borrowerName)（统一社会信用代码 \(uscc)）"),
         ("贷款产品", productName), ("借款用途", purpose), ("借款金额", "\(terms.amount.yuanText)（\(terms.amount.wanYuanText)）"),
         ("年利率", terms.rate.percentText), ("期限", "\(terms.termMonths) 个月"), ("还款方式", terms.method.label),
         ("首期还款", firstInstallment.map { "\($0.due) 应还 \($0.total.yuanText)" } ?? "—"),
         ("还款总额", "\(schedule.totalPayment.yuanText)（其中利息 \(schedule.totalInterest.yuanText)）"),
         ("到期日", schedule.maturity.description)]
    }

    /// The clauses, in order.
    public static let clauses: [String] = [
        "第一条 借款人按本合同约定的金额、利率、期限和还款方式借款，并按还款计划按期足额还款。",
        "第二条 实际放款日以贷款人放款为准，各期还款日随之顺延，借款金额、利率和期数不变。",
        "第三条 借款人应按约定用途使用借款，不得用于股票、期货、房地产等国家禁止的领域。",
        "第四条 借款人逾期还款的，贷款人有权按约定计收罚息，并依法报送逾期信息。",
        "第五条 借款人同意贷款人在贷后管理期间依据其授权查询其公共信用信息。",
        "第六条 本合同经借款人以短信验证码确认签署后生效，合同电子文本的摘要记入平台透明日志，可供双方核验。",
    ]
}
