/// A total in the query index: like `StatMeasures`, but with each distinct id numbered (`StatIDTable`). A year's
/// query adds twelve months of firm ids; with numbers that is an array increment each instead of hashing an
/// 18-character USCC into a dictionary, which measured 150 ms for a year at a million loans.
struct StatIndexSums: Sendable, Equatable {
    var counters = [Int64](repeating: 0, count: StatMeasure.allCases.count)
    var distinct = [[Int32: Int32]](repeating: [:], count: StatDistinct.allCases.count)
    var durations = [DayHistogram](repeating: DayHistogram(), count: StatDuration.allCases.count)

    /// Adds a cell's measures (`sign` −1: takes them out).
    mutating func add(_ m: StatMeasures, sign: Int32, ids: inout StatIDTable) {
        for i in counters.indices where m.counters[i] != 0 { counters[i] += m.counters[i] * Int64(sign) }
        for i in distinct.indices {
            for (id, times) in m.distinct[i] {
                let key = ids.id(id)
                let new = distinct[i][key, default: 0] + times * sign
                distinct[i][key] = new == 0 ? nil : new
            }
        }
        for i in durations.indices where !m.durations[i].isEmpty {
            for (days, count) in m.durations[i].counts { durations[i].add(days: days, count: count * Int64(sign)) }
        }
    }

    var isZero: Bool { counters.allSatisfy { $0 == 0 } && distinct.allSatisfy(\.isEmpty) && durations.allSatisfy(\.isEmpty) }

    /// The sum of `flows` (counters, and the parts asked for) and of the stock counters of `stocks`, as measures.
    static func measures(flows: [StatIndexSums], stocks: [StatIndexSums], parts: StatParts, ids: StatIDTable) -> StatMeasures {
        var result = StatMeasures()
        for part in flows { for i in part.counters.indices { result.counters[i] += part.counters[i] } }
        for part in stocks { for i in StatMeasure.stockIndexes { result.counters[i] += part.counters[i] } }
        for measure in StatDistinct.allCases where parts.contains(measure) {
            let i = measure.index
            let sets = flows.map { $0.distinct[i] }.filter { !$0.isEmpty }
            if sets.count == 1, let only = sets.first {
                result.distinct[i] = Dictionary(uniqueKeysWithValues: only.map { (ids.string($0.key), $0.value) })
            } else if sets.count > 1 {
                result.distinct[i] = union(sets, ids: ids)
            }
        }
        for measure in StatDuration.allCases where parts.contains(measure) {
            for part in flows where !part.durations[measure.index].isEmpty { result.durations[measure.index].merge(part.durations[measure.index]) }
        }
        return result
    }

    /// Several multisets added in one array indexed by id, then read out once.
    static func union(_ sets: [[Int32: Int32]], ids: StatIDTable) -> [String: Int32] {
        var counts = [Int32](repeating: 0, count: ids.count)
        var seen: [Int32] = []
        for set in sets {
            for (id, times) in set {
                if counts[Int(id)] == 0 { seen.append(id) }
                counts[Int(id)] += times
            }
        }
        var result: [String: Int32] = [:]
        result.reserveCapacity(seen.count)
        for id in seen where counts[Int(id)] != 0 {
            result[ids.string(id)] = counts[Int(id)]
            counts[Int(id)] = 0
        }
        return result
    }
}

/// The distinct ids (firms, dataset slots) the index has seen, numbered once.
struct StatIDTable: Sendable {
    private var strings: [String] = []
    private var ids: [String: Int32] = [:]

    var count: Int { strings.count }

    mutating func id(_ string: String) -> Int32 {
        if let id = ids[string] { return id }
        let id = Int32(strings.count)
        strings.append(string)
        ids[string] = id
        return id
    }

    func string(_ id: Int32) -> String { strings[Int(id)] }
}
