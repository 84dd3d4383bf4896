import Domain

extension BankCouponsPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = [.text(title: "结算规则", paragraphs: [
            "企业使用信用券后，贷款按券后利率计息，贵机构让利的利息由信用券预算结算。平台按贷款台账逐期核对：每期让利利息 = 按合同利率对该期计息本金应收的利息 − 实际计收的利息（均四舍五入到分），仅计已收清利息的期次。",
            "在循环额度提款时使用的信用券，按该笔提款未还本金逐日计息让利（实际天数/360，至额度到期日止，还本时先还较早的提款），每次还款时结计；仅计还款后利息已收清的部分。",
            "申领不超过核定金额的按申领金额核准，超过的不予核准并说明核定依据。",
        ])]
        blocks.append(.table(.init(title: "已核销的信用券", id: "redeemed",
                                   headers: ["券号", "企业", "贷款 / 提款", "合同利率", "券后利率", "预算占用", "已结算", "当前可申领"],
                                   rows: model.redeemed.map { r in
            let c = r.coupon
            let red = c.redemption
            let place: PortalPage.Cell = red.map { r in
                if let lineID = r.lineID { return .link(r.placeLabel, href: "/bank/credit-lines/\(lineID)") }
                return .link("贷款 #\(r.loanID)", href: "/bank/loans/\(r.loanID)")
            } ?? .text("")
            let collected = red?.lineID != nil ? "额度已还款 \(r.installments) 次" : "已收息 \(r.installments) 期"
            return [.mono(c.number), .text(r.firmName), place,
                    .text(red?.contractRate.percentText ?? ""), .text(red?.rate.percentText ?? ""), .text(red?.estimatedCost.yuanText ?? ""),
                    .text(c.settled.yuanText), .twoLines(r.claimable.yuanText, collected)]
        }, emptyText: "尚无核销的信用券")))
        let open = model.redeemed.filter { $0.coupon.storedStatus == .redeemed }
        if !open.isEmpty {
            blocks.append(.form(.init(title: "申领结算", id: "claim", action: "/bank/coupons/claims", fields: [
                .init("coupon", "信用券", kind: .options(open.map { (String($0.coupon.id), "\($0.coupon.number) · \($0.firmName) · 可申领 \($0.claimable.yuanText)") }),
                      isRequired: true),
                .init("amount_yuan", "申领金额（元）", kind: .number, isRequired: true),
                .init("through", "结算截止日（含）", kind: .date, value: model.today.description),
            ], submitLabel: "提交申领", note: "平台即时按贷款台账（或循环额度台账）核对，并给出核准或不予核准的理由。",
               confirm: "确认提交结算申领？申领与核对结果将记入透明日志。")))
        }
        blocks.append(.table(.init(title: "结算申领", id: "claims",
                                   headers: ["编号", "信用券", "贷款 / 额度", "截止日", "申领金额", "核定金额", "结果", "理由"],
                                   rows: model.claims.map { c in
            [.text("#\(c.id)"), .mono("XYQ-" + String(repeating: "0", count: max(0, 6 - String(c.couponID).count)) + String(c.couponID)),
             .text(c.lineID.map { "循环额度 #\($0)" } ?? "贷款 #\(c.loanID)"), .text(c.through.description), .text(c.claimed.yuanText), .text(c.entitled.yuanText),
             .badge(c.outcome.label, tone: c.outcome == .accepted ? .success : .danger), .text(c.reason)]
        }, emptyText: "尚无结算申领")))
        return PortalPage.render(model.context, title: "信用券结算", subtitle: "让利利息申领与核对", blocks)
    }
}
