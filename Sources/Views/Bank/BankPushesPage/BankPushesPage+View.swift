import Domain

extension BankPushesPage {
    public static func render(_ model: Model) -> String {
        let blocks: [PortalPage.Block] = [
            .stats([
                .init("期限内待决定", "\(model.green)", tone: .success),
                .init("黄灯（逾期）", "\(model.amber)", href: "/bank/recommended?overdue=true", tone: model.amber > 0 ? .warning : .neutral),
                .init("红灯（已升级督办）", "\(model.red)", href: "/bank/recommended?overdue=true", tone: model.red > 0 ? .danger : .neutral),
                .init("已作出授信决定", "\(model.decided)"),
            ]),
            .table(.init(title: model.overdueOnly ? "逾期未决定的推荐企业" : "推荐企业", id: "pushes",
                         headers: ["编号", "企业", "金额 / 期限", "用途", "推送日", "授信决定期限", "状态", "反馈"],
                         rows: model.pushes.map { p in
                [.link("#\(p.id)", href: "/bank/recommended/\(p.id)"), .twoLines(p.firmName, p.uscc),
                 .twoLines(Format.money(cents: p.amountCents), Format.months(p.termMonths)), .text(p.purpose),
                 .text(p.pushedOn.description), RecommendationCells.clock(p, today: model.today),
                 .badge(p.status.label, tone: RecommendationCells.tone(p.status)), .text(outcome(p))]
            }, emptyText: model.overdueOnly ? "没有逾期未决定的推荐企业" : "信用中心尚未向本机构推送企业",
                         link: model.overdueOnly ? .init("查看全部", href: "/bank/recommended") : .init("只看逾期", href: "/bank/recommended?overdue=true"))),
            .pagination(model.pagination),
        ]
        return PortalPage.render(model.context, title: "推荐企业",
                                 subtitle: "信用中心推送的推荐清单企业：请及时对接，并在期限内作出授信决定", blocks)
    }
}
