import Domain

extension OperatorDemandsPage {
    public static func render(_ model: Model) -> String {
        let f = model.filters
        let filters: [PortalPage.Field] = [
            .init("q", "企业", value: f.text, hint: "名称中的词或统一社会信用代码开头"),
            .init("institution", "接单机构", kind: .select([SelectOption(value: "", label: "全部机构")] + f.institutions)),
            .init("district", "区县", kind: .select([SelectOption(value: "", label: "全部区县")] + f.districts)),
            .init("status", "状态", kind: .select([SelectOption(value: "", label: "全部状态")] + f.statuses)),
            .init("from", "发布日期从", kind: .date, value: f.from),
            .init("to", "至", kind: .date, value: f.to),
        ]
        return PortalPage.render(model.context, title: "融资需求", subtitle: "全市企业发布的融资需求、接单机构与对接进展",
                                 actions: [.init("导出 CSV", href: model.exportHref)], [
            .stats(model.statusCounts.map { count in
                .init(count.status.label, Format.count(count.count), href: count.href,
                      tone: count.count > 0 && count.status == .open ? .info : .neutral)
            }),
            .form(.init(title: "筛选", id: "filter", action: "/console/demands", method: .get, fields: filters, submitLabel: "筛选")),
            .table(.init(title: "需求（共 \(Format.count(model.total)) 笔）", id: "demands",
                         headers: ["编号", "企业", "金额", "期限", "用途", "发布时间", "状态", "接单机构", "对接进展"],
                         rows: model.rows.map { row in
                             let d = row.demand
                             return [.mono("#\(d.id)"), .link(row.firmName, href: "/console/enterprises/\(d.uscc)"),
                                     .text(Format.money(cents: d.amountCents)), .text(Format.months(d.termMonths)), .text(d.purpose),
                                     .text(Format.dateTime(d.publishedAt)), .badge(d.status.label, tone: d.status == .open ? .info : .neutral),
                                     .text(row.institutionName ?? "—"), d.takenBy == nil ? .text("—") : row.progress.latestCell]
                         }, emptyText: "没有符合条件的需求")),
            .pagination(model.pagination),
        ])
    }
}
