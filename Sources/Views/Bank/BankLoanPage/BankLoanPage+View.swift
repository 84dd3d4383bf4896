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
            let position = loan.ledger.position(asOf: model.today)
            if position.overdueDays > 0 {
                blocks.insert(.form(.init(title: "报送逾期", id: "default-report", action: "/bank/loans/\(loan.id)/default-report", fields: [],
                                          submitLabel: "报送逾期（平台书面告知企业）",
                                          note: "当前逾期 \(position.overdueDays) 天，逾期金额 \(Format.money(position.amountOverdue))。报送后平台立即书面告知企业并给予履行期限；期限内履行的不记入信用记录。")), at: 2)
            }
        }
        return PortalPage.render(model.context, title: "贷款 #\(loan.id)", subtitle: "\(loan.firmName) · \(loan.productName)", blocks)
    }
}
