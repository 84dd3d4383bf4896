import Domain

extension BankCreditLinePage {
    public static func render(_ model: Model) -> String {
        let s = model.line, l = s.line, p = s.position
        let forgone = s.couponForgone.values.reduce(Cents.zero) { $0 + $1.total }
        var facts: [PortalPage.Fact] = [
            .init("企业", cell: .twoLines(l.firmName, l.uscc)),
            .init("产品", l.productName),
            .init("状态", cell: .badge(p.status.label, tone: CreditLineCells.statusTone(p.status))),
            .init("额度", l.ledger.limit.yuanText),
            .init("已用（待还本金）", p.principal.yuanText),
            .init("可用额度", p.available.yuanText),
            .init("截至今日应计利息", p.interest.yuanText),
            .init("已收利息", p.interestPaid.yuanText),
            .init("年利率", l.ledger.rate.percentText),
            .init("计息方式", DayCount.label),
            .init("有效期", "\(l.ledger.openedOn) 至 \(l.ledger.maturesOn)"),
            .init("逾期天数", "\(p.overdueDays)"),
            .init("五级分类", cell: .badge(s.classification.label, tone: CreditLineCells.classTone(s.classification))),
        ]
        if !s.couponForgone.isEmpty {
            facts.append(.init("信用券让利", "\(s.couponForgone.count) 笔提款用券，累计让利 \(forgone.yuanText)（在“信用券结算”申领）"))
        }
        return PortalPage.render(model.context, title: "循环额度 #\(l.id)", subtitle: "\(l.firmName) · \(l.productName)",
                                 actions: [.init("全部循环额度", href: "/bank/credit-lines"), .init("信用券结算", href: "/bank/coupons")], [
            .facts(title: "额度概况", facts),
            .table(CreditLineCells.ledgerTable(s)),
        ])
    }
}
