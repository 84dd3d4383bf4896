import Domain

/// What a page showing one loan needs, for the bank's and the firm's loan page alike.
public struct LoanPageModel: Sendable, Equatable {
    /// The frame: user, navigation, flash (the title is set by the view).
    public var context: PageContext
    public var loan: LoanSummary
    public var today: Day

    public init(context: PageContext, loan: LoanSummary, today: Day) {
        self.context = context; self.loan = loan; self.today = today
    }
}
