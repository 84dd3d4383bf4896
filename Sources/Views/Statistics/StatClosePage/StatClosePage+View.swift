import Domain
import Plot

extension StatClosePage {
    public static func render(_ model: Model) -> String {
        let rows: [[BodyNode]] = model.rows.map { r in
            [.a(.attr("href", "/console/stats?from=\(r.month)&to=\(r.month)"), .text(r.month.label)),
             Badge.node(r.status.label, tone: r.status == .closed ? .success : (r.status == .reopened ? .warning : .neutral)),
             r.digest.map { .span(.cls("mono"), .attr("title", $0), .text(StatArea.shortDigest($0))) } ?? .text("—"),
             .text(r.closedBy ?? "—"), .text(r.closedOn?.description ?? "—")]
        }
        var content: [BodyNode] = [
            StatArea.card("各月结账情况", id: "months", flush: true, model.rows.isEmpty ? emptyState("暂无统计月份")
                : StatArea.table(headers: ["月份", "状态", "快照摘要", "结账人", "结账日期"], rows: rows)),
        ]
        let month = { (m: StatMonth) in SelectOption(value: m.description, label: m.label) }
        content.append(model.closable.isEmpty
            ? StatArea.block(model.context, .notice("没有可结账的月份（月份结束后方可结账）。", tone: .info))
            : StatArea.block(model.context, .form(.init(title: "结账", id: "close", action: "/console/stats/close", fields: [
                .init("month", "月份", kind: .select(model.closable.map(month)), isRequired: true),
            ], submitLabel: "结账", note: "结账将冻结该月全部指标，生成快照并将摘要写入透明日志。",
               confirm: "确认结账？该月数字将被冻结，摘要写入透明日志。"))))
        if !model.reopenable.isEmpty {
            content.append(StatArea.block(model.context, .form(.init(title: "重新打开", id: "reopen", action: "/console/stats/reopen", fields: [
                .init("month", "月份", kind: .select(model.reopenable.map(month)), isRequired: true),
                .init("reason", "原因", kind: .textarea, isRequired: true, hint: "必填；原因与操作人一并写入透明日志。"),
            ], submitLabel: "重新打开", confirm: "确认重新打开该月？重新打开将记入透明日志，已发布的数字可能变化。"))))
        }
        content.append(StatArea.card("结账日志", id: "log", flush: true, model.book.entries.isEmpty ? emptyState("尚无结账记录")
            : StatArea.table(headers: ["日期", "操作", "月份", "摘要或原因", "操作人"], rows: model.book.entries.reversed().map { e in
                [.text(e.on.description), .text(e.action == .closed ? "结账" : "重新打开"), .text(e.month.label),
                 e.action == .closed ? .span(.cls("mono digest"), .text(e.detail)) : .text(e.detail), .text(e.by)]
            })))
        return StatArea.render(model.context, title: "月度结账", subtitle: "结账冻结当月数字并生成可核验的快照；重新打开须写明原因",
                               active: "/console/stats/close", content)
    }
}
