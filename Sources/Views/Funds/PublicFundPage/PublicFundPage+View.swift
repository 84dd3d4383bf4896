import Domain

extension PublicFundPage {
    public static func render(_ model: Model) -> String {
        let open = model.claims.filter { $0.status == .publicity }
        var blocks: [PortalPage.Block] = [
            .table(.init(title: "风险补偿公示", id: "compensations", headers: ["编号", "基金", "贷款机构", "企业", "本金损失", "核定补偿", "基金承担", "状态", "公示期至"],
                         rows: model.claims.map { c in
                [.mono(c.claim.claimId), .text(c.schemeName), .text(c.institutionName), .text(c.firmName),
                 .text(c.computation.principalLoss.yuanText), .text(c.computation.compensation.yuanText),
                 .text(c.computation.fundShare.yuanText), .badge(c.status.label, tone: FundCells.tone(c.status)),
                 .text(c.claim.publicityUntil?.description ?? "—")]
            }, emptyText: "暂无公示的补偿")),
            .pagination(model.pagination),
        ]
        if !open.isEmpty {
            if model.signedIn {
                blocks.append(.form(.init(title: "提出异议", id: "object", action: "/fund/objections", fields: [
                    .init("claim", "补偿", kind: .options(open.map { (String($0.id), "\($0.claim.claimId) \($0.firmName)") }), isRequired: true),
                    .init("reason", "异议事由", kind: .textarea, isRequired: true),
                ], submitLabel: "提交异议", note: "公示期内提出；基金办公室核实后答复，异议成立的不予补偿。")))
            } else {
                blocks.append(.notice("对公示内容有异议的，请登录后在公示期内提出。", tone: .info))
            }
        }
        return PortalPage.render(model.context, title: "风险补偿公示", subtitle: "经领导小组审批的补偿在拨付前公示 7 日", blocks)
    }
}
