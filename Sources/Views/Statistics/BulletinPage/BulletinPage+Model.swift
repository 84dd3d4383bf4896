import Domain

/// A published bulletin (通报) of a period (/console/stats/bulletins/<id>), printable on A4 and rendered to PDF: the
/// formal heading, issuer, number and date, the period's summary figures, the two league tables, the institutions
/// named for top volume and growth, and the snapshot digests to verify the figures against the transparency log.
public enum BulletinPage {
    /// One league table as published.
    public struct League: Sendable, Equatable {
        public var scheme: PointsScheme.Version
        public var table: [LeagueRow]
        /// Subject id or district code → name.
        public var names: [String: String]
        public init(scheme: PointsScheme.Version, table: [LeagueRow], names: [String: String]) {
            self.scheme = scheme; self.table = table; self.names = names
        }
    }

    /// An institution named in the bulletin, with the figure it is named for.
    public struct Named: Sendable, Equatable {
        public var institution: String
        public var value: IndicatorValue
        public init(institution: String, value: IndicatorValue) { self.institution = institution; self.value = value }
    }

    /// A closed month's snapshot digest.
    public struct Digest: Sendable, Equatable {
        public var month: StatMonth
        public var digest: String
        public init(month: StatMonth, digest: String) { self.month = month; self.digest = digest }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var id: String
        /// 文号, e.g. `大信用办〔2026〕3号`.
        public var number: String
        public var issuer: String
        public var issuedOn: Day
        public var period: StatPeriod
        /// The city's indicator values of the period (`StatSource.values`).
        public var values: [String: IndicatorValue]
        /// Firms registered on the platform ÷ firms registered in the city (millionths, with its parts).
        public var coverage: IndicatorValue
        /// Firms that got a loan ÷ firms registered on the platform (millionths, with its parts).
        public var borrowerShare: IndicatorValue
        public var institutions: League
        public var districts: League
        /// Named for the highest credit-loan volume (amount in cents), best first.
        public var topVolume: [Named]
        /// Named for the fastest growth of lending (millionths), best first.
        public var topGrowth: [Named]
        /// The snapshots the figures come from, one per month of the period.
        public var digests: [Digest]
        /// The PDF of the bulletin, when there is one.
        public var pdfHref: String?

        public init(context: PageContext, id: String, number: String, issuer: String, issuedOn: Day, period: StatPeriod,
                    values: [String: IndicatorValue], coverage: IndicatorValue, borrowerShare: IndicatorValue, institutions: League,
                    districts: League, topVolume: [Named], topGrowth: [Named], digests: [Digest], pdfHref: String? = nil) {
            self.context = context; self.id = id; self.number = number; self.issuer = issuer; self.issuedOn = issuedOn
            self.period = period; self.values = values; self.coverage = coverage; self.borrowerShare = borrowerShare
            self.institutions = institutions; self.districts = districts; self.topVolume = topVolume; self.topGrowth = topGrowth
            self.digests = digests; self.pdfHref = pdfHref
        }
    }

    /// `关于2026年3月信易贷工作情况的通报`, `关于2026年第一季度信易贷工作情况的通报`.
    public static func title(_ period: StatPeriod) -> String { "关于\(StatArea.periodTitle(period))信易贷工作情况的通报" }
}
