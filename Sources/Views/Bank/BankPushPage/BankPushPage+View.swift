import Domain

extension BankPushPage {
    public static func render(_ model: Model) -> String {
        let p = model.push
        let path = "/bank/recommended/\(p.id)/response"
        var blocks: [PortalPage.Block] = [.facts(title: "推荐企业", [
            .init("企业", "\(p.firmName)（\(p.uscc)）"),
            .init("融资需求", "\(Format.money(cents: p.amountCents))，\(Format.months(p.termMonths))"),
            .init("用途", p.purpose),
            .init("推送日", p.pushedOn.description),
            .init("授信决定期限", cell: RecommendationCells.clock(p, today: model.today)),
            .init("状态", cell: .badge(p.status.label, tone: RecommendationCells.tone(p.status))),
            .init("反馈", BankPushesPage.outcome(p)),
        ])]
        if p.status == .awaiting {
            blocks.append(.form(.init(title: "已对接走访", id: "contacted", action: path, fields: [
                .init("kind", "", kind: .hidden, value: "contacted"),
                .init("note", "对接情况", kind: .textarea),
            ], submitLabel: "记录对接", note: "对接不停止授信决定的计时。")))
        }
        if p.status == .awaiting || p.status == .contacted {
            blocks.append(.form(.init(title: "授信", id: "granted", action: path, fields: [
                .init("kind", "", kind: .hidden, value: "granted"),
                .init("granted_yuan", "授信金额（元）", kind: .number, isRequired: true),
                .init("note", "说明", kind: .textarea),
            ], submitLabel: "记录授信")))
            blocks.append(.form(.init(title: "婉拒", id: "declined", action: path, fields: [
                .init("kind", "", kind: .hidden, value: "declined"),
                .init("reason", "婉拒原因", kind: .textarea, isRequired: true),
                .init("help", "为企业提供的帮助（解释、推荐其他产品或渠道）", kind: .textarea, isRequired: true),
            ], submitLabel: "记录婉拒")))
        }
        if p.status == .awaiting || p.status == .contacted || p.status == .granted {
            blocks.append(.form(.init(title: "放款", id: "disbursed", action: path, fields: [
                .init("kind", "", kind: .hidden, value: "disbursed"),
                .init("amount_yuan", "放款金额（元）", kind: .number, isRequired: true),
                .init("rate_percent", "年利率（%）", kind: .number, isRequired: true),
                .init("disbursed_on", "放款日期", kind: .date, value: model.today.description, isRequired: true),
                .init("flags", "贷款类型", kind: .checkboxes([
                    SelectOption(value: "credit", label: "信用贷款"), SelectOption(value: "first", label: "首贷"),
                    SelectOption(value: "renewal", label: "无还本续贷"),
                ])),
                .init("note", "说明", kind: .textarea),
            ], submitLabel: "记录放款")))
        }
        blocks.append(.table(.init(title: "记录", id: "steps", headers: ["时间", "状态", "操作人", "说明"], rows: p.steps.map { s in
            [.text(Format.time(s.at)), .badge(s.status.label, tone: RecommendationCells.tone(s.status)), .text(s.by), .text(s.note)]
        }, emptyText: "")))
        return PortalPage.render(model.context, title: "推荐企业 · \(p.firmName)", actions: [.init("返回推荐企业", href: "/bank/recommended")], blocks)
    }
}
