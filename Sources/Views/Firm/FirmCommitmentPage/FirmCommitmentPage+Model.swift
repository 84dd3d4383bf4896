import Domain
import Foundation

/// The credit commitment (/firm/commitment): the current template to sign, and the signing history.
public enum FirmCommitmentPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        /// Newest first.
        public var signed: [SignedCommitment]
        public var template: CommitmentTemplate?
        /// From the registry, to prefill the signer.
        public var legalRepresentative: String?

        public init(
            context: PageContext, signed: [SignedCommitment], template: CommitmentTemplate?, legalRepresentative: String?
        ) {
            self.context = context; self.signed = signed; self.template = template
            self.legalRepresentative = legalRepresentative
        }
    }
}
