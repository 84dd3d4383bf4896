import Domain

/// One pre-approval run (/bank/preapprovals/:id): what it ran on, what it found, and its offers a page at a time.
public enum BankPreapprovalRunPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var run: PreapprovalRun
        public var offers: [PreapprovalOffer]
        public var pagination: Pagination
        public var today: Day

        public init(context: PageContext, run: PreapprovalRun, offers: [PreapprovalOffer], pagination: Pagination, today: Day) {
            self.context = context; self.run = run; self.offers = offers; self.pagination = pagination; self.today = today
        }
    }
}
