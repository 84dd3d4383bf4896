import Domain
extension FirmApplicationPage {
    public static func render(_ model: Model) -> String {
        let a = model.application
        var blocks: [PortalPage.Block] = [ApplicationBlocks.summary(a)]
        var actions: [PortalPage.Action] = []
        if a.state.status == .approved {
            blocks.append(.notice("贷款已批准：请查看借款合同与还款计划，用短信验证码签署。", tone: .info))
            blocks.append(.facts(title: "借款合同", [.init("合同", cell: .link("查看合同并签署", href: "/firm/applications/\(a.id)/contract"))]))
        } else if [.contractSigned, .disbursed, .settled].contains(a.state.status) {
            blocks.append(.facts(title: "借款合同", [.init("合同", cell: .link("查看已签署的合同", href: "/firm/applications/\(a.id)/contract"))]))
        }
        if [.submitted, .accepted].contains(a.state.status) {
            actions.append(.init("撤回申请", path: "/firm/applications/\(a.id)/withdraw", confirm: "确定撤回该申请吗？"))
        }
        if !actions.isEmpty { blocks.append(.facts(title: "操作", [.init("可办理", cell: .actions(actions))])) }
        if a.state.status == .approved {
            blocks.append(.form(.init(title: "不接受批准条件", id: "cancel", action: "/firm/applications/\(a.id)/cancel", fields: [
                .init("reason", "原因", isRequired: true)], submitLabel: "放弃签约")))
        }
        if let loan = model.loan {
            blocks.append(.notice("已放款，查看还款计划：贷款 #\(loan.id)", tone: .success))
            blocks.append(contentsOf: LoanBlocks.blocks(loan, today: model.today))
        }
        blocks.append(ApplicationBlocks.timeline(model.steps))
        return PortalPage.render(model.context, title: "申请 #\(a.id)", subtitle: a.productName, blocks)
    }
}
