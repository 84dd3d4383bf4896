import Domain

extension BankApplicationPage {
    public static func render(_ model: Model) -> String {
        let a = model.application
        var blocks: [PortalPage.Block] = model.incentive.map { [.notice($0, tone: .success)] } ?? []
        if let coupon = model.coupon { blocks.append(.notice(coupon, tone: .info)) }
        blocks.append(ApplicationBlocks.summary(a))
        blocks.append(.facts(title: "信用报告", [.init("授权查询", cell: .link("查看该企业的授权信用报告", href: "/bank/applications/\(a.id)/report"))]))
        let path = "/bank/applications/\(a.id)"
        switch a.state.status {
        case .submitted:
            blocks.append(.facts(title: "操作", [.init("可办理", cell: .actions([.init("受理", path: "\(path)/accept", isPrimary: true)]))]))
        case .accepted:
            blocks.append(.form(.init(title: "批准", id: "approve", action: "\(path)/approve", fields: [
                .init("amount_yuan", "批准金额（元）", kind: .number, value: String(a.requestedAmount.value / 100), isRequired: true),
                .init("rate", "年利率（%）", kind: .number, value: "4.35", isRequired: true),
                .init("term_months", "期限（月）", kind: .number, value: String(a.requestedTermMonths), isRequired: true),
                .init("method", "还款方式", kind: .options(RepaymentMethod.allCases.map { ($0.rawValue, $0.label) },
                                                          selected: a.requestedMethod.rawValue)),
            ], submitLabel: "批准")))
            blocks.append(.form(.init(title: "拒绝", id: "reject", action: "\(path)/reject", fields: [
                .init("reason", "拒绝理由", kind: .textarea, isRequired: true)], submitLabel: "拒绝")))
        case .contractSigned:
            blocks.append(.facts(title: "借款合同", [.init("合同", cell: .link("查看企业已签署的借款合同", href: "\(path)/contract"))]))
            blocks.append(.form(.init(title: "放款", id: "disburse", action: "\(path)/disburse", fields: [
                .init("day", "放款日期", kind: .date, value: model.today.description, isRequired: true)], submitLabel: "确认放款")))
        default: break
        }
        if let loanID = model.loanID {
            blocks.append(.facts(title: "贷款", [.init("贷款", cell: .link("贷款 #\(loanID)：还款计划与还款登记", href: "/bank/loans/\(loanID)")),
                                               .init("合同", cell: .link("借款合同", href: "\(path)/contract"))]))
        }
        blocks.append(ApplicationBlocks.timeline(model.steps))
        return PortalPage.render(model.context, title: "申请 #\(a.id)", subtitle: "\(a.firmName) · \(a.productName)", blocks)
    }
}
