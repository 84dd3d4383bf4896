import Domain
extension BankDemandsPage {
    public static func render(_ model: Model) -> String {
        let rows: [[PortalPage.Cell]] = model.demands.map { row in
            let d = row.demand
            return [.text("#\(d.id)"), .twoLines(row.firmName ?? d.uscc, d.uscc), .text(row.grade), .text(Format.money(cents: d.amountCents)),
                    .text(Format.months(d.termMonths)), .text(d.purpose), .text(d.urgency.label), .text(Format.time(d.publishedAt)),
                    .actions([.init("抢单", path: "/bank/demands/\(d.id)/take", isPrimary: true)])]
        }
        let taken: [[PortalPage.Cell]] = model.taken.map { row in
            let d = row.demand
            return [.link("#\(d.id)", href: "/bank/demands/\(d.id)"), .twoLines(row.firmName ?? d.uscc, d.uscc),
                    .text(Format.money(cents: d.amountCents)), .text(d.takenAt.map(Format.time) ?? "—"), row.progress.latestCell,
                    .badge(d.status.label, tone: d.status == .taken ? .info : .neutral),
                    .link(d.status == .taken ? "登记跟进" : "查看", href: "/bank/demands/\(d.id)")]
        }
        return PortalPage.render(model.context, title: "需求池", subtitle: "企业发布的融资需求，先到先得", [
            .table(.init(title: "融资需求", id: "pool", headers: ["编号", "企业", "信用等级", "金额", "期限", "用途", "时效", "发布时间", "操作"],
                         rows: rows, emptyText: "需求池暂无待接单需求")),
            .table(.init(title: "本机构接单", id: "taken", headers: ["编号", "企业", "金额", "接单时间", "最新进展", "状态", "操作"],
                         rows: taken, emptyText: "本机构尚未接单")),
        ])
    }
}
