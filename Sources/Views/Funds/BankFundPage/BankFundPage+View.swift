import Domain

extension BankFundPage {
    public static func render(_ model: Model) -> String {
        let open = model.claims.filter { !$0.status.isFinal }.count
        let covered = model.registrations.filter(\.isCovered)
        return PortalPage.render(model.context, title: "风险补偿", subtitle: "贷款放款、循环额度生效时自动核验是否纳入风险补偿基金；符合补偿条件后在此申请补偿。", [
            .stats([
                .init("参与基金", "\(model.programmes.count)", hint: model.programmes.map(\.name).joined(separator: "、")),
                .init("本页已入库贷款", "\(covered.count)", hint: covered.reduce(Cents.zero) { $0 + $1.amount }.yuanText),
                .init("在办补偿申请", "\(open)", tone: open > 0 ? .info : .neutral),
            ]),
            .table(FundCells.claimsTable(model.claims, base: "/bank/fund/claims", today: model.today)),
            .table(.init(title: "与基金的往来（对账单）", id: "statements",
                         headers: ["基金", "机构缴存", "核定代偿", "已拨付", "应付未付", "追回返还基金", "净获得"],
                         rows: model.statements.map { s in
                             let x = s.statement
                             return [.text(s.fund), .text(x.contributions.yuanText), .text(x.compensationApproved.yuanText),
                                     .text(x.compensationPaid.yuanText), .text(x.payableAtEnd.yuanText),
                                     .text(x.recoveriesReturned.yuanText), .text(x.netReceived.yuanText)]
                         }, emptyText: "尚无往来")),
            .table(FundCells.registrationsTable(model.registrations) { r in
                r.isCovered ? "/bank/fund/new-claim?scheme=\(r.schemeCode)&loan=\(r.loanId)" : nil
            }),
            .pagination(model.pagination),
        ])
    }
}
