import Domain

/// One of the bank's revolving lines (/bank/credit-lines/:id): the firm, the line's figures today and every draw and
/// repayment, with the digital credit coupon redeemed on a draw and what it has saved (the interest the bank forgoes and
/// claims on /bank/coupons).
public enum BankCreditLinePage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var line: CreditLineSummary

        public init(context: PageContext, line: CreditLineSummary) {
            self.context = context; self.line = line
        }
    }
}
