import Domain

/// The written notices a firm received (/firm/notices): each lender's overdue report, the cure period and how it ended.
public enum FirmNoticesPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var reports: [DefaultReport]
        public init(context: PageContext, reports: [DefaultReport]) { self.context = context; self.reports = reports }
    }
}
