import Domain
extension OperatorRepairsPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = []
        blocks.append(.table(.init(title: "信用修复申请", id: "repairs",
                                   headers: ["编号", "企业", "处罚", "整改说明与材料", "承诺书", "申请时间", "状态", "操作"],
                                   rows: model.repairs.map { r in
            [.mono("#\(r.id)"), .mono(r.uscc), .twoLines("\(r.decidedOn) \(r.severity)", r.recordID),
             .twoLines(r.proof, r.attachments.isEmpty ? "无材料" : "材料：" + r.attachments.joined(separator: "；")),
             .text("#\(r.commitmentID)"), .text(Format.time(r.appliedAt)), .badge(r.status.label, tone: RemedyTone.of(r.status)),
             r.status == .pending ? .actions([
                .init("批准修复", path: "/console/repairs/\(r.id)/decision", fields: ["approve": "true"], isPrimary: true,
                      confirm: "批准后该处罚信息将停止公示、共享和计分。"),
             ]) : .text(r.reviewNote ?? "")]
        }, emptyText: "没有修复申请")))
        let pending = model.repairs.filter { $0.status == .pending }
        if !pending.isEmpty {
            blocks.append(.form(.init(title: "驳回申请", id: "reject-repair", action: "/console/repairs/0/decision", fields: [
                .init("id", "申请", kind: .options(pending.map { (String($0.id), "#\($0.id) \($0.uscc)") }), isRequired: true),
                .init("approve", "", kind: .hidden, value: "false"),
                .init("note", "驳回理由", kind: .textarea, isRequired: true),
            ], submitLabel: "驳回")))
        }
        return PortalPage.render(model.context, title: "信用修复审核", blocks)
    }
}
