import Domain

extension BankCreditLinesPage {
    public static func render(_ model: Model) -> String {
        let drawn = model.lines.reduce(Cents.zero) { $0 + $1.position.principal }
        let limit = model.lines.reduce(Cents.zero) { $0 + $1.line.ledger.limit }
        return PortalPage.render(model.context, title: "循环额度", subtitle: "企业接受预授信后形成的循环额度；利息\(DayCount.label)。",
                                 actions: [.init("预授信批次", href: "/bank/preapprovals")], [
            .stats([
                .init("本页额度", limit.wanYuanText),
                .init("本页已用", drawn.wanYuanText, tone: .info),
                .init("本页逾期", "\(model.lines.filter { $0.position.overdueDays > 0 }.count)", hint: "笔",
                      tone: model.lines.contains { $0.position.overdueDays > 0 } ? .warning : .neutral),
            ]),
            .table(.init(title: "循环额度（\(Format.count(model.pagination.totalCount))）", id: "lines",
                         headers: ["编号", "企业", "产品", "额度", "已用", "可用", "应计利息", "利率", "到期日", "逾期天数", "分类", "状态"],
                         rows: model.lines.map { s in
                             let p = s.position, l = s.line
                             return [.link("#\(l.id)", href: "/bank/credit-lines/\(l.id)"), .twoLines(l.firmName, l.uscc), .text(l.productName), .text(l.ledger.limit.yuanText),
                                     .text(p.principal.yuanText), .text(p.available.yuanText), .text(p.interest.yuanText),
                                     .text(l.ledger.rate.percentText), .text(l.ledger.maturesOn.description), .text("\(p.overdueDays)"),
                                     .badge(s.classification.label, tone: CreditLineCells.classTone(s.classification)),
                                     .badge(p.status.label, tone: CreditLineCells.statusTone(p.status))]
                         }, emptyText: "还没有循环额度")),
            .pagination(model.pagination),
        ])
    }
}
