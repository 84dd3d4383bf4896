import Domain

/// The 守信激励名单 (/public/red-list): firms in publicity (objections open to anyone signed in) and in effect.
public enum PublicRedListPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var entries: [RedListEntry]
        public var pagination: Pagination
        public var mayObject: Bool
        public var today: Day
        public init(context: PageContext, entries: [RedListEntry], pagination: Pagination, mayObject: Bool, today: Day) {
            self.context = context; self.entries = entries; self.pagination = pagination; self.mayObject = mayObject; self.today = today
        }
    }
}
