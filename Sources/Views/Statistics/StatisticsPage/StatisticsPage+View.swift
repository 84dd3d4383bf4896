import Domain
import Plot

extension StatisticsPage {
    public static func render(_ model: Model) -> String {
        let query = model.query.queryString
        var content: [BodyNode] = [status(model), filterForm(model)]
        if model.values.isEmpty {
            content.append(emptyState("\(model.period.label)暂无统计数据", "请选择其他期间，或放宽筛选条件。"))
        } else {
            content += IndicatorGroup.allCases.map { group in groupCard(group, values: model.values) }
            content += [breakdownCard(model), trendCard(model)]
        }
        return StatArea.render(model.context, title: "统计分析", subtitle: subtitle(model), active: "/console/stats",
                               mayManage: model.mayManage, actions: [
                                   .init("导出 CSV", href: "/console/stats/export.csv?\(query)"),
                                   .init("导出 Excel", href: "/console/stats/export.xlsx?\(query)"),
                               ], content)
    }

    /// `2026年1月至3月 · 区县：中山区`.
    static func subtitle(_ model: Model) -> String {
        let filters = StatDimension.allCases.compactMap { d in
            model.query.filter.values[d].map { "\(d.label)：\(model.names.name(d, $0))" }
        }
        return ([model.period.label] + (filters.isEmpty ? ["全市"] : filters)).joined(separator: " · ")
    }

    static func status(_ model: Model) -> BodyNode {
        guard let digest = model.closedDigest else { return .empty }
        return .p(.cls("stat-status"), .span(.cls("badge badge-success"), .attr("title", "快照摘要（SHA-256）：\(digest)"),
                                             .text("已结账 · 摘要 \(StatArea.shortDigest(digest))")))
    }

    /// The chosen indicator, or the catalog's first when the code is unknown.
    static func indicator(_ model: Model) -> Indicator? {
        IndicatorCatalog.indicator(model.query.indicator) ?? IndicatorCatalog.all.first
    }

    static func groupLabel(_ dimension: StatDimension?) -> String { dimension?.label ?? "月份" }

    static func filterForm(_ model: Model) -> BodyNode {
        let q = model.query
        let quarters = Array(Set(model.availableMonths.map { "\($0.year)-Q\($0.quarter)" })).sorted().reversed()
        let groupings = [SelectOption(value: "month", label: "按月", isSelected: q.groupBy == nil)]
            + StatDimension.allCases.map { SelectOption(value: $0.rawValue, label: "按\($0.label)", isSelected: q.groupBy == $0) }
        let indicators = IndicatorCatalog.all.map {
            SelectOption(value: $0.code, label: "\($0.group.label) · \($0.name)", isSelected: $0.code == q.indicator)
        }
        return .form(
            .cls("card filter-form stat-filter"), .attr("method", "get"), .attr("action", "/console/stats"),
            .div(.cls("filter-grid"),
                 Forms.field(label: "起始月份", for: "stat-from", control: .input(.id("stat-from"), .type(.month), .name("from"),
                                                                             .attr("value", q.from.description))),
                 Forms.field(label: "截止月份", for: "stat-to", control: .input(.id("stat-to"), .type(.month), .name("to"),
                                                                           .attr("value", q.to.description))),
                 Forms.field(label: "或按季度", for: "stat-quarter", control: Forms.select(
                    name: "quarter", id: "stat-quarter",
                    options: quarters.map { SelectOption(value: $0, label: quarterLabel($0), isSelected: $0 == q.quarter) },
                    allLabel: "—")),
                 Forms.field(label: "按…分组", for: "stat-by", control: Forms.select(name: "by", id: "stat-by", options: groupings)),
                 Forms.field(label: "分组指标", for: "stat-indicator", control: Forms.select(name: "indicator", id: "stat-indicator",
                                                                                       options: indicators)),
                 .group(StatDimension.allCases.map { d in
                     Forms.field(label: d.label, for: "stat-\(d.rawValue)", control: Forms.select(
                        name: d.rawValue, id: "stat-\(d.rawValue)",
                        options: model.names.options(d).map { SelectOption(value: $0.value, label: $0.name, isSelected: q.filter.values[d] == $0.value) },
                        allLabel: "全部"))
                 })),
            .div(.cls("form-actions"), .button(.type(.submit), .cls("btn btn-primary"), .text("查询")))
        )
    }

    /// `2026-Q1` → `2026年第1季度`.
    static func quarterLabel(_ value: String) -> String {
        let parts = value.split(separator: "-")
        guard parts.count == 2, parts[1].hasPrefix("Q") else { return value }
        return "\(parts[0])年第\(parts[1].dropFirst())季度"
    }

    static func groupCard(_ group: IndicatorGroup, values: [String: IndicatorValue]) -> BodyNode {
        let indicators = IndicatorCatalog.all.filter { $0.group == group }
        return StatArea.card(group.label, id: "group-\(group.rawValue)", .dl(.cls("indicator-grid"), .group(indicators.map { i in
            .div(.cls("indicator"), .id("i-\(i.code)"),
                 .dt(IndicatorLink.node(i)),
                 .dd(StatArea.figure((values[i.code] ?? .undefined).text(i.unit))))
        })))
    }

    static func breakdownCard(_ model: Model) -> BodyNode {
        guard let indicator = indicator(model) else { return .empty }
        let dimension = model.query.groupBy
        let label: (String) -> String = { key in
            guard let dimension else { return StatMonth(text: key)?.label ?? key }
            return model.names.name(dimension, key)
        }
        let title = "\(indicator.name)按\(groupLabel(dimension))"
        guard !model.breakdown.isEmpty else { return StatArea.card(title, id: "breakdown", emptyState("暂无数据")) }
        let rows: [[BodyNode]] = model.breakdown.map { row in [.text(label(row.key)), StatArea.figure(row.value.text(indicator.unit))] }
        let chart = BarChart(title: title, items: model.breakdown.map { row in
            BarChart.Item(label: label(row.key), value: Int(clamping: max(0, row.value.value ?? 0)), text: row.value.text(indicator.unit))
        }, unit: indicator.unit.label, id: "breakdown-chart")
        return StatArea.card(title, id: "breakdown", link: .init("导出 CSV", href: "/console/stats/export.csv?\(model.query.queryString)"), .group(
            StatArea.table(headers: [groupLabel(dimension), indicator.name], numeric: [1], rows: rows),
            .div(.cls("chart"), chart.node())
        ))
    }

    static func trendCard(_ model: Model) -> BodyNode {
        guard let indicator = indicator(model) else { return .empty }
        let title = "\(indicator.name)逐月走势"
        let chart = LineChart(title: title, points: model.trend.map { row in
            LineChart.Point(label: StatMonth(text: row.key)?.label ?? row.key, value: row.value.value,
                            text: row.value.text(indicator.unit))
        }, id: "trend-chart")
        return StatArea.card(title, id: "trend", .div(.cls("chart"), chart.node()))
    }
}
