/// Anything that answers "the measures of this period for these facts": the monthly aggregates (whole months only,
/// fast) or the calculator over the facts (any range). Indicators are evaluated the same way on either.
public protocol StatSource: Sendable {
    func measures(_ period: StatPeriod, filter: StatFilter) throws(DomainError) -> StatMeasures
    /// The same, where only the distinct sets and histograms in `parts` need be filled (the counters always are).
    func measures(_ period: StatPeriod, filter: StatFilter, parts: StatParts) throws(DomainError) -> StatMeasures
}

extension StatSource {
    public func measures(_ period: StatPeriod, filter: StatFilter, parts: StatParts) throws(DomainError) -> StatMeasures {
        try measures(period, filter: filter)
    }
}

extension StatCalculator: StatSource {}

extension StatAggregate: StatSource {
    /// Only whole months can be read from monthly cells; other ranges are computed by `StatCalculator`.
    public func measures(_ period: StatPeriod, filter: StatFilter) throws(DomainError) -> StatMeasures {
        try measures(period, filter: filter, parts: .all)
    }

    public func measures(_ period: StatPeriod, filter: StatFilter, parts: StatParts) throws(DomainError) -> StatMeasures {
        guard let months = period.wholeMonths else {
            throw .invalidInput(field: "period", reason: "预汇总数据只能按整月查询，\(period.label)不是整月区间")
        }
        return measures(months: months, filter: filter, parts: parts)
    }
}

extension StatSource {
    /// The values of `indicators` over `period` for `filter`; a `change` compares with `comparison` (by default the
    /// period of the same length just before).
    public func values(_ indicators: [Indicator] = IndicatorCatalog.all, period: StatPeriod, filter: StatFilter = .all,
                       comparison: StatPeriod? = nil) throws(DomainError) -> [String: IndicatorValue] {
        // Only what the indicators read: a single amount needs no firm ids (see `StatParts`).
        let current = try measures(period, filter: filter, parts: indicators.reduce(StatParts.countersOnly) { $0.union($1.formula.parts) })
        var before: StatMeasures?
        let changes = indicators.filter { $0.kind == .change }
        if !changes.isEmpty {
            before = try measures(comparison ?? period.previous, filter: filter,
                                  parts: changes.reduce(StatParts.countersOnly) { $0.union($1.formula.parts) })
        }
        return IndicatorValue.evaluate(indicators, current: current, before: before)
    }

    public func value(_ indicator: Indicator, period: StatPeriod, filter: StatFilter = .all,
                      comparison: StatPeriod? = nil) throws(DomainError) -> IndicatorValue {
        try values([indicator], period: period, filter: filter, comparison: comparison)[indicator.code] ?? .undefined
    }

    /// One value per month of `months` (the "by month" breakdown and the charts' series).
    public func monthly(_ indicator: Indicator, months: ClosedRange<StatMonth>,
                        filter: StatFilter = .all) throws(DomainError) -> [(month: StatMonth, value: IndicatorValue)] {
        var result: [(month: StatMonth, value: IndicatorValue)] = []
        var month = months.lowerBound
        while month <= months.upperBound {
            result.append((month, try value(indicator, period: .month(month), filter: filter)))
            month = month.adding(months: 1)
        }
        return result
    }

    /// One value per value of `dimension` (a district's, an institution's …), within `filter`.
    public func breakdown(_ indicator: Indicator, period: StatPeriod, by dimension: StatDimension, values: [String],
                          filter: StatFilter = .all) throws(DomainError) -> [(value: String, result: IndicatorValue)] {
        var result: [(value: String, result: IndicatorValue)] = []
        for v in values {
            var f = filter
            f.values[dimension] = v
            result.append((v, try value(indicator, period: period, filter: f)))
        }
        return result
    }
}

extension IndicatorValue {
    /// The indicators' values from the period's measures and, for changes, the comparison period's.
    static func evaluate(_ indicators: [Indicator], current: StatMeasures, before: StatMeasures?) -> [String: IndicatorValue] {
        var result: [String: IndicatorValue] = [:]
        for indicator in indicators {
            result[indicator.code] = evaluate(indicator.formula, current) { code in
                guard let compared = IndicatorCatalog.indicator(code), let before else { return (.undefined, .undefined) }
                let noChange: (String) -> (IndicatorValue, IndicatorValue) = { _ in (.undefined, .undefined) }
                return (evaluate(compared.formula, current, change: noChange), evaluate(compared.formula, before, change: noChange))
            }
        }
        return result
    }
}
