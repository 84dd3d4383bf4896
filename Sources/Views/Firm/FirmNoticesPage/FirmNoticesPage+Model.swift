import Domain

/// The written notices a firm received (/firm/notices): each lender's overdue report, the cure period and how it ended.
public enum FirmNoticesPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var reports: [DefaultReport]
        /// Listings of the firm on the platform: the prior notice, its objection window and where it stands.
        public var listings: [ListingEntry]
        public init(context: PageContext, reports: [DefaultReport], listings: [ListingEntry] = []) {
            self.context = context; self.reports = reports; self.listings = listings
        }
    }
}
