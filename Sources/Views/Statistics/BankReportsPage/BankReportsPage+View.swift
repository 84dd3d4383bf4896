import Domain
import Plot

extension BankReportsPage {
    public static func render(_ model: Model) -> String {
        var content: [BodyNode] = []
        if let month = model.current, let row = model.rows.first(where: { $0.month == month }) {
            let tone: PortalPage.Tone = row.status == .returned || row.daysLate > 0 ? .warning : .info
            let text = switch row.status {
            case .notFiled: "\(month.label)报表须在 \(row.dueOn) 前报送。"
            case .returned: "\(month.label)报表已被退回\(row.returnReason.map { "：\($0)" } ?? "")，请更正后重新报送。"
            case .pending: "\(month.label)报表已报送，等待信用中心审核。"
            case .accepted: "\(month.label)报表已被接受。"
            }
            content.append(StatArea.block(model.context, .notice(text, tone: tone)))
        }
        let rows: [[BodyNode]] = model.rows.map { r in
            [.a(.attr("href", "/bank/reports/\(r.month)"), .text(r.month.label)), StatArea.badge(r.status), .text(r.dueOn.description),
             .text(r.filedOn?.description ?? "—"), StatArea.figure(r.daysLate > 0 ? "\(r.daysLate)天" : "—"),
             .a(.attr("href", "/bank/reports/\(r.month)"), .text(r.status.isEditable ? (r.status == .notFiled ? "填报" : "修改") : "查看"))]
        }
        content.append(StatArea.card("各月报表", id: "months", flush: true, model.rows.isEmpty
            ? emptyState("暂无需报送的报表")
            : StatArea.table(headers: ["报告月份", "状态", "截止日期", "报送日期", "逾期", ""], numeric: [4], rows: rows)))
        let actions: [PortalPage.Link] = model.current.map { [.init("填报\($0.label)报表", href: "/bank/reports/\($0)")] } ?? []
        return StatArea.render(model.context, title: "统计报表", subtitle: "\(model.institutionName) · 每月按信用中心发布的模板报送",
                               active: nil, actions: actions, content)
    }
}
