import Domain
import Plot

extension EvaluationPage {
    public static func render(_ model: Model) -> String {
        let param = StatArea.periodParameter(model.period) ?? ""
        var content: [BodyNode] = [
            .nav(.cls("tabs"), .attr("aria-label", "评价对象"), .ul(.forEach(PointsSubject.allCases) { s in
                .li(.a(.attr("href", "/console/stats/evaluation?subject=\(s.rawValue)&period=\(Paths.encode(param))"),
                       .if(s == model.subject, .cls("is-active")), .if(s == model.subject, .attribute(named: "aria-current", value: "page")),
                       .text("\(StatArea.label(s))评价")))
            })),
            .form(.cls("card filter-form"), .attr("method", "get"), .attr("action", "/console/stats/evaluation"),
                  .input(.type(.hidden), .name("subject"), .attr("value", model.subject.rawValue)),
                  .div(.cls("filter-grid"), Forms.field(label: "评价期间", for: "evaluation-period", control: .input(
                    .id("evaluation-period"), .type(.text), .name("period"), .attr("value", param), .attr("placeholder", "2026-03 或 2026-Q1"),
                    .attr("pattern", "[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])")), hint: "按月填 2026-03，按季度填 2026-Q1")),
                  .div(.cls("form-actions"), .button(.type(.submit), .cls("btn btn-primary"), .text("查看")))),
            LeagueTable.card(title: "\(StatArea.periodTitle(model.period))\(StatArea.label(model.subject))积分排名", scheme: model.scheme,
                             table: model.table, values: model.values, names: model.names, expandable: true),
            schemeCard(model),
        ]
        if !model.bulletins.isEmpty {
            content.append(StatArea.card("已发布的通报", id: "bulletins", flush: true, StatArea.table(
                headers: ["标题", "发布日期"],
                rows: model.bulletins.map { [.a(.attr("href", "/console/stats/bulletins/\(Paths.encode($0.id))"), .text($0.title)),
                                             .text($0.issuedOn.description)] })))
        }
        if model.mayManage { content.append(publishForm(model, param: param)) }
        return StatArea.render(model.context, title: "考核评价", subtitle: "\(model.schemeName)（第\(model.scheme.version)版，满分\(model.scheme.maxPoints)分）",
                               active: "/console/stats/evaluation", mayManage: model.mayManage, actions: [
                                   .init("导出 CSV", href: "/console/stats/evaluation/export.csv?subject=\(model.subject.rawValue)&period=\(Paths.encode(param))"),
                                   .init("导出 Excel", href: "/console/stats/evaluation/export.xlsx?subject=\(model.subject.rawValue)&period=\(Paths.encode(param))"),
                               ], content)
    }

    static func schemeCard(_ model: Model) -> BodyNode {
        StatArea.card("积分方案", id: "scheme", flush: true, StatArea.table(
            headers: ["评分项", "分组", "分值", "计分方法"], numeric: [2],
            rows: model.scheme.items.map { item in
                [.text(item.label), .text(item.group), StatArea.figure("\(item.maxPoints)分"), .text(LeagueTable.rule(item))]
            }))
    }

    static func publishForm(_ model: Model, param: String) -> BodyNode {
        let title = BulletinPage.title(model.period)
        return StatArea.block(model.context, .form(.init(title: "发布通报", id: "publish", action: "/console/stats/bulletins", fields: [
            .init("period", "", kind: .hidden, value: param),
            .init("number", "文号", isRequired: true, hint: "如：大信用办〔2026〕3号"),
            .init("issuer", "发文单位", value: "大连市信用中心", isRequired: true),
            .init("issued_on", "发布日期", kind: .date, isRequired: true),
        ], submitLabel: "发布通报", note: "将按本期两张积分排名与汇总数据生成《\(title)》，并附结账快照摘要。",
           confirm: "确认发布《\(title)》？发布后不可撤回。")))
    }
}
