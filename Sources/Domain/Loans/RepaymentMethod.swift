/// How a loan is repaid. Raw values are stable English ids for storage and APIs.
public enum RepaymentMethod: String, CaseIterable, Sendable, Codable, Hashable {
    /// 等额本息: equal monthly payments of principal and interest (annuity).
    case equalInstallment = "equal_installment"
    /// 等额本金: equal monthly principal, interest on the declining balance.
    case equalPrincipal = "equal_principal"
    /// 先息后本: interest monthly, all principal with the last installment.
    case interestFirst = "interest_first"
    /// 到期一次还本付息: principal and simple interest for the whole term in one payment at maturity.
    case bullet

    public var label: String {
        switch self {
        case .equalInstallment: "等额本息"
        case .equalPrincipal: "等额本金"
        case .interestFirst: "先息后本"
        case .bullet: "到期一次还本付息"
        }
    }
}
