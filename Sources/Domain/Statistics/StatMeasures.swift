/// The additive parts of one cell, or of a query's answer: counters (cents, counts), distinct-id multisets and
/// duration histograms. Adding two is the only operation; every indicator is a function of one of these. Every part
/// can also be taken away again (a count of −1, an id removed once), so that an entity whose facts changed is
/// re-counted by removing its old events and adding its new ones.
public struct StatMeasures: Hashable, Sendable, Codable {
    public internal(set) var counters: [Int64]
    /// Per distinct measure, each id with how many events put it there (an id counts while that is positive).
    public internal(set) var distinct: [[String: Int32]]
    public internal(set) var durations: [DayHistogram]

    public init() {
        counters = Array(repeating: 0, count: StatMeasure.allCases.count)
        distinct = Array(repeating: [:], count: StatDistinct.allCases.count)
        durations = Array(repeating: DayHistogram(), count: StatDuration.allCases.count)
    }

    public static let zero = StatMeasures()

    public subscript(measure: StatMeasure) -> Int64 { counters[measure.index] }
    public subscript(distinct measure: StatDistinct) -> Set<String> { Set(distinct[measure.index].keys) }
    public subscript(duration measure: StatDuration) -> DayHistogram { durations[measure.index] }

    public func count(_ measure: StatDistinct) -> Int64 { Int64(distinct[measure.index].count) }

    public mutating func add(_ measure: StatMeasure, _ amount: Int64) { counters[measure.index] += amount }

    /// Puts `id` in (`times` > 0) or takes it out (`times` < 0).
    public mutating func insert(_ measure: StatDistinct, _ id: String, times: Int32 = 1) {
        let new = distinct[measure.index][id, default: 0] + times
        distinct[measure.index][id] = new == 0 ? nil : new
    }

    public mutating func record(_ measure: StatDuration, days: Int, count: Int64 = 1) {
        durations[measure.index].add(days: days, count: count)
    }

    public mutating func merge(_ other: StatMeasures) {
        for i in counters.indices { counters[i] += other.counters[i] }
        for i in distinct.indices where !other.distinct[i].isEmpty {
            // Into nothing: share the other's set (copy-on-write) instead of inserting its ids one by one, which
            // made a quarter's query re-hash every firm id of its first month.
            if distinct[i].isEmpty { distinct[i] = other.distinct[i]; continue }
            // One hash lookup per id (in place); a second only for an id that comes to nothing.
            for (id, times) in other.distinct[i] where Self.add(times, to: &distinct[i][id, default: 0]) { distinct[i][id] = nil }
        }
        for i in durations.indices where !other.durations[i].isEmpty { durations[i].merge(other.durations[i]) }
    }

    /// Adds to a multiplicity in place; true when it came to nothing.
    private static func add(_ times: Int32, to count: inout Int32) -> Bool {
        count += times
        return count == 0
    }

    /// Only the flow parts of `other` (used for the months inside a period) or only its stock parts (for the months
    /// before it, which count towards stocks on the period's last day).
    mutating func merge(_ other: StatMeasures, stocksOnly: Bool) {
        guard stocksOnly else { return merge(other) }
        for i in StatMeasure.stockIndexes { counters[i] += other.counters[i] }
    }

    public var isZero: Bool {
        counters.allSatisfy { $0 == 0 } && distinct.allSatisfy(\.isEmpty) && durations.allSatisfy(\.isEmpty)
    }

    /// The non-zero counters by name, for messages and test failures.
    public var nonZero: [String: Int64] {
        Dictionary(uniqueKeysWithValues: StatMeasure.allCases.compactMap { m in self[m] == 0 ? nil : (m.rawValue, self[m]) })
    }
}
