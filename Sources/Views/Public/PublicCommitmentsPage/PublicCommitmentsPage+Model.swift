import Domain
import Foundation

/// The commitments published for public supervision (/public/commitments).
public enum PublicCommitmentsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var commitments: [CreditCommitment]
        public var window: PageWindow

        public init(context: PageContext, commitments: [CreditCommitment], window: PageWindow) {
            self.context = context; self.commitments = commitments; self.window = window
        }
    }
}
