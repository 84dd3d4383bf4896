import Domain

/// The credit center's view of the institutions' monthly reports (/console/stats/reports?month=): the template in
/// force, each institution's report of the month with its status, and the late reports.
public enum StatReportsPage {
    /// One institution's report of the month.
    public struct Row: Sendable, Equatable {
        /// The institution's id (named through `institutionNames`).
        public var institution: String
        public var status: ReportFilingStatus
        public var filedOn: Day?
        /// Days after the due day it was filed (or, not filed, as of today); 0 when on time.
        public var daysLate: Int
        public var problems: Int
        /// Cells whose reported figure differs from the platform's.
        public var differences: Int
        /// The filed report's id (links to /console/stats/reports/<id>); nil when not filed.
        public var reportID: String?

        public init(institution: String, status: ReportFilingStatus, filedOn: Day? = nil, daysLate: Int = 0, problems: Int = 0,
                    differences: Int = 0, reportID: String? = nil) {
            self.institution = institution; self.status = status; self.filedOn = filedOn; self.daysLate = daysLate
            self.problems = problems; self.differences = differences; self.reportID = reportID
        }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var month: StatMonth
        /// The template in force for the month (nil when none is).
        public var template: ReportTemplate?
        public var rows: [Row]
        /// `ReportTemplate.lateReports`.
        public var late: [LateReport]
        public var institutionNames: [String: String]

        public init(context: PageContext, month: StatMonth, template: ReportTemplate?, rows: [Row], late: [LateReport],
                    institutionNames: [String: String]) {
            self.context = context; self.month = month; self.template = template; self.rows = rows; self.late = late
            self.institutionNames = institutionNames
        }
    }
}
