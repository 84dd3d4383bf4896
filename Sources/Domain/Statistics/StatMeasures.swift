/// The additive parts of one cell, or of a query's answer: counters (cents, counts), distinct-id sets and duration
/// histograms. Adding two is the only operation; every indicator is a function of one of these.
public struct StatMeasures: Hashable, Sendable, Codable {
    public private(set) var counters: [Int64]
    public private(set) var distinct: [Set<String>]
    public private(set) var durations: [DayHistogram]

    public init() {
        counters = Array(repeating: 0, count: StatMeasure.allCases.count)
        distinct = Array(repeating: [], count: StatDistinct.allCases.count)
        durations = Array(repeating: DayHistogram(), count: StatDuration.allCases.count)
    }

    public static let zero = StatMeasures()

    public subscript(measure: StatMeasure) -> Int64 { counters[measure.index] }
    public subscript(distinct measure: StatDistinct) -> Set<String> { distinct[measure.index] }
    public subscript(duration measure: StatDuration) -> DayHistogram { durations[measure.index] }

    public func count(_ measure: StatDistinct) -> Int64 { Int64(distinct[measure.index].count) }

    public mutating func add(_ measure: StatMeasure, _ amount: Int64) { counters[measure.index] += amount }
    public mutating func insert(_ measure: StatDistinct, _ id: String) { distinct[measure.index].insert(id) }
    public mutating func record(_ measure: StatDuration, days: Int) { durations[measure.index].add(days: days) }

    public mutating func merge(_ other: StatMeasures) {
        for i in counters.indices { counters[i] += other.counters[i] }
        for i in distinct.indices where !other.distinct[i].isEmpty { distinct[i].formUnion(other.distinct[i]) }
        for i in durations.indices where !other.durations[i].isEmpty { durations[i].merge(other.durations[i]) }
    }

    /// Only the flow parts of `other` (used for the months inside a period) or only its stock parts (for the months
    /// before it, which count towards stocks on the period's last day).
    mutating func merge(_ other: StatMeasures, stocksOnly: Bool) {
        guard stocksOnly else { return merge(other) }
        for measure in StatMeasure.allCases where measure.isStock { counters[measure.index] += other.counters[measure.index] }
    }

    public var isZero: Bool {
        counters.allSatisfy { $0 == 0 } && distinct.allSatisfy(\.isEmpty) && durations.allSatisfy(\.isEmpty)
    }

    /// The non-zero counters by name, for messages and test failures.
    public var nonZero: [String: Int64] {
        Dictionary(uniqueKeysWithValues: StatMeasure.allCases.compactMap { m in self[m] == 0 ? nil : (m.rawValue, self[m]) })
    }
}
