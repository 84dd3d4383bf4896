extension BankLoansPage {
    public static func render(_ model: Model) -> String {
        let overdueOnly = model.overdueOnly
        return PortalPage.render(model.context, title: overdueOnly ? "逾期贷款" : "贷款",
                                 actions: [overdueOnly ? .init("全部贷款", href: "/bank/loans") : .init("只看逾期", href: "/bank/loans?overdue=1")], [
            .table(.init(title: "贷款（\(model.loans.count)）", id: "loans",
                         headers: ["编号", "产品 / 企业", "本金", "利率", "期限", "剩余本金", "逾期天数", "分类", "状态"],
                         rows: model.loans.map { LoanBlocks.row($0, prefix: "/bank/loans") },
                         emptyText: overdueOnly ? "没有逾期贷款" : "还没有贷款")),
        ])
    }
}
