import Domain
import Foundation

/// The city's financing demands for the credit center (/console/demands): counts by status (each a filter), filters
/// by firm, taking institution, district, status and the day published, where each taken demand's follow-up stands
/// (a late first contact in red), pages and a CSV export.
public enum OperatorDemandsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var statusCounts: [StatusCount]
        public var rows: [Row]
        public var total: Int
        /// The same filter form as the applications list (its statuses are the demands').
        public var filters: OperatorApplicationsPage.Filters
        public var pagination: Pagination
        public var exportHref: String

        public init(context: PageContext, statusCounts: [StatusCount], rows: [Row], total: Int, filters: OperatorApplicationsPage.Filters,
                    pagination: Pagination, exportHref: String) {
            self.context = context; self.statusCounts = statusCounts; self.rows = rows; self.total = total
            self.filters = filters; self.pagination = pagination; self.exportHref = exportHref
        }
    }

    public struct StatusCount: Sendable, Equatable {
        public var status: DemandStatus
        public var count: Int
        public var href: String
        public init(status: DemandStatus, count: Int, href: String) { self.status = status; self.count = count; self.href = href }
    }

    public struct Row: Sendable, Equatable {
        public var demand: FinancingDemand
        public var firmName: String
        /// The institution that took it, if any.
        public var institutionName: String?
        public var progress: DemandProgress

        public init(demand: FinancingDemand, firmName: String, institutionName: String?, progress: DemandProgress) {
            self.demand = demand; self.firmName = firmName; self.institutionName = institutionName; self.progress = progress
        }
    }
}
