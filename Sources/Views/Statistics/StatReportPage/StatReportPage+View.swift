import Domain
import Plot

extension StatReportPage {
    public static func render(_ model: Model) -> String {
        let t = model.template, month = model.report.month
        var content: [BodyNode] = [
            StatArea.block(model.context, .facts(title: "报表信息", [
                .init("金融机构", model.institutionName), .init("报告月份", month.label),
                .init("模板", "第\(t.version)版（\(t.effectiveFrom)起施行）"), .init("报送截止", model.dueOn.description),
                .init("状态", cell: .badge(model.status.label, tone: model.status.tone)),
            ])),
        ]
        if !model.problems.isEmpty { content.append(problemsCard(model)) }
        content.append(model.isEditable ? editableGrid(model) : StatArea.card("报表", id: "grid", flush: true, grid(model, editable: false)))
        if model.isEditable { content.append(uploadForm(model)) }
        content.append(differencesCard(model))
        if model.mayReturn { content += decisionForms(model) }
        content.append(historyCard(model))
        let title = model.mode == .filing ? "\(month.label)统计报表" : "\(model.institutionName) · \(month.label)统计报表"
        let active: String? = model.mode == .filing ? nil : "/console/stats/reports"
        let back: PortalPage.Link = model.mode == .filing ? .init("全部报表", href: "/bank/reports")
            : .init("报送情况", href: "/console/stats/reports?month=\(month)")
        return StatArea.render(model.context, title: title, subtitle: t.columns.isEmpty ? nil : "金额以元为单位，保留两位小数；户数、笔数为整数",
                               active: active, actions: [back], content)
    }

    /// `R01 当月新发放贷款`.
    static func rowName(_ t: ReportTemplate, _ code: String) -> String { t.row(code).map { "\(code) \($0.label)" } ?? code }

    static func unit(_ column: ReportTemplate.Column) -> String { column.unit == .cents ? "元" : "户/笔" }

    /// A cell as shown: `¥1,234.56` or `12`.
    static func text(_ value: Int64?, _ column: ReportTemplate.Column?) -> String {
        guard let value else { return "—" }
        return column?.unit == .cents ? Cents(value).yuanText : Format.count(Int(clamping: value))
    }

    static func grid<C: HTML.BodyContext>(_ model: Model, editable: Bool) -> Node<C> {
        let t = model.template
        let wrong = Set(model.problems.compactMap { p in p.column.map { StatReport.Cell(p.row, $0) } })
        let rows: [[BodyNode]] = t.rows.map { row in
            [.span(.cls("mono"), .text(row.code)),
             .span(.cls("row-label"), .attr("title", row.definition), .text(row.label))]
                + t.columns.map { column in
                    guard row.cells.contains(column.code) else { return .span(.cls("muted"), .text("—")) }
                    let value = model.report[row.code, column.code], invalid = wrong.contains(StatReport.Cell(row.code, column.code))
                    guard editable else { return .span(.cls(invalid ? "figure cell-problem" : "figure"), .text(text(value, column))) }
                    return input(row, column, value: value, invalid: invalid)
                }
        }
        return StatArea.table(headers: ["行次", "项目"] + t.columns.map { "\($0.label)（\(unit($0))）" },
                              numeric: Set(2..<(2 + t.columns.count)), rows: rows)
    }

    static func input(_ row: ReportTemplate.Row, _ column: ReportTemplate.Column, value: Int64?, invalid: Bool) -> BodyNode {
        let money = column.unit == .cents
        let shown = value.map { money ? Format.yuanInput(Cents($0)) : "\($0)" } ?? ""
        let required = row.required.contains(column.code)
        return .span(.cls("cell-input"), .input(
            .type(.number), .name(Model.fieldName(row: row.code, column: column.code)), .attr("value", shown),
            .attr("step", money ? "0.01" : "1"), .attribute(named: "min", value: row.allowsNegative == true ? nil : "0"),
            .attr("inputmode", money ? "decimal" : "numeric"), .flag("required", required),
            .attr("aria-label", "\(row.code) \(row.label) \(column.label)（\(unit(column))）"),
            .attribute(named: "aria-invalid", value: invalid ? "true" : nil)
        ), .span(.cls("unit"), .text(unit(column))))
    }

    static func editableGrid(_ model: Model) -> BodyNode {
        StatArea.card("填报", id: "grid", flush: true, .form(
            .id("report-form"), .attr("method", "post"), .attr("action", model.path),
            Forms.csrfField(model.context.csrfToken),
            grid(model, editable: true),
            .div(.cls("form-actions card-footer"),
                 .p(.cls("field-hint"), .text("带 * 的栏目为必填；行次名称悬停可查看口径。提交后由平台校验，并与平台记录的本机构数据对照。")),
                 .button(.type(.submit), .cls("btn btn-primary"), .text(model.status == .notFiled ? "报送" : "重新报送")))
        ))
    }

    static func uploadForm(_ model: Model) -> BodyNode {
        StatArea.block(model.context, .form(.init(title: "上传 CSV", id: "report-upload", action: "\(model.path)/upload", fields: [
            .init("file", "CSV 文件", kind: .file(accept: ".csv,text/csv"), isRequired: true,
                  hint: "UTF-8 编码，首行为表头“行次,栏目,数值”，每行一个单元格，如 R01,amount,1234.56；金额以元为单位。"),
        ], submitLabel: "上传并报送")))
    }

    static func problemsCard(_ model: Model) -> BodyNode {
        let t = model.template
        return StatArea.card("校验问题（\(model.problems.count)项）", id: "problems", flush: true, StatArea.table(
            headers: ["行次", "栏目", "问题"],
            rows: model.problems.map { p in
                [.text(rowName(t, p.row)), .text(p.column.map { t.column($0)?.label ?? $0 } ?? "—"), .span(.cls("text-danger"), .text(p.message))]
            }))
    }

    static func differencesCard(_ model: Model) -> BodyNode {
        let t = model.template
        guard !model.differences.isEmpty else {
            return StatArea.card("与平台数据对照", id: "differences", emptyState("本报表没有可与平台记录对照的栏目"))
        }
        let rows: [[BodyNode]] = model.differences.map { d in
            let column = t.column(d.column)
            let isFloor = t.row(d.row)?.floor?.contains(d.column) == true
            let below = isFloor && (d.reported ?? 0) < d.platform
            return [.text(rowName(t, d.row)), .text(column?.label ?? d.column),
                    IndicatorCatalog.indicator(d.indicator).map(IndicatorLink.node) ?? .text(d.indicator),
                    StatArea.figure(d.reported == nil ? "未填报" : text(d.reported, column)), StatArea.figure(text(d.platform, column)),
                    StatArea.figure(d.difference.map { ($0 > 0 ? "+" : "") + text($0, column) } ?? "—"),
                    Badge.node(isFloor ? (below ? "低于下限" : "下限") : "参考", tone: below ? .danger : (isFloor ? .info : .neutral))]
        }
        return StatArea.card("与平台数据对照", id: "differences", flush: true, .group(
            .p(.cls("card-note"), .text("平台数为本机构经平台发放、记录的数据；标“下限”的栏目填报数不得低于平台数，其余仅供参考。")),
            StatArea.table(headers: ["行次", "栏目", "平台指标", "填报数", "平台数", "差额", "口径"], numeric: [3, 4, 5], rows: rows)))
    }

    static func decisionForms(_ model: Model) -> [BodyNode] {
        var forms: [BodyNode] = []
        if model.mayAccept {
            forms.append(StatArea.block(model.context, .form(.init(title: "接受报表", id: "accept", action: "\(model.path)/accept", fields: [],
                                                                   submitLabel: "接受", confirm: "确认接受该报表？接受后机构不能再修改。"))))
        } else {
            forms.append(StatArea.block(model.context, .notice("报表尚有校验问题，不能接受；请退回并写明原因。", tone: .warning)))
        }
        forms.append(StatArea.block(model.context, .form(.init(title: "退回报表", id: "return", action: "\(model.path)/return", fields: [
            .init("reason", "退回原因", kind: .textarea, isRequired: true, hint: "机构将看到此原因，请写明需更正的行次和栏目。"),
        ], submitLabel: "退回", confirm: "确认退回该报表？"))))
        return forms
    }

    static func historyCard(_ model: Model) -> BodyNode {
        StatArea.card("办理记录", id: "history", flush: true, model.history.isEmpty ? emptyState("尚未报送") : StatArea.table(
            headers: ["日期", "事项", "经办", "原因"],
            rows: model.history.map { e in [.text(e.on.description), .text(e.action.label), .text(e.by), .text(e.reason ?? "—")] }))
    }
}
