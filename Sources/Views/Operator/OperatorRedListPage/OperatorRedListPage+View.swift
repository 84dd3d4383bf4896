import Domain

extension OperatorRedListPage {
    public static func render(_ model: Model) -> String {
        let objecting = model.entries.filter { $0.status == .objecting }
        var blocks: [PortalPage.Block] = [
            .form(.init(title: "生成守信激励名单", id: "propose", action: "/console/red-list/propose", fields: [], submitLabel: "按规则筛选并进入公示",
                        note: "条件：纳税信用 A 级、信用评价为最高等级、在本平台按时还款满规定月数、无失信名单；公示期满无异议后生效。")),
            .table(.init(title: "名单记录", id: "entries", headers: ["编号", "企业", "状态", "公示期", "有效期", "异议"],
                         rows: model.entries.map { e in
                [.mono("#\(e.id)"), .twoLines(e.name, e.uscc), .badge(e.status(on: model.today).label, tone: tone(e.status(on: model.today))),
                 .text("\(e.publicityStartedOn?.description ?? "") 至 \(e.publicityEnds?.description ?? "")"),
                 .text(e.validFrom.map { "\($0) 至 \(e.validUntil?.description ?? "")" } ?? "—"),
                 .text(e.objections.map { "\($0.reason)" + ($0.answer.map { " → \($0)" } ?? "（待答复，\($0.answerDue) 前）") }.joined(separator: "；"))]
            }, emptyText: "尚未生成")),
            .pagination(model.pagination),
        ]
        if !objecting.isEmpty {
            blocks.append(.form(.init(title: "答复异议", id: "answer", action: "/console/red-list/answer", fields: [
                .init("entry", "记录", kind: .options(objecting.map { (String($0.id), "#\($0.id) \($0.name)") }), isRequired: true),
                .init("uphold", "核查结论", kind: .options([("false", "异议不成立，继续公示"), ("true", "异议成立，不予列入")]), isRequired: true),
                .init("answer", "书面答复（核实结果和理由）", kind: .textarea, isRequired: true),
            ], submitLabel: "答复")))
        }
        return PortalPage.render(model.context, title: RedList.listName, actions: [.init("公示页面", href: "/public/red-list")], blocks)
    }
}
