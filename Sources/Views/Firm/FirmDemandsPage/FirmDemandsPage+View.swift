import Domain

extension FirmDemandsPage {
    public static func render(_ model: Model) -> String {
        let names = model.institutionNames
        return PortalPage.render(model.context, title: "融资需求", subtitle: "发布后进入需求池，由金融机构抢单对接", [
            .table(.init(title: "我的需求", id: "demands", headers: ["编号", "金额", "期限", "用途", "时效", "状态", "接单机构与经办人", "对接进展", "操作"],
                         rows: model.demands.map { d in
                [.text("#\(d.id)"), .text(Format.money(cents: d.amountCents)), .text(Format.months(d.termMonths)), .text(d.purpose),
                 .text(d.urgency.label), .badge(d.status.label, tone: d.status == .taken ? .success : .info),
                 d.takenBy.map { .twoLines(names[$0] ?? "—", model.progress[d.id]?.officerText ?? "—") } ?? .text("—"),
                 d.takenBy == nil ? .text("—") : model.progress[d.id]?.latestCell ?? .text("—"),
                 d.status == .open ? .actions([.init("撤回", path: "/firm/demands/\(d.id)/withdraw", confirm: "确定撤回该融资需求？")])
                    : d.takenBy != nil ? .link("查看进展", href: "/firm/demands/\(d.id)") : .text("")]
            }, emptyText: "还没有发布融资需求")),
            .form(.init(title: "发布融资需求", id: "new-demand", action: "/firm/demands", fields: [
                .init("amount_yuan", "融资金额（元）", kind: .number, isRequired: true),
                .init("term_months", "期限（月）", kind: .number, value: "12", isRequired: true),
                .init("purpose", "资金用途", isRequired: true),
                .init("urgency", "多久需要", kind: .options(DemandUrgency.allCases.map { ($0.rawValue, $0.label) },
                                                            selected: DemandUrgency.withinMonth.rawValue)),
            ], submitLabel: "发布")),
        ])
    }
}
