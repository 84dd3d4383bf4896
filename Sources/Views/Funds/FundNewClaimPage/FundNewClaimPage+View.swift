import Domain

extension FundNewClaimPage {
    public static func render(_ model: Model) -> String {
        let query = "scheme=\(model.programme.schemeCode)&loan=\(model.loanId)"
        var blocks: [PortalPage.Block] = [
            .facts(title: "贷款", [
                .init("基金", model.programme.name), .init("贷款 / 额度", FundBorrowing.label(key: model.loanId)), .init("企业", model.firmName),
                .init("入库金额", model.coverage.amount.yuanText), .init("放款日", model.coverage.disbursedOn.description),
                .init("到期日", model.coverage.maturesOn.description), .init("入库版本", "第 \(model.coverage.version) 版"),
            ]),
        ]
        if let c = model.assessment.computation, model.assessment.payable {
            blocks.append(.notice("按现在的贷款状况申请，预计补偿\(c.compensation.yuanText)，其中基金承担\(c.fundShare.yuanText)（审批时按届时已用额度确定）。", tone: .success))
            blocks.append(.text(title: "计算过程", paragraphs: c.working))
            blocks.append(.table(.init(title: "各方分担", id: "parties", headers: ["承担方", "金额", "由本基金支付"],
                                       rows: c.parties.map { [.text($0.label), .text($0.amount.yuanText), .text($0.paysFromFund ? "是" : "否")] },
                                       emptyText: "—")))
        } else if model.assessment.reasons.allSatisfy({ $0.code == "trigger_not_met" }) {
            blocks.append(.notice(model.assessment.reasons.map(\.text).joined(separator: "；")
                                  + "。如诉讼已受理、贷款已核销或担保机构已代偿，请在申请中填写日期，提交时按规则计算补偿。", tone: .info))
        } else {
            blocks.append(.notice("现在还不能申请：" + model.assessment.reasons.map(\.text).joined(separator: "；"), tone: .warning))
        }
        blocks.append(.table(.init(title: "已上传材料", id: "materials", headers: ["材料", "文件", "SHA-256"],
                                   rows: model.materials.map { [.text($0.kind.label), .link($0.fileName, href: $0.href), .mono(String($0.sha256.prefix(16)))] },
                                   emptyText: "尚未上传材料")))
        blocks.append(.form(.init(title: "上传材料", id: "upload", action: "/bank/fund/materials?\(query)", fields: [
            .init("kind", "材料类别", kind: .options(model.checklist.map { ($0.kind.rawValue, $0.label ?? $0.kind.label) }), isRequired: true),
            .init("file", "文件（PDF、图片等，不超过 5 MB）", kind: .file(accept: ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.zip"), isRequired: true),
        ], submitLabel: "上传")))
        // A trigger the institution declares (诉讼受理、核销、担保代偿) is met by the dates in the form itself.
        if model.assessment.payable || model.assessment.reasons.allSatisfy({ $0.code == "trigger_not_met" }) {
            var fields: [PortalPage.Field] = [.init("scheme", "", kind: .hidden, value: model.programme.schemeCode),
                                              .init("loan", "", kind: .hidden, value: model.loanId)]
            for item in model.checklist {
                let mine = model.materials.filter { $0.kind == item.kind }
                fields.append(.init("m_\(item.kind.rawValue)", (item.label ?? item.kind.label) + (item.firstClaimOnly ? "（首次申请）" : ""),
                                    kind: .options([("", "（未选择）")] + mine.map { ($0.key, $0.fileName) }),
                                    isRequired: !item.firstClaimOnly))
            }
            fields += [
                .init("signed_by", "真实性声明签署人（法定代表人或授权人）", isRequired: true),
                .init("lawsuit_accepted_on", "诉讼受理日（如有）", kind: .date),
                .init("written_off_on", "核销日（如有）", kind: .date),
                .init("guarantee_paid_on", "担保代偿日（如有）", kind: .date),
            ]
            blocks.append(.form(.init(title: "提交补偿申请", id: "file", action: "/bank/fund/claims", fields: fields,
                                      submitLabel: "提交申请", note: "提交即承诺所报材料真实、完整；材料弄虚作假的，不予补偿并追回已拨付资金。",
                                      confirm: "确认提交补偿申请？提交后由基金办公室初审。")))
        }
        return PortalPage.render(model.context, title: "申请风险补偿", subtitle: model.programme.name,
                                 actions: [.init("返回风险补偿", href: "/bank/fund")], blocks)
    }
}
