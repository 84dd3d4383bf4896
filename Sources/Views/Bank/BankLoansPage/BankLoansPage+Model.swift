import Domain
import Foundation

/// The institution's loans (/bank/loans), or only the overdue ones.
public enum BankLoansPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var overdueOnly: Bool
        public var loans: [LoanSummary]

        public init(context: PageContext, overdueOnly: Bool, loans: [LoanSummary]) {
            self.context = context; self.overdueOnly = overdueOnly; self.loans = loans
        }
    }
}
