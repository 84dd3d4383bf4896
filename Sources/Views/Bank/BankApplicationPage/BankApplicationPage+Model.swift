import Domain
import Foundation

/// One application (/bank/applications/:id): its facts, the decision forms for its state, its history.
public enum BankApplicationPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var application: ApplicationSummary
        /// The loan once disbursed.
        public var loanID: Int64?
        public var steps: [TimelineStep]
        /// Default disbursement day.
        public var today: Day
        /// The 守信激励 the firm earns (绿色通道 …), when it is on the red list.
        public var incentive: String?
        /// The digital credit coupon the firm attached (or that was redeemed on the loan), in words.
        public var coupon: String?

        public init(
            context: PageContext, application: ApplicationSummary, loanID: Int64?, steps: [TimelineStep], today: Day,
            incentive: String? = nil, coupon: String? = nil
        ) {
            self.context = context; self.application = application; self.loanID = loanID; self.steps = steps
            self.today = today; self.incentive = incentive; self.coupon = coupon
        }
    }
}
