import Domain
import Foundation

/// Enterprise self-registration (/register).
public enum RegisterPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext

        public init(context: PageContext) {
            self.context = context
        }
    }
}
