/// What the evaluation is computed from: each subject's indicator values this period and the period before (for
/// growth), and the credit center's scores of the manual items, in hundredths of a point.
public struct PointsInput: Sendable, Equatable {
    public var subjects: [String]
    public var current: [String: [String: IndicatorValue]]
    public var previous: [String: [String: IndicatorValue]]
    /// Subject → item code → centipoints.
    public var manual: [String: [String: Int]]

    public init(subjects: [String], current: [String: [String: IndicatorValue]], previous: [String: [String: IndicatorValue]] = [:],
                manual: [String: [String: Int]] = [:]) {
        self.subjects = subjects; self.current = current; self.previous = previous; self.manual = manual
    }
}

/// One item's score for one subject.
public struct ItemScore: Hashable, Sendable, Codable {
    public var code: String
    public var label: String
    public var group: String
    public var maxPoints: Int
    /// Hundredths of a point.
    public var centipoints: Int
}

/// One line of a league table.
public struct LeagueRow: Hashable, Sendable, Codable {
    /// Competition ranking: equal totals share a rank and the next rank is skipped (1, 2, 2, 4).
    public var rank: Int
    public var subject: String
    public var centipoints: Int
    public var items: [ItemScore]

    /// `87.25`.
    public var pointsText: String { IndicatorValue.hundredths(Int64(centipoints) * 100, per: 10_000) }

    /// The points per group (信贷投放 …), in the scheme's order.
    public var byGroup: [(group: String, centipoints: Int)] {
        var order: [String] = [], sums: [String: Int] = [:]
        for item in items {
            if sums[item.group] == nil { order.append(item.group) }
            sums[item.group, default: 0] += item.centipoints
        }
        return order.map { ($0, sums[$0]!) }
    }
}

extension PointsScheme.Version {
    /// Scores every subject and ranks them. The order within equal totals is fixed: by the items' points in the
    /// scheme's order (the first item first), then by subject code, so the same input always prints the same table.
    public func leagueTable(_ input: PointsInput) -> [LeagueRow] {
        var scores: [String: [ItemScore]] = Dictionary(uniqueKeysWithValues: input.subjects.map { ($0, []) })
        for item in items {
            let points = score(item, input)
            for subject in input.subjects {
                scores[subject]!.append(ItemScore(code: item.code, label: item.label, group: item.group, maxPoints: item.maxPoints,
                                                  centipoints: points[subject] ?? 0))
            }
        }
        let totals = scores.mapValues { $0.reduce(0) { $0 + $1.centipoints } }
        let ordered = input.subjects.sorted { a, b in
            if totals[a]! != totals[b]! { return totals[a]! > totals[b]! }
            for (x, y) in zip(scores[a]!, scores[b]!) where x.centipoints != y.centipoints { return x.centipoints > y.centipoints }
            return a < b
        }
        return ordered.map { subject in
            LeagueRow(rank: 1 + totals.values.filter { $0 > totals[subject]! }.count, subject: subject,
                      centipoints: totals[subject]!, items: scores[subject]!)
        }
    }

    /// Centipoints of `item` per subject.
    func score(_ item: PointsScheme.Item, _ input: PointsInput) -> [String: Int] {
        let full = Int64(item.maxPoints) * 100
        func value(_ s: String) -> Int64? { item.rule.indicator.flatMap { input.current[s]?[$0]?.value } }
        func points(_ v: Int64?) -> Int { Int(v ?? 0) }
        switch item.rule.kind {
        case .manual:
            return Dictionary(uniqueKeysWithValues: input.subjects.map { s in
                (s, min(max(input.manual[s]?[item.code] ?? 0, 0), item.maxPoints * 100))
            })
        case .shareOfBest:
            let best = input.subjects.compactMap(value).max() ?? 0
            return Dictionary(uniqueKeysWithValues: input.subjects.map { s in
                guard best > 0, let v = value(s), v > 0 else { return (s, 0) }
                return (s, points(IndicatorValue.divide(v, by: best, scale: full)))
            })
        case .target:
            let target = item.rule.target ?? 0
            return Dictionary(uniqueKeysWithValues: input.subjects.map { s in
                guard target > 0, let v = value(s), v > 0 else { return (s, 0) }
                return (s, points(min(full, IndicatorValue.divide(v, by: target, scale: full) ?? 0)))
            })
        case .rankBonus:
            let higher = item.rule.higherIsBetter ?? true
            var keys: [String: Int64] = [:]
            for s in input.subjects {
                let now = value(s), before = item.rule.indicator.flatMap { input.previous[s]?[$0]?.value }
                switch item.rule.basis ?? .growth {
                case .level: keys[s] = now
                case .change: if let now, let before { keys[s] = now - before }
                case .growth:
                    if let now, let before, before > 0 { keys[s] = IndicatorValue.divide(now - before, by: before, scale: IndicatorValue.perMillion) }
                }
            }
            let table = item.rule.points ?? []
            return Dictionary(uniqueKeysWithValues: input.subjects.map { s in
                guard let key = keys[s] else { return (s, 0) }
                let rank = 1 + keys.values.filter { higher ? $0 > key : $0 < key }.count
                return (s, rank <= table.count ? table[rank - 1] * 100 : 0)
            })
        }
    }
}

extension StatSource {
    /// The evaluation's input for `subjects` (district codes or institution ids) over `period` (a month or a
    /// quarter), the previous period being the one of the same length just before.
    public func pointsInput(_ version: PointsScheme.Version, subject: PointsSubject, subjects: [String], period: StatPeriod,
                            manual: [String: [String: Int]] = [:]) throws(DomainError) -> PointsInput {
        var current: [String: [String: IndicatorValue]] = [:], previous: [String: [String: IndicatorValue]] = [:]
        for s in subjects {
            let filter = StatFilter([subject.dimension: s])
            current[s] = try values(version.indicators, period: period, filter: filter)
            previous[s] = try values(version.indicators, period: period.previous, filter: filter)
        }
        return PointsInput(subjects: subjects, current: current, previous: previous, manual: manual)
    }
}
