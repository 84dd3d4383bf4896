import Domain

extension BankDemandPage {
    public static func render(_ model: Model) -> String {
        let d = model.demand, p = model.progress
        var blocks: [PortalPage.Block] = []
        if p.contactOverdue, let deadline = p.contactDeadline {
            blocks.append(.notice("已超过联系期限（\(deadline)），请尽快联系企业并登记进展。", tone: .danger))
        }
        blocks.append(.facts(title: "企业与联系人", [
            .init("企业", model.firmName ?? "（未登记）"),
            .init("统一社会信用代码", d.uscc),
            .init("联系人", model.firmContact ?? "—"),
            .init("联系电话", model.firmPhone ?? "—"),
            model.reportAuthorised
                ? .init("信用报告", cell: .link("查看信用报告（查询将记录并告知企业）", href: "/bank/demands/\(d.id)/report"))
                : .init("信用报告", "企业尚未授权贵机构查阅，联系企业时可请其在平台“授权管理”中授权"),
        ]))
        blocks.append(.facts(title: "融资需求", [
            .init("金额", Format.money(cents: d.amountCents)), .init("期限", Format.months(d.termMonths)), .init("用途", d.purpose),
            .init("时效", d.urgency.label), .init("发布时间", Format.time(d.publishedAt)),
            .init("接单时间", d.takenAt.map(Format.time) ?? "—"),
            .init("联系期限", p.contactDeadline.map { "\($0) 前联系企业" } ?? "—"),
            .init("状态", cell: .badge(d.status.label, tone: d.status == .taken ? .info : .neutral)),
        ]))
        blocks.append(p.table)
        if d.status == .taken {
            blocks.append(.form(.init(title: "登记跟进", id: "follow-up", action: "/bank/demands/\(d.id)/follow-ups", fields: [
                .init("step", "进展", kind: .options(DemandFollowUpStep.recordable.map { ($0.rawValue, $0.label) }), isRequired: true),
                .init("note", "说明", kind: .textarea, hint: "不予对接须写明原因，企业会看到；转为申请请注明申请编号"),
            ], submitLabel: "登记", note: "“已转为贷款申请”和“不予对接”将办结该需求。")))
        }
        return PortalPage.render(model.context, title: "需求 #\(d.id)", subtitle: "本机构接单的融资需求", blocks)
    }
}
