import Domain

extension FundClaimPage {
    public static func render(_ model: Model) -> String {
        let r = model.record, c = r.computation
        var blocks: [PortalPage.Block] = [
            .stats([
                .init("状态", r.status.label, hint: r.claim.deadline.map { "本步时限 \($0)" + (r.claim.isOverdue(on: model.today) ? "（已超期）" : "") },
                      tone: FundCells.tone(r.status)),
                .init("本金损失", c.principalLoss.yuanText),
                .init(r.computationFixed ? "核定补偿" : "预估补偿", c.compensation.yuanText, hint: "基金承担 \(c.fundShare.yuanText)"),
                .init("已追回（分回基金）", r.recoveredToFund.yuanText),
            ]),
            .facts(title: "申请", [
                .init("编号", r.claim.claimId), .init("基金", "\(r.schemeName)（第 \(r.claim.version) 版）"),
                .init("机构", r.institutionName), .init("企业", r.firmName), .init("贷款 / 额度", FundBorrowing.label(key: r.loanId)),
                .init("入库金额", r.claim.coverage.amount.yuanText), .init("申请日", r.claim.filedOn.description),
                .init("申请时贷款状况", "\(r.facts.classification.label)，逾期 \(r.facts.overdueDays) 天"),
                .init("公示期至", r.claim.publicityUntil?.description ?? "—"),
            ]),
            .text(title: r.computationFixed ? "核定过程" : "预估过程（审批时按已用额度核定）", paragraphs: c.working),
            .table(.init(title: "各方分担", id: "parties", headers: ["承担方", "金额", "由本基金支付"],
                         rows: c.parties.map { [.text($0.label), .text($0.amount.yuanText), .text($0.paysFromFund ? "是" : "否")] },
                         emptyText: "—")),
            .table(.init(title: "材料", id: "attachments", headers: ["材料", "文件", "签署人"],
                         rows: r.claim.attachments.map { a in
                             let info = model.materials.first { $0.key == a.file }
                             return [.text(a.kind.label), info.map { .link($0.fileName, href: $0.href) } ?? .mono(a.file), .text(a.signedBy)]
                         }, emptyText: "无")),
            .table(.init(title: "办理过程", id: "steps", headers: ["日期", "步骤", "办理方", "经办人", "理由", "状态", "下一步时限"],
                         rows: r.claim.steps.map { s in
                             [.text(s.on.description), .text(s.action.label), .text(s.role.label), .text(s.by), .text(s.reason),
                              .text("\(s.from.label) → \(s.to.label)"), .text(s.deadline?.description ?? "—")]
                         }, emptyText: "—")),
        ]
        if !r.recoveries.isEmpty {
            blocks.append(.table(.init(title: "追回款分配", id: "recoveries", headers: ["日期", "追回", "费用", "参与分配", "分回基金", "说明"],
                                       rows: r.recoveries.map { x in
                                           [.text(x.day.description), .text(x.share.gross.yuanText), .text(x.share.costs.yuanText),
                                            .text(x.share.shared.yuanText), .text(x.share.fundShare.yuanText),
                                            .text(x.share.working.joined(separator: "；"))]
                                       }, emptyText: "—")))
        }
        if !model.steps.isEmpty {
            let needsReason = model.steps.contains(where: \.needsReason)
            blocks.append(.form(.init(title: "办理", id: "step", action: "\(model.basePath)/steps", fields: [
                .init("action", "步骤", kind: .options(model.steps.map { ($0.rawValue, $0.label) }), isRequired: true),
                .init("reason", needsReason ? "理由（要求补正、驳回、异议、撤回须写明）" : "备注", kind: .textarea),
            ], submitLabel: "办理", note: "每一步记入透明日志；驳回、采纳异议、审批、拨付和撤回为确定性操作。",
               confirm: "确认办理所选步骤？")))
        }
        if model.mayResubmit {
            var fields: [PortalPage.Field] = []
            for kind in Set(model.materials.map(\.kind)).sorted(by: { $0.rawValue < $1.rawValue }) {
                let current = r.claim.attachments.first { $0.kind == kind }?.file ?? ""
                fields.append(.init("m_\(kind.rawValue)", kind.label,
                                    kind: .options([("", "（不提供）")] + model.materials.filter { $0.kind == kind }.map { ($0.key, $0.fileName) },
                                                   selected: current)))
            }
            fields.append(.init("signed_by", "真实性声明签署人", value: r.claim.attachments.first { $0.kind == .truthfulnessStatement }?.signedBy ?? "",
                                isRequired: true))
            blocks.append(.form(.init(title: "补正材料后重新提交", id: "resubmit", action: "\(model.basePath)/resubmit", fields: fields,
                                      submitLabel: "重新提交", note: "新材料请先在“申请风险补偿”页上传。")))
        }
        if model.mayReportRecovery {
            blocks.append(.form(.init(title: "报告追回款", id: "recovery", action: "\(model.basePath)/recoveries", fields: [
                .init("gross", "追回金额（元）", kind: .number, isRequired: true),
                .init("costs", "诉讼等费用（元）", kind: .number, value: "0"),
                .init("day", "追回日期", kind: .date, value: model.today.description, isRequired: true),
                .init("note", "说明", kind: .textarea),
            ], submitLabel: "报告", note: "扣除诉讼等费用后，按代偿比例在机构与基金之间分配（凌源办法第十五条）。")))
        }
        return PortalPage.render(model.context, title: "补偿申请 \(r.claim.claimId)", subtitle: "\(r.firmName) · \(r.schemeName)",
                                 actions: [.init("返回", href: model.backPath)], blocks)
    }
}
