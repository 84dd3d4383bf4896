import Domain
import Foundation

/// Enterprise self-registration (/register): the phone verified by a one-time code, the licence or authorisation
/// letter uploaded, consent to the personal-data rules given.
public enum RegisterPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        /// The phone a code was just sent to (filled into the form).
        public var phone: String

        public init(context: PageContext, phone: String = "") {
            self.context = context; self.phone = phone
        }
    }
}
