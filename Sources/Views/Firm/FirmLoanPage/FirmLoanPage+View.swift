extension FirmLoanPage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "贷款 #\(model.loan.id)", subtitle: model.loan.productName,
                          LoanBlocks.blocks(model.loan, today: model.today))
    }
}
