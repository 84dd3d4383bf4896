extension BankHomePage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: model.institutionName, subtitle: "工作台", [
            .stats([
                .init("待受理申请", "\(model.submitted)", href: "/bank/applications?status=submitted", tone: .info),
                .init("审批中", "\(model.accepted)", href: "/bank/applications?status=accepted"),
                .init("待放款", "\(model.contractSigned)", href: "/bank/applications?status=contract_signed"),
                .init("需求池待接单", "\(model.openDemands)", href: "/bank/demands"),
                .init("贷款余额", Format.money(model.outstanding), hint: "\(model.openLoans) 笔", href: "/bank/loans"),
                .init("逾期贷款", "\(model.overdueLoans)", href: "/bank/loans?overdue=1", tone: model.overdueLoans == 0 ? .neutral : .danger),
            ]),
        ])
    }
}
