import Domain
extension BankLoanPage {
    public static func render(_ model: Model) -> String {
        let loan = model.loan
        var blocks = LoanBlocks.blocks(loan, today: model.today)
        if !loan.settled {
            let due = loan.ledger.position(asOf: model.today).amountDue
            blocks.insert(.form(.init(title: "登记还款", id: "repay", action: "/bank/loans/\(loan.id)/repayments", fields: [
                .init("day", "还款日期", kind: .date, value: model.today.description, isRequired: true),
                .init("amount_yuan", "还款金额（元）", kind: .number,
                      value: due.isPositive ? Format.yuanInput(due) : "", isRequired: true),
            ], submitLabel: "登记")), at: 1)
        }
        return PortalPage.render(model.context, title: "贷款 #\(loan.id)", subtitle: "\(loan.firmName) · \(loan.productName)", blocks)
    }
}
