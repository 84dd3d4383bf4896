import Domain
import Foundation

/// The city's loans made on the platform, for the credit center (/console/loans): totals (count, outstanding
/// principal, overdue), filters by firm, institution, district, state and five-tier class, pages and a CSV export.
public enum OperatorLoansPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var count: Int
        public var outstanding: Cents
        public var overdue: Int
        public var rows: [Row]
        public var filters: Filters
        public var pagination: Pagination
        public var exportHref: String

        public init(context: PageContext, count: Int, outstanding: Cents, overdue: Int, rows: [Row], filters: Filters,
                    pagination: Pagination, exportHref: String) {
            self.context = context; self.count = count; self.outstanding = outstanding; self.overdue = overdue
            self.rows = rows; self.filters = filters; self.pagination = pagination; self.exportHref = exportHref
        }
    }

    public struct Filters: Sendable, Equatable {
        public var text: String
        public var institutions: [SelectOption]
        public var districts: [SelectOption]
        public var states: [SelectOption]
        public var classes: [SelectOption]
        public init(text: String, institutions: [SelectOption], districts: [SelectOption], states: [SelectOption], classes: [SelectOption]) {
            self.text = text; self.institutions = institutions; self.districts = districts; self.states = states; self.classes = classes
        }
    }

    public struct Row: Sendable, Equatable {
        public var id: Int64
        public var applicationID: Int64
        public var uscc: String
        public var firmName: String
        public var institutionName: String
        public var productName: String
        public var principal: Cents
        public var rate: AnnualRate
        public var termMonths: Int
        public var disbursedOn: Day
        public var outstanding: Cents
        public var overdueDays: Int
        public var classification: LoanClass
        public var settled: Bool
        public init(id: Int64, applicationID: Int64, uscc: String, firmName: String, institutionName: String, productName: String,
                    principal: Cents, rate: AnnualRate, termMonths: Int, disbursedOn: Day, outstanding: Cents, overdueDays: Int,
                    classification: LoanClass, settled: Bool) {
            self.id = id; self.applicationID = applicationID; self.uscc = uscc; self.firmName = firmName
            self.institutionName = institutionName; self.productName = productName; self.principal = principal; self.rate = rate
            self.termMonths = termMonths; self.disbursedOn = disbursedOn; self.outstanding = outstanding
            self.overdueDays = overdueDays; self.classification = classification; self.settled = settled
        }
    }
}
