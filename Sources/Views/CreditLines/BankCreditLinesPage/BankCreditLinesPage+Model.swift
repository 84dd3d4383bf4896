import Domain

/// The bank's revolving lines (/bank/credit-lines): limit, drawn, available, interest, class, a page at a time.
public enum BankCreditLinesPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var lines: [CreditLineSummary]
        public var pagination: Pagination

        public init(context: PageContext, lines: [CreditLineSummary], pagination: Pagination) {
            self.context = context; self.lines = lines; self.pagination = pagination
        }
    }
}
