import Domain

extension FirmRecommendationPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = []
        let live = model.entries.first { $0.status.isOnList || $0.status == .declared }
        if let e = live {
            blocks.append(.notice("贵企业已在申报清单中：\(e.status.label)"
                                  + (e.status == .publicity ? "，公示至 \(e.publicityUntil?.description ?? "")" : ""), tone: .info))
        } else {
            blocks.append(.form(.init(title: "申报融资需求（进入申报清单）", id: "declare", action: "/firm/recommendation", fields: [
                .init("amount_yuan", "融资金额（元）", kind: .number, isRequired: true),
                .init("term_months", "期限（月）", kind: .number, value: "12", isRequired: true),
                .init("purpose", "资金用途", isRequired: true, hint: "如：采购原材料、支付工资；金融投资、房地产开发等用途不予支持"),
            ], submitLabel: "申报",
                note: "申报后按五项标准初筛（合规持续经营、固定经营场所、真实融资需求、信用状况良好、贷款用途依法合规）；通过审核并公示期满后，信用中心将贵企业推送给合适的金融机构，金融机构须在 30 日内作出授信决定。")))
        }
        blocks.append(.table(.init(title: "申报记录", id: "entries", headers: ["编号", "金额 / 期限", "用途", "初筛", "状态", "说明"],
                                   rows: model.entries.map { e in
            [.mono("#\(e.id)"), .twoLines(Format.money(cents: e.amountCents), Format.months(e.termMonths)), .text(e.purpose),
             RecommendationCells.screening(e), .badge(e.status.label, tone: RecommendationCells.tone(e.status)),
             .text(e.removalReason ?? e.reviewNote ?? "")]
        }, emptyText: "尚未申报")))
        if !model.pushes.isEmpty {
            blocks.append(.table(.init(title: "已推送的金融机构", id: "pushes", headers: ["机构", "推送日", "授信决定期限", "进展"],
                                       rows: model.pushes.map { p in
                [.text(p.institutionName), .text(p.pushedOn.description), .text(p.dueOn.description),
                 .badge(p.status.label, tone: RecommendationCells.tone(p.status))]
            }, emptyText: "")))
        }
        return PortalPage.render(model.context, title: "推荐清单申报", blocks)
    }
}
