import Domain
extension FirmApplicationPage {
    public static func render(_ model: Model) -> String {
        let a = model.application
        var blocks: [PortalPage.Block] = [ApplicationBlocks.summary(a)]
        var actions: [PortalPage.Action] = []
        if a.state.status == .approved {
            actions.append(.init("同意并签约", path: "/firm/applications/\(a.id)/sign", isPrimary: true,
                                 confirm: "确认按上述批准条件签订借款合同？"))
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
