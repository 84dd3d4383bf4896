import Domain
extension FirmObjectionsPage {
    public static func render(_ model: Model) -> String {
        let names = model.datasetNames
        var blocks: [PortalPage.Block] = [
            .notice("对信用画像中的记录有异议，可在此提出；报送部门应在 \(model.workingDays) 个工作日内核实处理，逾期将提交信用中心督办。",
                    tone: .info),
        ]
        blocks.append(.table(.init(title: "我的异议", id: "objections",
                                   headers: ["编号", "记录", "理由", "证明材料", "提出时间", "处理期限", "状态", "处理结果", "操作"],
                                   rows: model.objections.map { o in
            [.mono("#\(o.id)"), .twoLines(names[o.dataset] ?? o.dataset, o.recordID), .text(o.reason),
             EvidenceLink.cell(model.evidence[o.id] ?? [], prefix: "/firm/objections/evidence",
                               empty: o.attachments.isEmpty ? "无材料" : o.attachments.joined(separator: "；")),
             .text(Format.time(o.filedAt)), .text(o.deadline + (o.isOverdue(on: model.today) ? "（已逾期）" : "")),
             .badge(o.status.label, tone: RemedyTone.of(o.status)), .text(o.resolution ?? "—"),
             o.status.isOpen ? .actions([.init("撤回", path: "/firm/objections/\(o.id)/withdraw", confirm: "确定撤回该异议？")]) : .text("")]
        }, emptyText: "尚未提出异议")))
        let options = model.records.map { r in
            ("\(r.dataset)|\(r.recordID)", "\(r.datasetName) · \(r.date) · \(r.summary.isEmpty ? r.recordID : r.summary)")
        }
        blocks.append(.form(.init(title: "提出异议", id: "file-objection", action: "/firm/objections", fields: [
            .init("record", "有异议的记录", kind: .options(options), isRequired: true),
            .init("reason", "异议理由", kind: .textarea, isRequired: true, hint: "请说明记录哪里有误、应当如何"),
        ], submitLabel: "提交异议", note: "提交后可在下方为异议上传证明材料。")))
        let open = model.objections.filter(\.status.isOpen)
        if !open.isEmpty {
            blocks.append(.form(.init(title: "上传证明材料", id: "evidence", action: "/firm/objections/evidence", fields: [
                .init("objection", "异议", kind: .options(open.map { ("\($0.id)", "#\($0.id) · \(names[$0.dataset] ?? $0.dataset)") }), isRequired: true),
                .init("file", "文件（PDF、图片等，不超过 5 MB，每项异议最多 5 个）",
                      kind: .file(accept: ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ofd"), isRequired: true),
            ], submitLabel: "上传")))
        }
        return PortalPage.render(model.context, title: "异议申请", blocks)
    }
}
