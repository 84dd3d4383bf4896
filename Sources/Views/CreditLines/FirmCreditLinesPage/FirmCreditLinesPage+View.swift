import Domain

extension FirmCreditLinesPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = []
        if !model.offers.isEmpty {
            blocks.append(.table(.init(title: "预授信额度（\(model.offers.count)）", id: "offers",
                                       headers: ["机构 / 产品", "额度", "年利率", "期限", "有效期至", "授信理由", "操作"],
                                       rows: model.offers.map { o in
                                           [.twoLines(o.institutionName, o.productName), .text(o.limit.wanYuanText),
                                            .text(CreditLineCells.rates(o.rates, executed: o.rate)), .text(Format.months(o.termMonths)),
                                            .text(o.validUntil.description), .text(o.reasons.joined(separator: "；")),
                                            .actions([.init("接受额度", path: "/firm/preapproval-offers/\(o.id)/accept",
                                                            confirm: "确认接受\(o.institutionName)“\(o.productName)”预授信额度 \(o.limit.wanYuanText)？接受后形成循环额度，提款按日计息。")])]
                                       }, emptyText: "")))
        }
        for s in model.lines {
            let l = s.line, p = s.position
            blocks.append(.facts(title: "循环额度 #\(l.id) · \(l.institutionName)“\(l.productName)”",
                                 CreditLineCells.figures(s, paidLabel: "已付利息")))
            if p.status == .active {
                var fields: [PortalPage.Field] = [
                    .init("amount_yuan", "提款金额（元）", kind: .text, isRequired: true, hint: "不超过可用额度 \(p.available.yuanText)"),
                ]
                let usable = model.coupons[l.id] ?? []
                if !usable.isEmpty {
                    fields.append(.init("coupon_id", "使用信用券", kind: .select(
                        [SelectOption(value: "", label: "不使用")]
                            + usable.map { SelectOption(value: String($0.id), label: "\($0.number)：\($0.face.label)，\($0.expiresOn) 前有效") }),
                        hint: "按本笔提款未还本金让利至额度到期日（\(l.ledger.maturesOn)）；还本时先还较早的提款"))
                }
                blocks.append(.form(.init(title: "提款", id: "draw-\(l.id)", action: "/firm/credit-lines/\(l.id)/draw", fields: fields,
                                          submitLabel: "提款", confirm: "确认提款？款项到账后按日计息。")))
            }
            if p.owed.isPositive {
                blocks.append(.form(.init(title: "还款", id: "repay-\(l.id)", action: "/firm/credit-lines/\(l.id)/repay", fields: [
                    .init("amount_yuan", "还款金额（元）", kind: .text, isRequired: true, hint: "应还合计 \(p.owed.yuanText)，先还利息后还本金"),
                ], submitLabel: "还款")))
            }
            blocks.append(.table(CreditLineCells.ledgerTable(s)))
        }
        if blocks.isEmpty { blocks.append(.notice("暂无预授信额度或循环额度。金融机构对贵企业预授信后，额度会显示在这里和首页。", tone: .info)) }
        return PortalPage.render(model.context, title: "循环额度", subtitle: "预授信额度确认后形成循环额度，额度内随借随还。", blocks)
    }
}
