import Domain
import Foundation

/// The firm's loans (/firm/loans).
public enum FirmLoansPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var loans: [LoanSummary]

        public init(context: PageContext, loans: [LoanSummary]) {
            self.context = context; self.loans = loans
        }
    }
}
