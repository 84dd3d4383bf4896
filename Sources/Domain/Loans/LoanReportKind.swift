/// What an institution reports back about a loan made through the platform.
public enum LoanReportKind: String, CaseIterable, Sendable, Codable, Hashable {
    case disbursement
    case repayment
    case overdue
    case settlement

    public var label: String {
        switch self {
        case .disbursement: "放款"
        case .repayment: "还款"
        case .overdue: "逾期"
        case .settlement: "结清"
        }
    }
}
