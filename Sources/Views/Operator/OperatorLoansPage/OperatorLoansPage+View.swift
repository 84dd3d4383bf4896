import Domain

extension OperatorLoansPage {
    public static func render(_ model: Model) -> String {
        let f = model.filters
        let filters: [PortalPage.Field] = [
            .init("q", "企业", value: f.text, hint: "名称中的词或统一社会信用代码开头"),
            .init("institution", "金融机构", kind: .select([SelectOption(value: "", label: "全部机构")] + f.institutions)),
            .init("district", "区县", kind: .select([SelectOption(value: "", label: "全部区县")] + f.districts)),
            .init("state", "状态", kind: .select([SelectOption(value: "", label: "全部")] + f.states)),
            .init("class", "五级分类", kind: .select([SelectOption(value: "", label: "全部分类")] + f.classes)),
        ]
        return PortalPage.render(model.context, title: "贷款", subtitle: "经平台发放的贷款及其余额、逾期与五级分类",
                                 actions: [.init("导出 CSV", href: model.exportHref)], [
            .stats([
                .init("贷款笔数", Format.count(model.count), hint: "笔"),
                .init("在贷余额", Format.money(model.outstanding)),
                .init("逾期", Format.count(model.overdue), hint: "笔", tone: model.overdue > 0 ? .danger : .success),
            ]),
            .form(.init(title: "筛选", id: "filter", action: "/console/loans", method: .get, fields: filters, submitLabel: "筛选")),
            .table(.init(title: "贷款", id: "loans",
                         headers: ["编号", "企业", "金融机构 / 产品", "本金", "利率", "期限", "放款日", "余额", "逾期天数", "分类", "状态"],
                         rows: model.rows.map { row in
                             [.mono("#\(row.id)"), .link(row.firmName, href: "/console/enterprises/\(row.uscc)"),
                              .twoLines(row.institutionName, row.productName), .text(Format.money(row.principal)),
                              .text(Format.percent(row.rate)), .text(Format.months(row.termMonths)), .text(row.disbursedOn.description),
                              .text(Format.money(row.outstanding)), .text(row.overdueDays > 0 ? "\(row.overdueDays)" : "—"),
                              LoanBlocks.classBadge(row.classification),
                              row.settled ? .badge("已结清", tone: .neutral) : row.overdueDays > 0 ? .badge("逾期", tone: .danger) : .badge("还款中", tone: .info)]
                         }, emptyText: "没有符合条件的贷款")),
            .pagination(model.pagination),
        ])
    }
}
