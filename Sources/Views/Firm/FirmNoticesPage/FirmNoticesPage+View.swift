import Domain

extension FirmNoticesPage {
    public static func render(_ model: Model) -> String {
        let objectable = model.listings.filter { $0.status == .noticed }
        var blocks: [PortalPage.Block] = model.listings.isEmpty ? [] : [
            .table(.init(title: "失信名单告知", id: "listing-notices", headers: ["编号", "名单", "告知内容", "异议期", "状态"], rows: model.listings.map { e in
                [.mono(e.id), .text(e.kind.listName), .text(e.noticeText ?? "尚未告知"), .text(e.objectionWindowEnds.map { "至 \($0)" } ?? "—"),
                 .badge(e.status.label, tone: OperatorListingsPage.tone(e.status))]
            }, emptyText: "")),
        ]
        if !objectable.isEmpty {
            blocks.append(.form(.init(title: "陈述申辩 / 异议", id: "listing-objection", action: "/firm/notices/listing-objection", fields: [
                .init("entry", "记录", kind: .options(objectable.map { ($0.id, "\($0.id) \($0.kind.listName)") }), isRequired: true),
                .init("text", "异议理由与证据", kind: .textarea, isRequired: true),
            ], submitLabel: "提出异议", note: "信用中心在规定期限内书面答复；异议期内不会列入名单。")))
        }
        return PortalPage.render(model.context, title: "告知书", subtitle: "列入失信名单前的书面告知（可在异议期内陈述申辩），以及金融机构报送逾期前的告知（履行期限内履行的不记入信用记录）", blocks + [
            .table(.init(title: "逾期告知", id: "notices", headers: ["编号", "告知日期", "告知内容", "履行期限", "结果"], rows: model.reports.map { r in
                [.mono("#\(r.id)"), .text(r.feedback.noticeDay?.description ?? ""), .text(r.noticeText), .text(r.deadline.description),
                 .badge(r.status.label + (r.curedOn.map { "（\($0) 履行）" } ?? "") + (r.recordedOn.map { "（\($0) 起）" } ?? ""),
                        tone: r.status == .recorded ? .danger : r.status == .cured ? .success : .warning)]
            }, emptyText: "没有逾期告知")),
        ])
    }
}
