/// Which parts of `StatMeasures` a set of indicators reads. Counters are always added (a few dozen integers);
/// the distinct-id sets and duration histograms only when an indicator reads them, because adding a year of firm
/// ids is most of a query's time, and a breakdown or a monthly series of one amount reads none (measured by
/// `xyd bench stats`: a breakdown by product went from tens of milliseconds to well under one).
public struct StatParts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let countersOnly = StatParts([])
    public static let all = StatParts(rawValue: ~0)

    public static func distinct(_ measure: StatDistinct) -> StatParts { StatParts(rawValue: 1 << measure.index) }
    public static func duration(_ measure: StatDuration) -> StatParts { StatParts(rawValue: 1 << (16 + measure.index)) }

    public func contains(_ measure: StatDistinct) -> Bool { contains(.distinct(measure)) }
    public func contains(_ measure: StatDuration) -> Bool { contains(.duration(measure)) }
}

extension StatOperand {
    var parts: StatParts {
        switch self {
        case .measure, .total: .countersOnly
        case .distinct(let measure): .distinct(measure)
        case .observations(let duration): .duration(duration)
        }
    }
}

extension IndicatorFormula {
    /// What evaluating the formula reads; a change reads what the indicator it compares reads.
    var parts: StatParts {
        switch self {
        case .count(let o), .sum(let o): o.parts
        case .ratio(let a, let b), .average(let a, let b), .weightedAverage(let a, let b, _): a.parts.union(b.parts)
        case .percentile(let duration, _): .duration(duration)
        case .change(let code): IndicatorCatalog.indicator(code)?.formula.parts ?? .all
        }
    }
}

extension StatMeasures {
    /// Adds `other`'s counters and only the distinct sets and histograms in `parts`.
    mutating func merge(_ other: StatMeasures, parts: StatParts) {
        guard parts != .all else { return merge(other) }
        var trimmed = other
        trimmed.keep(parts)
        merge(trimmed)
    }

    /// Empties the distinct sets and histograms not in `parts` (dropping references, nothing copied).
    mutating func keep(_ parts: StatParts) {
        guard parts != .all else { return }
        for measure in StatDistinct.allCases where !parts.contains(measure) && !distinct[measure.index].isEmpty {
            distinct[measure.index] = [:]
        }
        for measure in StatDuration.allCases where !parts.contains(measure) && !durations[measure.index].isEmpty {
            durations[measure.index] = DayHistogram()
        }
    }
}
