import Domain
import Plot

extension StatReportsPage {
    public static func render(_ model: Model) -> String {
        let name = { (id: String) in model.institutionNames[id] ?? id }
        var content: [BodyNode] = [
            .form(.cls("card filter-form"), .attr("method", "get"), .attr("action", "/console/stats/reports"),
                  .div(.cls("filter-grid"), Forms.field(label: "报告月份", for: "reports-month", control: .input(
                    .id("reports-month"), .type(.month), .name("month"), .attr("value", model.month.description)))),
                  .div(.cls("form-actions"), .button(.type(.submit), .cls("btn btn-primary"), .text("查看")))),
        ]
        if let t = model.template {
            content.append(StatArea.block(model.context, .facts(title: "现行报表模板", [
                .init("版本", "第\(t.version)版"), .init("生效日期", t.effectiveFrom),
                .init("报送截止", "次月\(t.dueDayOfNextMonth)日（本月报表截止 \(t.dueOn(for: model.month))）"),
                .init("行次", "\(t.rows.count)行 × \(t.columns.count)栏"),
            ])))
        } else {
            content.append(StatArea.block(model.context, .notice("\(model.month.label)没有生效的报表模板。", tone: .warning)))
        }
        let filed = model.rows.filter { $0.status != .notFiled }.count
        content.append(StatArea.block(model.context, .stats([
            .init("应报机构", "\(model.rows.count)家"), .init("已报送", "\(filed)家"),
            .init("已接受", "\(model.rows.filter { $0.status == .accepted }.count)家", tone: .success),
            .init("逾期", "\(model.late.count)家", tone: model.late.isEmpty ? .neutral : .danger),
        ])))
        let rows: [[BodyNode]] = model.rows.map { r in
            [.text(name(r.institution)), StatArea.badge(r.status), .text(r.filedOn?.description ?? "—"),
             StatArea.figure(r.daysLate > 0 ? "\(r.daysLate)天" : "—"), StatArea.figure("\(r.problems)"), StatArea.figure("\(r.differences)"),
             r.reportID.map { .a(.attr("href", "/console/stats/reports/\(Paths.encode($0))"), .text("查看报表")) } ?? .text("—")]
        }
        content.append(StatArea.card("\(model.month.label)报送情况", id: "reports", flush: true, model.rows.isEmpty
            ? emptyState("暂无应报送的金融机构")
            : StatArea.table(headers: ["金融机构", "状态", "报送日期", "逾期天数", "问题", "差异", ""], numeric: [3, 4, 5], rows: rows)))
        content.append(StatArea.card("逾期报送", id: "late", flush: true, model.late.isEmpty
            ? emptyState("没有逾期的报表")
            : StatArea.table(headers: ["金融机构", "截止日期", "报送日期", "逾期天数"], numeric: [3], rows: model.late.map { l in
                [.text(name(l.institution)), .text(l.dueOn.description), .text(l.filedOn?.description ?? "未报送"), StatArea.figure("\(l.daysLate)天")]
            })))
        return StatArea.render(model.context, title: "统计报表", subtitle: "\(model.month.label) · 金融机构统计报表报送与审核",
                               active: "/console/stats/reports", actions: [
                                   .init("导出 CSV", href: "/console/stats/reports/export.csv?month=\(model.month)"),
                                   .init("导出 Excel", href: "/console/stats/reports/export.xlsx?month=\(model.month)"),
                               ], content)
    }
}
