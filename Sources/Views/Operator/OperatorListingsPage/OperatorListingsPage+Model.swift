import Domain

/// The lists whose procedure runs on the platform (/console/listings): propose, notify, answer objections, list,
/// publish and remove, each step checked against the rules of the entry's day.
public enum OperatorListingsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var entries: [ListingEntry]
        public var pagination: Pagination
        public init(context: PageContext, entries: [ListingEntry], pagination: Pagination) {
            self.context = context; self.entries = entries; self.pagination = pagination
        }
    }

    static func tone(_ status: ListingStatus) -> PortalPage.Tone {
        switch status {
        case .listed, .published: .danger
        case .proposed, .noticed: .info
        case .objecting: .warning
        case .removed, .dropped: .neutral
        }
    }
}
