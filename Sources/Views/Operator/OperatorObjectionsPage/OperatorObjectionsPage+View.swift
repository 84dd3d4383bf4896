import Domain

extension OperatorObjectionsPage {
    public static func render(_ model: Model) -> String {
        let names = model.datasetNames
        let today = model.today
        let open = model.objections.filter(\.status.isOpen)
        var blocks: [PortalPage.Block] = [.stats([
            .init("待处理", "\(open.count)", tone: open.isEmpty ? .neutral : .info),
            .init("已逾期", "\(open.filter { $0.isOverdue(on: today) || $0.status == .escalated }.count)", tone: .danger),
        ])]
        blocks.append(.table(.init(title: "异议", id: "objections",
                                   headers: ["编号", "企业", "被异议的记录", "理由", "证明材料", "处理期限", "状态", "处理结果", "更正", "操作"],
                                   rows: model.objections.map { o in
            let overdue = o.status == .escalated || o.isOverdue(on: today)
            let record = model.records[o.id].map { fields in fields.map { "\($0.label)：\($0.value.isEmpty ? "—" : $0.value)" }.joined(separator: "；") }
            return [.mono("#\(o.id)"), .twoLines(model.firmNames[o.uscc] ?? "（未登记）", o.uscc),
                    .twoLines("\(names[o.dataset] ?? o.dataset) · \(o.recordID)", record ?? "该记录不在数据归集中"),
                    .text(o.reason),
                    EvidenceLink.cell(model.evidence[o.id] ?? [], prefix: "/console/objections/evidence",
                                      empty: o.attachments.isEmpty ? "无材料" : "材料名称：" + o.attachments.joined(separator: "；")),
                    !o.status.isOpen ? .text(o.deadline)
                        : overdue ? .badge("\(o.deadline) \(countdown(o.deadline, today: today))", tone: .danger)
                        : .twoLines(o.deadline, countdown(o.deadline, today: today)),
                    .badge(o.status.label, tone: RemedyTone.of(o.status)), .text(o.resolution ?? "—"),
                    o.status.isOpen && model.records[o.id] != nil ? .link("下载该记录改后重报", href: "/console/objections/\(o.id)/record.csv")
                        : .text(""),
                    o.status.isOpen ? .actions([
                        .init("异议成立", path: "/console/objections/\(o.id)/resolve", fields: ["action": "confirm"],
                              confirm: "确认异议成立？该记录将停止公示和计分。"),
                        .init("已更正", path: "/console/objections/\(o.id)/resolve", fields: ["action": "correct"]),
                    ]) : .text("")]
        }, emptyText: "没有异议")))
        if !open.isEmpty {
            blocks.append(.form(.init(title: "处理异议", id: "resolve-objection", action: "/console/objections/0/resolve", fields: [
                .init("id", "异议", kind: .options(open.map { (String($0.id), "#\($0.id) \($0.uscc) \(names[$0.dataset] ?? $0.dataset)") }),
                      isRequired: true),
                .init("action", "处理结果", kind: .options(
                    [ObjectionAction.reject, .confirm, .correct].map { ($0.rawValue, $0.label) }), isRequired: true),
                .init("note", "说明（驳回须写明理由）", kind: .textarea),
            ], submitLabel: "提交处理结果", note: "更正：请先通过“上传数据”报送更正后的记录，再选择“更正记录”。")))
        }
        return PortalPage.render(model.context, title: "异议处理", blocks)
    }
}
