import Domain
import Foundation

/// The firm's applications (/firm/applications).
public enum FirmApplicationsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var applications: [ApplicationSummary]
        public var window: PageWindow

        public init(context: PageContext, applications: [ApplicationSummary], window: PageWindow) {
            self.context = context; self.applications = applications; self.window = window
        }
    }
}
