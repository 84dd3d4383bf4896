import Domain
import Foundation

/// The applications inbox (/bank/applications), filtered by status.
public enum BankApplicationsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        /// The filter; nil for all.
        public var status: ApplicationStatus?
        public var applications: [ApplicationSummary]
        public var window: PageWindow

        public init(
            context: PageContext, status: ApplicationStatus?, applications: [ApplicationSummary], window: PageWindow
        ) {
            self.context = context; self.status = status; self.applications = applications; self.window = window
        }
    }
}
