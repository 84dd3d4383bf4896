import Domain

extension PublicRecommendationsPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = [
            .table(.init(title: "公示中的企业", id: "publicity", headers: ["编号", "企业", "统一社会信用代码", "来源", "公示期"],
                         rows: model.entries.map { e in
                [.mono("#\(e.id)"), .text(e.firmName), .mono(e.uscc), .text(e.source.label),
                 .text("\(e.publicityFrom?.description ?? "") 至 \(e.publicityUntil?.description ?? "")")]
            }, emptyText: "目前没有公示中的企业")),
            .pagination(model.pagination),
        ]
        if model.mayObject, !model.entries.isEmpty {
            blocks.append(.form(.init(title: "提出异议", id: "object", action: "/public/recommendations/objections", fields: [
                .init("entry", "企业", kind: .options(model.entries.map { (String($0.id), "#\($0.id) \($0.firmName)") }), isRequired: true),
                .init("reason", "异议理由与事实依据", kind: .textarea, isRequired: true),
            ], submitLabel: "提交异议", note: "异议由信用中心核查处理；异议成立的企业不列入推荐清单。")))
        } else if !model.entries.isEmpty {
            blocks.append(.notice("对公示企业有异议的，请登录后提出。", tone: .neutral))
        }
        return PortalPage.render(model.context, title: "推荐清单公示",
                                 subtitle: "经初筛和信用中心审核、拟列入小微企业融资推荐清单的企业，公示期满无异议后推送金融机构", blocks)
    }
}
