import Domain
import Plot

/// A league table of the evaluation, on the evaluation page and in the bulletin.
enum LeagueTable {
    static func groups(_ scheme: PointsScheme.Version) -> [String] {
        var seen: [String] = []
        for item in scheme.items where !seen.contains(item.group) { seen.append(item.group) }
        return seen
    }

    /// Centipoints as points: `87.25`.
    static func points(_ centipoints: Int) -> String {
        let sign = centipoints < 0 ? "-" : "", c = centipoints.magnitude
        return "\(sign)\(c / 100).\(c % 100 < 10 ? "0" : "")\(c % 100)"
    }

    /// How an item is scored, in Chinese.
    static func rule(_ item: PointsScheme.Item) -> String {
        let indicator = item.rule.indicator.flatMap(IndicatorCatalog.indicator)
        let name = indicator?.name ?? "—"
        switch item.rule.kind {
        case .manual:
            return "由信用中心评分（0至\(item.maxPoints)分）"
        case .shareOfBest:
            return "\(name)与最高者之比 × \(item.maxPoints)分"
        case .target:
            let target = indicator.map { IndicatorValue(item.rule.target ?? 0).text($0.unit) } ?? "—"
            return "\(name) ÷ 目标值\(target) × \(item.maxPoints)分，最高\(item.maxPoints)分"
        case .rankBonus:
            let basis = switch item.rule.basis ?? .growth {
            case .growth: "增速"
            case .change: (item.rule.higherIsBetter ?? true) ? "增幅" : "降幅"
            case .level: ""
            }
            let ranks = (item.rule.points ?? []).enumerated().map { "第\($0.offset + 1)名\($0.element)分" }.joined(separator: "、")
            return "按\(name)\(basis)排名加分：\(ranks)"
        }
    }

    static func card(title: String, scheme: PointsScheme.Version, table: [LeagueRow], values: [String: [String: IndicatorValue]],
                     names: [String: String], expandable: Bool, id: String = "league") -> BodyNode {
        let groups = groups(scheme)
        guard !table.isEmpty else { return StatArea.card(title, id: id, emptyState("本期暂无评价数据")) }
        let rows: [[BodyNode]] = table.map { row in
            let byGroup = Dictionary(uniqueKeysWithValues: row.byGroup.map { ($0.group, $0.centipoints) })
            return [StatArea.figure("\(row.rank)"), .text(names[row.subject] ?? row.subject), .strong(StatArea.figure(row.pointsText))]
                + groups.map { StatArea.figure(points(byGroup[$0] ?? 0)) }
                + (expandable ? [details(row, scheme: scheme, values: values[row.subject] ?? [:])] : [])
        }
        return StatArea.card(title, id: id, flush: true, StatArea.table(
            headers: ["名次", "名称", "总分"] + groups + (expandable ? ["明细"] : []),
            numeric: Set([0, 2] + groups.indices.map { $0 + 3 }), rows: rows))
    }

    static func details(_ row: LeagueRow, scheme: PointsScheme.Version, values: [String: IndicatorValue]) -> BodyNode {
        let codes = Dictionary(uniqueKeysWithValues: scheme.items.map { ($0.code, $0.rule.indicator) })
        return .details(.cls("item-scores"), .summary(.text("各项得分")), .ul(.forEach(row.items) { item in
            let indicator = codes[item.code].flatMap { $0 }.flatMap(IndicatorCatalog.indicator)
            let value = indicator.map { "（\($0.name) \((values[$0.code] ?? .undefined).text($0.unit))）" } ?? ""
            return .li(.text("\(item.label)：\(points(item.centipoints))/\(item.maxPoints)分\(value)"))
        }))
    }
}
