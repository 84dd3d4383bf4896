import Domain

/// The statistics overview (/console/stats): the filter form, every indicator of the period by group (name with its
/// definition on hover, linked to the glossary), the breakdown of one indicator by the chosen dimension or by month
/// with a bar chart, its monthly trend, and the export links. Every value comes computed (`StatSource.values`,
/// `breakdown`, `monthly`); the page only arranges and formats them.
public enum StatisticsPage {
    /// The query the page was asked with; its parameters are the form's and the export links'.
    public struct Query: Sendable, Equatable {
        public var from: StatMonth
        public var to: StatMonth
        /// `2026-Q1` when a quarter was chosen (it then overrides from/to).
        public var quarter: String?
        /// The breakdown: by a dimension, or by month when nil.
        public var groupBy: StatDimension?
        public var filter: StatFilter
        /// The indicator of the breakdown and the trend.
        public var indicator: String

        public init(from: StatMonth, to: StatMonth, quarter: String? = nil, groupBy: StatDimension? = nil,
                    filter: StatFilter = .all, indicator: String = "lending.loan_amount") {
            self.from = from; self.to = to; self.quarter = quarter; self.groupBy = groupBy; self.filter = filter
            self.indicator = indicator
        }

        /// `from=2026-01&to=2026-03&by=district&indicator=…&district=210202`: `from`, `to`, `quarter`, `by` (a
        /// `StatDimension` raw value or `month`), `indicator`, then one parameter per filtered dimension (its raw
        /// value), percent-encoded.
        public var queryString: String {
            var items = [QueryItem(name: "from", value: from.description), QueryItem(name: "to", value: to.description),
                         QueryItem(name: "quarter", value: quarter ?? ""), QueryItem(name: "by", value: groupBy?.rawValue ?? "month"),
                         QueryItem(name: "indicator", value: indicator)]
            for d in StatDimension.allCases { items.append(QueryItem(name: d.rawValue, value: filter.values[d] ?? "")) }
            return String(Paths.withQuery("", items).dropFirst())
        }
    }

    /// One line of the breakdown: a dimension value (an id, a code) or a month (`2026-03`), and its value.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var value: IndicatorValue
        public init(key: String, value: IndicatorValue) { self.key = key; self.value = value }

        /// From `StatSource.breakdown`.
        public static func rows(_ breakdown: [(value: String, result: IndicatorValue)]) -> [Row] {
            breakdown.map { Row(key: $0.value, value: $0.result) }
        }

        /// From `StatSource.monthly`.
        public static func rows(_ monthly: [(month: StatMonth, value: IndicatorValue)]) -> [Row] {
            monthly.map { Row(key: $0.month.description, value: $0.value) }
        }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var query: Query
        public var period: StatPeriod
        /// Indicator code → value over the period for the filter (`StatSource.values`); empty when there is no data.
        public var values: [String: IndicatorValue]
        /// The chosen indicator by `query.groupBy` (or by month).
        public var breakdown: [Row]
        /// The chosen indicator month by month over the period (`Row.key` is `YYYY-MM`).
        public var trend: [Row]
        public var names: StatNames
        /// The months that have figures, for the quarter choices.
        public var availableMonths: [StatMonth]
        /// The snapshot digest when the period is one closed month.
        public var closedDigest: String?
        /// False for the read-only departments.
        public var mayManage: Bool

        public init(context: PageContext, query: Query, period: StatPeriod, values: [String: IndicatorValue], breakdown: [Row],
                    trend: [Row], names: StatNames, availableMonths: [StatMonth], closedDigest: String? = nil, mayManage: Bool = true) {
            self.context = context; self.query = query; self.period = period; self.values = values; self.breakdown = breakdown
            self.trend = trend; self.names = names; self.availableMonths = availableMonths; self.closedDigest = closedDigest
            self.mayManage = mayManage
        }
    }
}
