import Domain

extension BankAlertPage {
    public static func render(_ model: Model) -> String {
        let a = model.alert
        let path = "/bank/alerts/\(a.id)/response"
        var blocks: [PortalPage.Block] = [.facts(title: "预警", [
            .init("企业", "\(a.firmName)（\(a.uscc)）"),
            .init("预警等级", cell: AlertCells.level(a.level, score: a.score)),
            .init("本机构与企业的关系", a.relation.label),
            .init("生成日", a.openedOn.description),
            .init("最近评估", "\(a.assessedOn)（预警规则第 \(a.rulesVersion) 版）"),
            .init("签收期限", model.acknowledgeBy?.description ?? "—"),
            .init("反馈期限", model.resolveBy?.description ?? "—"),
            .init("时限", cell: a.isOpen ? AlertCells.light(model.escalation) : .text("已办结")),
            .init("状态", cell: AlertCells.status(a.status)),
        ])]
        blocks.append(.table(.init(title: "风险信号", id: "signals", headers: ["信号", "说明", "发现日", "分值"], rows: a.signals.map { s in
            [.text(s.label), .text(s.text), .text(s.detectedOn.description), .text("+\(s.points)")]
        }, emptyText: "没有计分的风险信号")))
        blocks.append(.text(title: "评分说明", paragraphs: [a.explanation, "平台只提示风险，不调整贷款的五级分类；分类由贷款机构自行认定。"]))
        var answer: [String: String] = [:]
        if let note = a.response.confirmationNote { answer["确认说明"] = note }
        if let reason = a.response.dismissalReason { answer["排除理由"] = reason }
        if let measure = a.response.measure { answer["处置措施"] = measure }
        if !answer.isEmpty {
            blocks.append(.facts(title: "本机构的反馈", answer.keys.sorted().map { .init($0, answer[$0] ?? "") }))
        }
        switch a.status {
        case .open:
            blocks.append(.form(.init(title: "签收", id: "acknowledge", action: path, fields: [
                .init("action", "", kind: .hidden, value: "acknowledge"),
            ], submitLabel: "签收预警", note: "签收后请核实并反馈：确认风险、排除预警（须说明理由）或登记处置措施。")))
        case .acknowledged:
            blocks.append(.form(.init(title: "确认风险", id: "confirm", action: path, fields: [
                .init("action", "", kind: .hidden, value: "confirm"),
                .init("note", "确认说明", kind: .textarea),
            ], submitLabel: "确认风险", note: "确认后仍须登记处置措施。")))
            blocks.append(.form(.init(title: "排除预警", id: "dismiss", action: path, fields: [
                .init("action", "", kind: .hidden, value: "dismiss"),
                .init("reason", "排除理由", kind: .textarea, isRequired: true),
            ], submitLabel: "排除预警")))
            blocks.append(handleForm(path))
        case .confirmed:
            blocks.append(handleForm(path))
        case .dismissed, .handled:
            break
        }
        blocks.append(.table(.init(title: "记录", id: "steps", headers: ["日期", "事项", "操作人", "说明"], rows: a.steps.map { s in
            [.text(s.day.description), .text(s.label), .text(s.by), .text(s.note)]
        }, emptyText: "")))
        return PortalPage.render(model.context, title: "风险预警 · \(a.firmName)", actions: [.init("返回风险预警", href: "/bank/alerts")], blocks)
    }

    static func handleForm(_ path: String) -> PortalPage.Block {
        .form(.init(title: "登记处置措施", id: "handle", action: path, fields: [
            .init("action", "", kind: .hidden, value: "handle"),
            .init("measure", "处置措施（如压降额度、追加担保、提前收回、加强贷后检查）", kind: .textarea, isRequired: true),
        ], submitLabel: "登记处置"))
    }
}
