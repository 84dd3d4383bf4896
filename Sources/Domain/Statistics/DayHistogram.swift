/// Exact counts of whole-day durations: merged by adding counts, so the median over a quarter or over the city is
/// exact whatever cells it is put together from.
public struct DayHistogram: Hashable, Sendable, Codable {
    /// Days → how many.
    public private(set) var counts: [Int: Int64]

    public init(_ counts: [Int: Int64] = [:]) { self.counts = counts.filter { $0.value != 0 } }

    public var isEmpty: Bool { counts.isEmpty }

    public var total: Int64 { counts.values.reduce(0, +) }

    public mutating func add(days: Int, count: Int64 = 1) {
        let new = counts[days, default: 0] + count
        counts[days] = new == 0 ? nil : new
    }

    public mutating func merge(_ other: DayHistogram) {
        for (days, count) in other.counts { add(days: days, count: count) }
    }

    /// The nearest-rank percentile: the least d such that at least ⌈p/100 × n⌉ observations are ≤ d. Nil when
    /// there are none. `percentile(50)` of 1, 2, 3, 10 is 2; of 1, 2, 3 it is 2.
    public func percentile(_ p: Int) -> Int? {
        precondition((1...100).contains(p), "percentile must be 1...100")
        let n = total
        guard n > 0 else { return nil }
        let rank = (Int64(p) * n + 99) / 100
        var seen: Int64 = 0
        for days in counts.keys.sorted() {
            seen += counts[days]!
            if seen >= rank { return days }
        }
        return nil
    }
}
