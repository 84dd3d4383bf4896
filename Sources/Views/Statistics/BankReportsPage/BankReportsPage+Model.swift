import Domain

/// An institution's monthly statistical reports (/bank/reports): each month with its status and due date, and the
/// link to file the current one.
public enum BankReportsPage {
    public struct Row: Sendable, Equatable {
        public var month: StatMonth
        public var status: ReportFilingStatus
        public var dueOn: Day
        public var filedOn: Day?
        /// Days late (filed after the due day, or not filed as of today); 0 when on time.
        public var daysLate: Int
        /// The reason of the last return, shown while the report is returned.
        public var returnReason: String?

        public init(month: StatMonth, status: ReportFilingStatus, dueOn: Day, filedOn: Day? = nil, daysLate: Int = 0,
                    returnReason: String? = nil) {
            self.month = month; self.status = status; self.dueOn = dueOn; self.filedOn = filedOn; self.daysLate = daysLate
            self.returnReason = returnReason
        }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var institutionName: String
        /// Newest first.
        public var rows: [Row]
        /// The month whose report is due now (normally last month), if any.
        public var current: StatMonth?

        public init(context: PageContext, institutionName: String, rows: [Row], current: StatMonth?) {
            self.context = context; self.institutionName = institutionName; self.rows = rows; self.current = current
        }
    }
}
