import Domain
import Foundation

/// One loan (/bank/loans/:id): schedule, repayments and the repayment form.
public enum BankLoanPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var loan: LoanSummary
        public var today: Day

        public init(context: PageContext, loan: LoanSummary, today: Day) {
            self.context = context; self.loan = loan; self.today = today
        }
    }
}
