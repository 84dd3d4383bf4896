import Domain
import Foundation

/// The commitment template, signed commitments and paper authorisations (/console/commitments).
public enum OperatorCommitmentsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var template: CommitmentTemplate?
        public var signed: [CreditCommitment]
        public var window: PageWindow
        /// The categories a paper authorisation may cover.
        public var categories: [CategoryChoice]
        public var today: Day

        public init(
            context: PageContext, template: CommitmentTemplate?, signed: [CreditCommitment], window: PageWindow,
            categories: [CategoryChoice], today: Day
        ) {
            self.context = context; self.template = template; self.signed = signed; self.window = window
            self.categories = categories; self.today = today
        }
    }
}
