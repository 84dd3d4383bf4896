import Domain

extension BankCreditLinePage {
    public static func render(_ model: Model) -> String {
        let s = model.line, l = s.line
        let forgone = s.couponForgone.values.reduce(Cents.zero) { $0 + $1.total }
        var facts: [PortalPage.Fact] = [.init("企业", cell: .twoLines(l.firmName, l.uscc)), .init("产品", l.productName)]
            + CreditLineCells.figures(s, paidLabel: "已收利息")
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
