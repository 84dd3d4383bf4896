import Domain

extension FirmDemandPage {
    public static func render(_ model: Model) -> String {
        let d = model.demand, p = model.progress
        var blocks: [PortalPage.Block] = []
        if let declined = p.steps.last(where: { $0.step == .declined }) {
            blocks.append(.notice("\(model.institutionName ?? "金融机构")未予对接：\(declined.note)。您可以重新发布需求或直接申请其他产品。",
                                  tone: .warning))
        } else if p.contactOverdue, let deadline = p.contactDeadline {
            blocks.append(.notice("接单机构应于 \(deadline) 前与您联系，已逾期；可拨打下方经办人电话，或向信用中心反映。", tone: .warning))
        }
        blocks.append(.facts(title: "接单机构", [
            .init("机构", model.institutionName ?? "—"),
            .init("经办人", p.officer?.officer ?? "—"),
            .init("联系电话", p.officer?.officerPhone ?? "—"),
            .init("接单时间", d.takenAt.map(Format.time) ?? "—"),
            .init("联系期限", p.contactDeadline.map { "\($0) 前" } ?? "—"),
        ]))
        blocks.append(.facts(title: "融资需求", [
            .init("金额", Format.money(cents: d.amountCents)), .init("期限", Format.months(d.termMonths)), .init("用途", d.purpose),
            .init("发布时间", Format.time(d.publishedAt)),
            .init("状态", cell: .badge(d.status.label, tone: d.status == .taken ? .success : .neutral)),
        ]))
        blocks.append(p.table)
        return PortalPage.render(model.context, title: "融资需求 #\(d.id)", subtitle: "金融机构的对接进展", blocks)
    }
}
