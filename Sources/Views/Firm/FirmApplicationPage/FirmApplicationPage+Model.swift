import Domain
import Foundation

/// One application of the firm (/firm/applications/:id): facts, signing or withdrawing, the loan once disbursed.
public enum FirmApplicationPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var application: ApplicationSummary
        public var loan: LoanSummary?
        public var steps: [TimelineStep]
        public var today: Day

        public init(
            context: PageContext, application: ApplicationSummary, loan: LoanSummary?, steps: [TimelineStep], today: Day
        ) {
            self.context = context; self.application = application; self.loan = loan; self.steps = steps
            self.today = today
        }
    }
}
