import Domain

extension OperatorApplicationsPage {
    public static func render(_ model: Model) -> String {
        let f = model.filters
        let filters: [PortalPage.Field] = [
            .init("q", "企业", value: f.text, hint: "名称中的词或统一社会信用代码开头"),
            .init("institution", "金融机构", kind: .select([SelectOption(value: "", label: "全部机构")] + f.institutions)),
            .init("district", "区县", kind: .select([SelectOption(value: "", label: "全部区县")] + f.districts)),
            .init("status", "状态", kind: .select([SelectOption(value: "", label: "全部状态")] + f.statuses)),
            .init("from", "申请日期从", kind: .date, value: f.from),
            .init("to", "至", kind: .date, value: f.to),
        ]
        return PortalPage.render(model.context, title: "贷款申请", subtitle: "全市企业向各金融机构提交的贷款申请及其办理状态",
                                 actions: [.init("导出 CSV", href: model.exportHref)], [
            .stats(model.statusCounts.map { count in
                .init(count.status.label, Format.count(count.count), href: count.href, tone: count.count > 0 && count.status.isOpen ? .info : .neutral)
            }),
            .form(.init(title: "筛选", id: "filter", action: "/console/applications", method: .get, fields: filters, submitLabel: "筛选")),
            .table(.init(title: "申请（共 \(Format.count(model.total)) 笔）", id: "applications",
                         headers: ["编号", "企业", "金融机构 / 产品", "申请金额", "期限", "状态", "提交时间", "最近办理"],
                         rows: model.rows.map { row in
                             [.mono("#\(row.id)"), .link(row.firmName, href: "/console/enterprises/\(row.uscc)"),
                              .twoLines(row.institutionName, row.productName), .text(Format.money(row.amount)),
                              .text(Format.months(row.termMonths)), ApplicationBlocks.badge(row.status),
                              .text(Format.dateTime(row.createdAt)), .text(Format.dateTime(row.updatedAt))]
                         }, emptyText: "没有符合条件的申请")),
            .pagination(model.pagination),
        ])
    }
}
