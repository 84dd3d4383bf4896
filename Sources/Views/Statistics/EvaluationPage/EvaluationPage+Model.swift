import Domain

/// The two-way evaluation (/console/stats/evaluation?subject=institution|district&period=2026-03|2026-Q1): the points
/// scheme in force, the league table with the points per group and, expandable, per item with the indicator value it
/// was scored on, the bulletins published, and the form to publish one for the period.
public enum EvaluationPage {
    /// A published bulletin (links to /console/stats/bulletins/<id>).
    public struct Bulletin: Sendable, Equatable {
        public var id: String
        public var title: String
        public var issuedOn: Day
        public init(id: String, title: String, issuedOn: Day) { self.id = id; self.title = title; self.issuedOn = issuedOn }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var subject: PointsSubject
        /// A month or a quarter.
        public var period: StatPeriod
        /// The scheme's name (`金融机构评价`).
        public var schemeName: String
        /// The version in force for the period.
        public var scheme: PointsScheme.Version
        /// `PointsScheme.Version.leagueTable`.
        public var table: [LeagueRow]
        /// Subject → indicator code → value this period (`PointsInput.current`), shown beside each item.
        public var values: [String: [String: IndicatorValue]]
        /// Subject id or district code → name.
        public var names: [String: String]
        public var bulletins: [Bulletin]
        /// The credit center publishes bulletins; the read-only departments only read.
        public var mayManage: Bool

        public init(context: PageContext, subject: PointsSubject, period: StatPeriod, schemeName: String, scheme: PointsScheme.Version,
                    table: [LeagueRow], values: [String: [String: IndicatorValue]], names: [String: String], bulletins: [Bulletin],
                    mayManage: Bool = true) {
            self.context = context; self.subject = subject; self.period = period; self.schemeName = schemeName; self.scheme = scheme
            self.table = table; self.values = values; self.names = names; self.bulletins = bulletins; self.mayManage = mayManage
        }
    }
}
