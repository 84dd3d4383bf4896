import Domain
extension FirmRepairsPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = [
            .notice("行政处罚信息在最短公示期满后，企业纠正失信行为、履行法定义务并重新作出信用承诺的，可申请信用修复；修复后该信息停止公示、共享，不再计入评价。",
                    tone: .info),
        ]
        blocks.append(.table(.init(title: "行政处罚", id: "penalties", headers: ["处罚日期", "严重程度", "内容", "可否修复", "最早申请日"],
                                   rows: model.penalties.map { p in
            [.text(p.decided?.description ?? p.eventDate), .text(p.severity),
             .text(p.violation ?? p.recordID),
             .badge(p.application.map { "修复申请\($0.status.label)" } ?? p.eligibility.label,
                    tone: p.eligibility.mayApply ? .success : .neutral),
             .text(p.eligibility.earliest?.description ?? "—")]
        }, emptyText: "没有行政处罚记录")))
        let eligible = model.penalties.filter { $0.eligibility.mayApply && $0.application?.status != .pending }
        if !eligible.isEmpty {
            blocks.append(.form(.init(title: "申请信用修复", id: "apply-repair", action: "/firm/repairs", fields: [
                .init("record_id", "行政处罚", kind: .options(eligible.map {
                    ($0.recordID, "\($0.decided?.description ?? "") \($0.severity) \($0.violation ?? "")")
                }), isRequired: true),
                .init("proof", "纠正失信行为、履行法定义务情况", kind: .textarea, isRequired: true),
                .init("attachments", "证明材料", kind: .textarea, hint: "材料名称或文号，每行一项"),
                .init("signer", "重新签署信用承诺书的签署人（法定代表人）", value: model.legalRepresentative ?? "", isRequired: true),
            ], submitLabel: "签署承诺并提交申请", note: "提交即重新签署当前版本的信用承诺书，并在平台公示。")))
        }
        blocks.append(.table(.init(title: "修复申请", id: "repairs", headers: ["编号", "处罚", "申请时间", "状态", "审核意见"],
                                   rows: model.repairs.map { r in
            [.mono("#\(r.id)"), .twoLines(r.decidedOn + " " + r.severity, r.recordID), .text(Format.time(r.appliedAt)),
             .badge(r.status.label, tone: RemedyTone.of(r.status)), .text(r.reviewNote ?? "—")]
        }, emptyText: "尚未申请")))
        return PortalPage.render(model.context, title: "信用修复", blocks)
    }
}
