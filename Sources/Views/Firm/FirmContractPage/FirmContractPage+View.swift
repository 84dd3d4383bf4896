import Domain

extension FirmContractPage {
    public static func render(_ model: Model) -> String {
        let c = model.contract
        var blocks: [PortalPage.Block] = []
        if let digest = model.signedDigest, let signedAt = c.signedAt {
            blocks.append(.notice("已于 \(Format.dateTime(signedAt)) 由 \(c.signer ?? "—") 以短信验证码（\(c.signerPhone ?? "—")）签署。"
                                  + "合同文本摘要 \(digest) 已记入透明日志。", tone: .success))
        } else if model.status != .approved {
            blocks.append(.notice("该申请当前为“\(model.status.label)”，没有可签署或已签署的电子合同。", tone: .info))
        }
        blocks.append(.stats([
            .init("借款金额", c.terms.amount.wanYuanText),
            .init("年利率", c.terms.rate.percentText),
            .init("首期还款", c.firstInstallment.map { $0.total.yuanText } ?? "—", hint: c.firstInstallment.map { "\($0.due) 到期" }),
            .init("还款总额", c.schedule.totalPayment.yuanText, hint: "其中利息 \(c.schedule.totalInterest.yuanText)"),
        ]))
        blocks.append(.facts(title: "主要条款", c.keyTerms.map { .init($0.0, $0.1) }))
        blocks.append(.text(title: "合同条款", paragraphs: LoanContract.clauses))
        blocks.append(.table(.init(title: "还款计划（自签署日起算，以实际放款日顺延）", id: "schedule",
                                   headers: ["期数", "还款日", "本金", "利息", "合计"],
                                   rows: c.schedule.installments.map {
            [.text("第 \($0.number) 期"), .text($0.due.description), .text($0.principal.yuanText), .text($0.interest.yuanText),
             .text($0.total.yuanText)]
        }, emptyText: "无")))
        if model.signedDigest != nil {
            blocks.append(.facts(title: "合同文本", [.init("下载", cell: .link("借款合同 \(c.number)（PDF）", href: model.pdfPath))]))
        } else if model.maySign && model.status == .approved {
            blocks.append(.form(.init(title: "获取验证码", id: "contract-code", action: "/firm/applications/\(c.applicationID)/contract/code",
                                      fields: [], submitLabel: "发送验证码到企业手机", note: "验证码 5 分钟内有效，每分钟可获取一次。")))
            blocks.append(.form(.init(title: "签署合同", id: "contract-sign", action: "/firm/applications/\(c.applicationID)/contract/sign", fields: [
                .init("code", "短信验证码", isRequired: true, hint: "6 位数字"),
                .init("agree", "我已阅读并同意上述借款合同全部条款", kind: .checkboxes([.init(value: "yes", label: "同意")]), isRequired: true),
            ], submitLabel: "确认签署", confirm: "确认以上述条件签署借款合同？签署后合同即生效。")))
        }
        return PortalPage.render(model.context, title: "借款合同 \(c.number)", subtitle: "\(c.lenderName) · \(c.productName)", blocks)
    }
}
