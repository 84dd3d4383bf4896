import Plot

extension PortalPage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: model.context.title, context: model.context, bodyClass: "page-portal", content: .group(
            pageHeader(model.context.title, subtitle: model.subtitle, actions: .group(model.actions.map { link in
                .a(.cls("btn btn-secondary"), .href(link.href), .text(link.label))
            })),
            .group(model.blocks.map { block(model.context.csrfToken, $0) })
        ))
    }

    static func block(_ csrf: String, _ block: Block) -> BodyNode {
        switch block {
        case .stats(let stats):
            return .div(.cls("stats"), .group(stats.map(stat)))
        case .facts(let title, let facts):
            return .section(.cls("card"), .h2(.cls("card-title"), .text(title)), .dl(
                .cls("kv-grid"),
                .forEach(facts) { fact in .div(.cls("kv"), .dt(.text(fact.label)), .dd(cell(csrf, fact.value))) }
            ))
        case .table(let table):
            return .section(
                .cls("card card-flush"), .id(table.id),
                .div(.cls("card-header"), .h2(.cls("card-title"), .text(table.title)),
                     .unwrap(table.link) { .a(.cls("card-link"), .href($0.href), .text($0.label)) }),
                .if(table.rows.isEmpty, emptyState(table.emptyText), else: .div(.cls("table-wrap"), .table(
                    .cls("table"),
                    .thead(.tr(.forEach(table.headers) { .th(.attr("scope", "col"), .text($0)) })),
                    .tbody(.forEach(table.rows) { row in .tr(.forEach(row) { .td(cell(csrf, $0)) }) })
                )))
            )
        case .form(let form):
            return .section(.cls("card"), .h2(.cls("card-title"), .text(form.title)), formNode(csrf, form))
        case .notice(let text, let tone):
            let kind = tone == .danger ? "error" : (tone == .warning ? "warning" : "info")
            return .div(.cls("notice notice-\(kind)"), .attr("role", tone == .danger ? "alert" : "status"), .text(text))
        case .text(let title, let paragraphs):
            return .section(.cls("card"), .h2(.cls("card-title"), .text(title)),
                            .forEach(paragraphs) { .p(.cls("prose"), .text($0)) })
        case .pagination(let pagination):
            return PaginationView.node(pagination)
        case .chart(let title, let items, let unit):
            return .section(.cls("card"), .h2(.cls("card-title"), .text(title)), .div(.cls("chart"), BarChart(
                title: title, items: items.map { BarChart.Item(label: $0.label, value: $0.value) }, unit: unit,
                id: "chart-\(title.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0x7fff_ffff })"
            ).node()))
        }
    }

    static func stat(_ stat: Stat) -> BodyNode {
        let classes = "stat" + (stat.tone == .neutral ? "" : " stat-\(stat.tone.rawValue)")
        if let href = stat.href { return .a(.cls(classes + " stat-link"), .href(href), statBody(stat)) }
        return .div(.cls(classes), statBody(stat))
    }

    static func statBody<C: HTML.BodyContext>(_ stat: Stat) -> Node<C> {
        .group(
            .p(.cls("stat-label"), .text(stat.label)),
            .p(.cls("stat-value"), .text(stat.value)),
            .unwrap(stat.hint) { .p(.cls("stat-hint"), .text($0)) }
        )
    }

    static func cell(_ csrf: String, _ cell: Cell) -> BodyNode {
        switch cell {
        case .text(let text): return .text(text.isEmpty ? "—" : text)
        case .mono(let text): return .span(.cls("mono"), .text(text))
        case .link(let text, let href): return .a(.href(href), .text(text))
        case .badge(let text, let tone): return Badge.node(text, tone: BadgeTone(rawValue: tone.rawValue) ?? .neutral)
        case .twoLines(let main, let sub):
            return .group(.span(.cls("cell-title"), .text(main)), .span(.cls("cell-sub"), .text(sub)))
        case .links(let links):
            return .div(.cls("cell-links"), .forEach(links) { link in .div(.a(.href(link.href), .text(link.label))) })
        case .actions(let actions):
            return .div(.cls("row-actions"), .forEach(actions) { action in
                .form(
                    .method(.post), .action(action.path), .cls("inline-form"),
                    .unwrap(BindingActions.confirmation(action.label, given: action.confirm)) { .data(named: "confirm", value: $0) },
                    Forms.csrfField(csrf),
                    .forEach(action.fields.sorted { $0.key < $1.key }) { .input(.type(.hidden), .name($0.key), .value($0.value)) },
                    .button(.type(.submit), .cls(BindingActions.buttonClass(action.label, primary: action.isPrimary, small: true)),
                            .text(action.label))
                )
            })
        }
    }

    static func formNode(_ csrf: String, _ form: Form) -> BodyNode {
        .form(
            .id(form.id), .cls("portal-form"),
            .attr("method", form.method.rawValue), .action(form.action),
            .attribute(named: "enctype", value: form.fields.contains(where: \.isFile) ? "multipart/form-data" : nil),
            .unwrap(BindingActions.confirmation(form.submitLabel, given: form.confirm)) { .data(named: "confirm", value: $0) },
            .if(form.method == .post, Forms.csrfField(csrf)),
            .forEach(form.fields) { fieldNode(form.id, $0) },
            .unwrap(form.note) { .p(.cls("field-hint"), .text($0)) },
            .div(.cls("form-actions"), .button(.type(.submit), .cls(BindingActions.buttonClass(form.submitLabel, primary: true)),
                                               .text(form.submitLabel)))
        )
    }

    static func fieldNode<C: HTML.BodyContext>(_ formID: String, _ field: Field) -> Node<C> {
        let id = "\(formID)-\(field.name)"
        let label = field.label + (field.isRequired ? " *" : "")
        switch field.kind {
        case .hidden:
            return .input(.type(.hidden), .name(field.name), .value(field.value))
        case .textarea:
            return Forms.field(label: label, for: id, control: .textarea(
                .id(id), .name(field.name), .attr("rows", "5"), .flag("required", field.isRequired), .text(field.value)
            ), hint: field.hint)
        case .select(let options):
            return Forms.field(label: label, for: id, control: Forms.select(
                name: field.name, id: id, options: options, isRequired: field.isRequired
            ), hint: field.hint)
        case .checkboxes(let options):
            return .fieldset(
                .cls("field checkbox-group"), .id(id),
                .element(named: "legend", text: label),
                .forEach(options) { option in
                    .label(.cls("checkbox"), .input(
                        .type(.checkbox), .name("\(field.name)[]"), .value(option.value), .flag("checked", option.isSelected)
                    ), .text(" " + option.label))
                },
                .unwrap(field.hint) { .p(.cls("field-hint"), .text($0)) }
            )
        case .file(let accept):
            return Forms.field(label: label, for: id, control: .input(
                .id(id), .type(.file), .name(field.name), .flag("required", field.isRequired),
                .attribute(named: "accept", value: accept.isEmpty ? nil : accept)
            ), hint: field.hint)
        case .text, .password, .number, .date, .tel:
            let type: HTMLInputType = switch field.kind {
            case .password: .password
            case .number: .number
            case .date: .date
            case .tel: .tel
            default: .text
            }
            // A number whose label ends in its unit (`期限（月）`) shows the unit inside the box, and the browser refuses a
            // negative figure before the server has to.
            if field.kind == .number, let (name, unit) = unitSuffix(field.label) {
                return Forms.field(label: name + (field.isRequired ? " *" : ""), for: id, control: .span(.cls("input-unit"),
                    .input(.id(id), .type(.number), .name(field.name), .value(field.value), .flag("required", field.isRequired),
                           .attr("step", unit == "月" ? "1" : unit == "元" ? "0.01" : "any"), .attr("min", unit == "月" ? "1" : "0"),
                           .attr("inputmode", unit == "月" ? "numeric" : "decimal"),
                           .attr("aria-label", "\(name)（\(unit)）")),
                    .span(.cls("unit"), .attribute(named: "aria-hidden", value: "true"), .text(unit))
                ), hint: field.hint)
            }
            let pattern = inputPattern(field)
            return Forms.field(label: label, for: id, control: .input(
                .id(id), .type(type), .name(field.name), .value(field.value), .flag("required", field.isRequired),
                .attribute(named: "step", value: field.kind == .number ? "any" : nil),
                .attribute(named: "pattern", value: pattern?.regex), .attribute(named: "title", value: pattern?.title),
                .attribute(named: "inputmode", value: field.kind == .tel ? "tel" : nil),
                .attribute(named: "maxlength", value: pattern?.maxLength.map(String.init))
            ), hint: field.hint)
        }
    }

    /// What the browser checks before sending, for the fields every form names alike: the USCC, a mobile number,
    /// a user name. The server checks the same again; this only saves a round trip.
    static func inputPattern(_ field: Field) -> (regex: String, title: String, maxLength: Int?)? {
        switch (field.name, field.kind) {
        case ("uscc", _), (_, .text) where field.name.hasSuffix("_uscc"):
            ("[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}", "18 位统一社会信用代码（数字与大写字母，不含 I、O、Z、S、V）", 18)
        case (_, .tel), ("phone", _):
            ("1[0-9]{10}", "11 位手机号码，如 13800000000", 11)
        case ("username", _):
            ("[A-Za-z0-9._\\-]{1,40}", "1–40 个英文字母、数字或 - _ .", 40)
        default: nil
        }
    }

    static let units = ["元", "万元", "%", "月", "天", "个", "户", "笔"]

    /// `最高年利率（%）` → (`最高年利率`, `%`).
    static func unitSuffix(_ label: String) -> (String, String)? {
        guard label.hasSuffix("）"), let open = label.lastIndex(of: "（") else { return nil }
        let unit = String(label[label.index(after: open)..<label.index(before: label.endIndex)])
        guard units.contains(unit) else { return nil }
        return (String(label[..<open]), unit)
    }
}

extension PortalPage {
    /// A page of typed blocks under the standard frame, with its own `title` (each page's view calls this).
    static func render(_ context: PageContext, title: String, subtitle: String? = nil, actions: [Link] = [],
                       _ blocks: [Block]) -> String {
        var context = context
        context.title = title
        return render(Model(context: context, subtitle: subtitle, actions: actions, blocks: blocks))
    }
}
