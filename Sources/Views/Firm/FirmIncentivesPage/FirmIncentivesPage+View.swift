import Domain

extension FirmIncentivesPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = []
        if let entry = model.entry {
            blocks.append(.facts(title: RedList.listName, [
                .init("状态", cell: .badge(entry.status(on: model.today).label, tone: OperatorRedListPage.tone(entry.status(on: model.today)))),
                .init("公示期", "\(entry.publicityStartedOn?.description ?? "") 至 \(entry.publicityEnds?.description ?? "")"),
                .init("有效期", entry.validFrom.map { "\($0) 至 \(entry.validUntil?.description ?? "")" } ?? "公示期满无异议后生效"),
            ]))
        } else {
            blocks.append(.notice("贵企业尚未列入\(RedList.listName)。条件：纳税信用 A 级、信用评价为最高等级、在本平台按时还款满规定月数、无失信名单。", tone: .neutral))
        }
        if let incentive = model.incentive { blocks.append(.notice(incentive, tone: .success)) }
        blocks.append(.form(.init(title: "按时还款公示", id: "consent", action: "/firm/incentives/consent", fields: [
            .init("granted", "是否同意", kind: .options([("true", "同意在“按时还款企业”页面公示本企业"), ("false", "不同意")],
                                                        selected: model.consents ? "true" : "false"), isRequired: true),
        ], submitLabel: "保存", note: model.consents ? "当前：已同意公示。" : "当前：未同意公示。同意与撤回均记录在透明日志中。")))
        return PortalPage.render(model.context, title: "守信激励", blocks)
    }
}
