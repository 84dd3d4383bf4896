import Domain
import Plot

extension StatGlossaryPage {
    public static func render(_ model: Model) -> String {
        let groups = IndicatorGroup.allCases.filter { g in model.indicators.contains { $0.group == g } }
        let content: [BodyNode] = [
            .nav(.cls("card glossary-toc"), .attr("aria-label", "指标分组"), .ul(.forEach(groups) { g in
                .li(.a(.attr("href", "#group-\(g.rawValue)"), .text("\(g.label)（\(model.indicators.filter { $0.group == g }.count)项）")))
            })),
        ] + groups.map { g in
            StatArea.card(g.label, id: "group-\(g.rawValue)", .div(.cls("glossary"), .group(model.indicators.filter { $0.group == g }.map {
                entry($0, version: model.catalogVersion)
            })))
        }
        return StatArea.render(model.context, title: "指标说明",
                               subtitle: "指标目录第\(model.catalogVersion)版，共\(model.indicators.count)项；各页面、导出与接口均按同一口径计算",
                               active: "/console/stats/glossary", mayManage: model.mayManage, content)
    }

    static func entry(_ i: Indicator, version: Int) -> BodyNode {
        .article(.cls("glossary-entry"), .id(i.code),
                 .h3(.cls("glossary-name"), .text(i.name), .text(" "), .span(.cls("mono muted small"), .text(i.code))),
                 .dl(.cls("kv-grid"),
                     fact("分组", i.group.label), fact("单位", i.unit.label), fact("类型", i.kind.label),
                     fact("定义", i.definition), fact("计算方法", FormulaText.describe(i.formula)), fact("目录版本", "第\(version)版")))
    }

    static func fact(_ label: String, _ value: String) -> Node<HTML.DescriptionListContext> {
        .div(.cls("kv"), .dt(.text(label)), .dd(.text(value)))
    }
}
