import Domain

/// The outstanding quarantine (/console/quarantine): rejected rows that no later batch has corrected, counted by
/// department and reason (each count a link to its rows), with filters, pages and a CSV export. A department clerk
/// sees only the rows of their own department.
public enum QuarantinePage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// Department × reason counts, largest first.
        public var counts: [Count]
        public var rows: [Row]
        public var total: Int
        /// Filters; the department filter only for the credit center.
        public var departmentOptions: [SelectOption]
        public var datasetOptions: [SelectOption]
        public var reasonOptions: [SelectOption]
        public var pagination: Pagination
        /// The export of the rows the filters select.
        public var exportHref: String

        public init(context: PageContext, counts: [Count], rows: [Row], total: Int, departmentOptions: [SelectOption],
                    datasetOptions: [SelectOption], reasonOptions: [SelectOption], pagination: Pagination, exportHref: String) {
            self.context = context; self.counts = counts; self.rows = rows; self.total = total
            self.departmentOptions = departmentOptions; self.datasetOptions = datasetOptions; self.reasonOptions = reasonOptions
            self.pagination = pagination; self.exportHref = exportHref
        }
    }

    public struct Count: Sendable, Equatable {
        public var department: String
        /// The dataset's Chinese name.
        public var dataset: String
        /// The field's Chinese name (`缴费类别`).
        public var reason: String
        public var count: Int
        public var href: String
        public init(department: String, dataset: String, reason: String, count: Int, href: String) {
            self.department = department; self.dataset = dataset; self.reason = reason; self.count = count; self.href = href
        }
    }

    public struct Row: Sendable, Equatable {
        public var batchID: Int64
        public var rowNumber: Int
        public var datasetName: String
        public var recordID: String
        public var department: String
        /// Every problem of the row, "字段：原因".
        public var problems: String
        public init(batchID: Int64, rowNumber: Int, datasetName: String, recordID: String, department: String, problems: String) {
            self.batchID = batchID; self.rowNumber = rowNumber; self.datasetName = datasetName; self.recordID = recordID
            self.department = department; self.problems = problems
        }
    }
}
