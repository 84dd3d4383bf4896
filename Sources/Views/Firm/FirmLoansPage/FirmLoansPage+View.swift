extension FirmLoansPage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "我的贷款", [
            .table(.init(title: "贷款", id: "loans", headers: ["编号", "产品", "本金", "利率", "期限", "剩余本金", "逾期天数", "分类", "状态"],
                         rows: model.loans.map { LoanBlocks.row($0, prefix: "/firm/loans") }, emptyText: "还没有贷款")),
        ])
    }
}
