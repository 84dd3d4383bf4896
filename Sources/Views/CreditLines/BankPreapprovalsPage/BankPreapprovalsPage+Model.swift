import Domain

/// The bank's pre-approval runs (/bank/preapprovals) and the form to start one.
public enum BankPreapprovalsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var runs: [PreapprovalRun]
        /// The institution's online products (id, name, rate range, term range) the form offers.
        public var products: [LoanProduct]
        public var today: Day

        public init(context: PageContext, runs: [PreapprovalRun], products: [LoanProduct], today: Day) {
            self.context = context; self.runs = runs; self.products = products; self.today = today
        }
    }
}
