import Domain

/// One institution's monthly report on the template grid, for the institution filing it (/bank/reports/<yyyy-MM>,
/// editable until accepted, by form or CSV upload) and for the credit center reviewing it
/// (/console/stats/reports/<id>, read-only, with the accept and return forms): the problems found, the figures beside
/// the platform's own, the status and the history.
public enum StatReportPage {
    public enum Mode: Sendable, Equatable {
        /// The institution files its own report.
        case filing
        /// The credit center reviews the filed report `id`.
        case review(id: String)
    }

    /// One step of the report's history.
    public struct Event: Sendable, Equatable {
        public enum Action: String, Sendable, Equatable {
            case filed, refiled, returned, accepted

            public var label: String {
                switch self {
                case .filed: "报送"
                case .refiled: "重新报送"
                case .returned: "退回"
                case .accepted: "接受"
                }
            }
        }
        public var action: Action
        public var on: Day
        public var by: String
        /// Required for a return.
        public var reason: String?

        public init(action: Action, on: Day, by: String, reason: String? = nil) {
            self.action = action; self.on = on; self.by = by; self.reason = reason
        }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var mode: Mode
        /// The template in force for the report's month.
        public var template: ReportTemplate
        /// The values filed (or being filed); amounts in cents.
        public var report: StatReport
        public var institutionName: String
        public var status: ReportFilingStatus
        public var dueOn: Day
        /// `ReportTemplate.validate`.
        public var problems: [ReportProblem]
        /// `ReportTemplate.differences`.
        public var differences: [ReportDifference]
        public var history: [Event]

        public init(context: PageContext, mode: Mode, template: ReportTemplate, report: StatReport, institutionName: String,
                    status: ReportFilingStatus, dueOn: Day, problems: [ReportProblem], differences: [ReportDifference], history: [Event]) {
            self.context = context; self.mode = mode; self.template = template; self.report = report
            self.institutionName = institutionName; self.status = status; self.dueOn = dueOn; self.problems = problems
            self.differences = differences; self.history = history
        }

        /// The institution edits until the report is accepted; the credit center never edits.
        public var isEditable: Bool { mode == .filing && status.isEditable }

        /// The credit center decides on a report waiting for it; it accepts only one without problems.
        public var mayReturn: Bool { if case .review = mode { status == .pending } else { false } }
        public var mayAccept: Bool { mayReturn && problems.isEmpty }

        /// `/bank/reports/2026-03`, or `/console/stats/reports/<id>`.
        public var path: String {
            switch mode {
            case .filing: "/bank/reports/\(report.month)"
            case .review(let id): "/console/stats/reports/\(Paths.encode(id))"
            }
        }

        /// The form field of a cell: `R01.amount`.
        public static func fieldName(row: String, column: String) -> String { "\(row).\(column)" }
    }
}
