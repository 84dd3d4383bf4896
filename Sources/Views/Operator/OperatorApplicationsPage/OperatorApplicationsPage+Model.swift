import Domain
import Foundation

/// The city's loan applications for the credit center (/console/applications): counts by status (each a filter),
/// filters by firm, institution, district, status and the day applied, pages and a CSV export.
public enum OperatorApplicationsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// Every status with its count under the other filters; the selected one marked.
        public var statusCounts: [StatusCount]
        public var rows: [Row]
        public var total: Int
        public var filters: Filters
        public var pagination: Pagination
        public var exportHref: String

        public init(context: PageContext, statusCounts: [StatusCount], rows: [Row], total: Int, filters: Filters,
                    pagination: Pagination, exportHref: String) {
            self.context = context; self.statusCounts = statusCounts; self.rows = rows; self.total = total
            self.filters = filters; self.pagination = pagination; self.exportHref = exportHref
        }
    }

    public struct StatusCount: Sendable, Equatable {
        public var status: ApplicationStatus
        public var count: Int
        public var href: String
        public init(status: ApplicationStatus, count: Int, href: String) { self.status = status; self.count = count; self.href = href }
    }

    /// The filter form as submitted (kept in the boxes) and its choices.
    public struct Filters: Sendable, Equatable {
        public var text: String
        public var institutions: [SelectOption]
        public var districts: [SelectOption]
        public var statuses: [SelectOption]
        public var from: String
        public var to: String
        public init(text: String, institutions: [SelectOption], districts: [SelectOption], statuses: [SelectOption], from: String, to: String) {
            self.text = text; self.institutions = institutions; self.districts = districts; self.statuses = statuses
            self.from = from; self.to = to
        }
    }

    public struct Row: Sendable, Equatable {
        public var id: Int64
        public var uscc: String
        public var firmName: String
        public var institutionName: String
        public var productName: String
        public var amount: Cents
        public var termMonths: Int
        public var status: ApplicationStatus
        public var createdAt: Date
        public var updatedAt: Date
        public init(id: Int64, uscc: String, firmName: String, institutionName: String, productName: String, amount: Cents,
                    termMonths: Int, status: ApplicationStatus, createdAt: Date, updatedAt: Date) {
            self.id = id; self.uscc = uscc; self.firmName = firmName; self.institutionName = institutionName
            self.productName = productName; self.amount = amount; self.termMonths = termMonths; self.status = status
            self.createdAt = createdAt; self.updatedAt = updatedAt
        }
    }
}
