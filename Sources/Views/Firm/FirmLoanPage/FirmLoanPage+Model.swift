import Domain
import Foundation

/// One loan of the firm (/firm/loans/:id): schedule and repayments.
public enum FirmLoanPage {
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
