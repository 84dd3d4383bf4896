import Domain

extension PublicRedListPage {
    public static func render(_ model: Model) -> String {
        let inPublicity = model.entries.filter { $0.status == .inPublicity }
        var blocks: [PortalPage.Block] = [
            .table(.init(title: RedList.listName, id: "red-list", headers: ["企业", "统一社会信用代码", "状态", "公示期 / 有效期"],
                         rows: model.entries.map { e in
                [.text(e.name), .mono(e.uscc), .badge(e.status(on: model.today).label, tone: OperatorRedListPage.tone(e.status(on: model.today))),
                 .text(e.status == .inPublicity || e.status == .objecting
                       ? "公示至 \(e.publicityEnds?.description ?? "")" : "\(e.validFrom?.description ?? "") 至 \(e.validUntil?.description ?? "")")]
            }, emptyText: "暂无守信激励名单企业")),
            .pagination(model.pagination),
        ]
        if model.mayObject, !inPublicity.isEmpty {
            blocks.append(.form(.init(title: "提出异议", id: "object", action: "/public/red-list/objections", fields: [
                .init("entry", "企业", kind: .options(inPublicity.map { (String($0.id), $0.name) }), isRequired: true),
                .init("reason", "异议理由与事实依据", kind: .textarea, isRequired: true),
            ], submitLabel: "提交异议", note: "信用中心在 5 个工作日内书面答复；异议成立的不予列入。")))
        }
        return PortalPage.render(model.context, title: RedList.listName,
                                 subtitle: "纳税信用 A 级、信用评价优良且在本平台按时还款的企业，公示无异议后列入，享受绿色通道、容缺受理等激励", blocks)
    }
}
