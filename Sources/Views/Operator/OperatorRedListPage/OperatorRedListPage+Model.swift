import Domain

/// The credit center's 守信激励名单 (/console/red-list): propose from the data, answer objections, see what is in effect.
public enum OperatorRedListPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var entries: [RedListEntry]
        public var pagination: Pagination
        public var today: Day
        public init(context: PageContext, entries: [RedListEntry], pagination: Pagination, today: Day) {
            self.context = context; self.entries = entries; self.pagination = pagination; self.today = today
        }
    }

    static func tone(_ status: RedListStatus) -> PortalPage.Tone {
        switch status {
        case .valid: .success
        case .proposed, .inPublicity: .info
        case .objecting: .warning
        case .expired, .withdrawn, .revoked: .neutral
        }
    }
}
