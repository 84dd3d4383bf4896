import Domain

/// The credit center's post-loan monitoring (/console/monitoring): the open alerts by level, district and
/// institution, their lights, new alerts per day over 30 days, and the alerts escalated because the institution
/// did not answer in time.
public enum MonitoringPage {
    public struct Count: Sendable, Equatable {
        public var label: String
        public var count: Int
        public init(label: String, count: Int) { self.label = label; self.count = count }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var watched: Int
        /// Signals found over the 30 days.
        public var signals: Int
        public var open: Int
        public var byLevel: [WarningLevel: Int]
        public var byLight: [AlertEscalation.Light: Int]
        /// District names and counts, most first.
        public var byDistrict: [Count]
        /// Institution names and counts, most first.
        public var byInstitution: [Count]
        /// New alerts per day (labels `MM-DD`), oldest first.
        public var perDay: [Count]
        /// Escalated alerts with their institution's name.
        public var escalated: [(alert: RiskAlert, institution: String, escalation: AlertEscalation)]

        public init(context: PageContext, watched: Int, signals: Int, open: Int, byLevel: [WarningLevel: Int],
                    byLight: [AlertEscalation.Light: Int], byDistrict: [Count], byInstitution: [Count], perDay: [Count],
                    escalated: [(alert: RiskAlert, institution: String, escalation: AlertEscalation)]) {
            self.context = context; self.watched = watched; self.signals = signals; self.open = open; self.byLevel = byLevel
            self.byLight = byLight; self.byDistrict = byDistrict; self.byInstitution = byInstitution; self.perDay = perDay
            self.escalated = escalated
        }

        public static func == (a: Model, b: Model) -> Bool {
            a.context == b.context && a.watched == b.watched && a.signals == b.signals && a.open == b.open && a.byLevel == b.byLevel
                && a.byLight == b.byLight && a.byDistrict == b.byDistrict && a.byInstitution == b.byInstitution
                && a.perDay == b.perDay && a.escalated.map(\.alert) == b.escalated.map(\.alert)
                && a.escalated.map(\.institution) == b.escalated.map(\.institution)
                && a.escalated.map(\.escalation) == b.escalated.map(\.escalation)
        }
    }
}
