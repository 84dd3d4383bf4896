import Domain

extension OperatorListingsPage {
    public static func render(_ model: Model) -> String {
        let open = model.entries.filter { ![.removed, .dropped].contains($0.status) }
        var blocks: [PortalPage.Block] = [
            .table(.init(title: "名单记录", id: "listings", headers: ["编号", "失信主体", "名单", "依据与事由", "状态", "告知 / 异议期", "异议", "移出条件"],
                         rows: model.entries.map { e in
                [.mono(e.id), .twoLines(e.subject?.name ?? "", e.subject?.identifier ?? ""), .text(e.kind.listName),
                 .twoLines(e.basisDocumentNumber, e.reason), .badge(e.status.label, tone: tone(e.status)),
                 .text(e.noticeDay.map { "\($0) 告知，异议期至 \(e.objectionWindowEnds?.description ?? "")" } ?? "—"),
                 .text(e.objections.map { $0.reason + ($0.answer.map { " → \($0)" } ?? "（待答复，\($0.answerDue) 前）") }.joined(separator: "；")),
                 .text(e.removalConditions)]
            }, emptyText: "尚无本平台认定的名单记录")),
            .pagination(model.pagination),
        ]
        if !open.isEmpty {
            blocks.append(.form(.init(title: "办理程序", id: "step", action: "/console/listings/step", fields: [
                .init("entry", "记录", kind: .options(open.map { ($0.id, "\($0.id) \($0.subject?.name ?? "")（\($0.status.label)）") }), isRequired: true),
                .init("action", "步骤", kind: .options([("notify", "书面告知"), ("reject_objection", "驳回异议"), ("uphold_objection", "异议成立"),
                                                      ("list", "列入（异议期满后）"), ("publish", "公布"), ("remove", "移出")]), isRequired: true),
                .init("text", "告知书内容 / 书面答复 / 移出事由", kind: .textarea),
            ], submitLabel: "办理", note: "告知书须写明列入事由、依据和当事人依法享有的陈述申辩、异议权利；列入须在异议期届满且异议已答复之后。")))
        }
        blocks.append(.form(.init(title: "提出列入", id: "propose", action: "/console/listings", fields: [
            .init("uscc", "统一社会信用代码", isRequired: true),
            .init("kind", "名单", kind: .options([(ListKind.financialSeriousDishonest.rawValue, ListKind.financialSeriousDishonest.listName),
                                                 (ListKind.seriousDebtor.rawValue, ListKind.seriousDebtor.listName)]), isRequired: true),
            .init("basis", "认定依据文号", isRequired: true),
            .init("reason", "列入事由", kind: .textarea, isRequired: true),
            .init("act_ended_on", "失信行为终止日期（持续中可不填）", kind: .date),
            .init("removal_conditions", "移出条件", kind: .textarea, isRequired: true),
            .init("rep_name", "法定代表人姓名"), .init("rep_id", "法定代表人身份证号"),
        ], submitLabel: "提出", note: "涉金融严重失信人名单（发改财金规〔2017〕460号）；失信被执行人等名单由认定机关认定后归集，不在此列入。")))
        return PortalPage.render(model.context, title: "失信名单认定", blocks)
    }
}
