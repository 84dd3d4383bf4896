import Domain

extension FirmAuthorisationsPage {
    public static func render(_ model: Model) -> String {
        let names = Institution.names(model.institutions)
        let categoryNames = Dictionary(model.categories.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows: [[PortalPage.Cell]] = model.authorisations.map { a in
            let scope: String = switch a.scope {
            case .allRegisteredInstitutions: "全部入驻机构"
            case .institutions(let ids): ids.sorted().map { names[$0] ?? $0 }.joined(separator: "、")
            }
            let state: PortalPage.Cell = a.revokedAt != nil ? .badge("已撤销", tone: .neutral)
                : (a.validUntil < model.today ? .badge("已到期", tone: .neutral) : .badge("有效", tone: .success))
            return [.text("#\(a.id)"), .text(scope), .text(a.categories.sorted().map { categoryNames[$0] ?? $0 }.joined(separator: "、")),
                    .text(a.purposes.map(\.label).sorted().joined(separator: "、")), .text("\(a.validFrom) 至 \(a.validUntil)"),
                    .text(a.isOffline ? "线下（\(a.scanReference ?? "")）" : "线上"), state,
                    a.revokedAt == nil ? .actions([.init("撤销", path: "/firm/authorisations/\(a.id)/revoke",
                                                         confirm: "撤销后该授权立即失效，确定撤销吗？")]) : .text("")]
        }
        let categoryOptions = model.categories.filter(\.needsAuthorisation)
            .map { SelectOption(value: $0.id, label: $0.name, isSelected: true) }
        let institutionOptions = [SelectOption(value: "all", label: "全部入驻金融机构", isSelected: true)]
            + model.institutions.map { SelectOption(value: String($0.id), label: "\($0.name)（\($0.kind.label)）") }
        let window = model.accessWindow
        // Shown only when the firm's data took part in a joint model.
        let jointModels: [PortalPage.Block] = model.jointModels.isEmpty ? [] : [
            .table(.init(title: "参与的联合建模（贵企业的数据以“可用不可见”方式参与了以下模型的训练，金融机构未获得原始数据）", id: "joint-models",
                         headers: ["模型名称", "金融机构", "日期"],
                         rows: model.jointModels.map { [.text($0.name), .text($0.institutionName.isEmpty ? "#\($0.institutionID)" : $0.institutionName),
                                                        .text($0.day.description)] },
                         emptyText: "")),
        ]
        return PortalPage.render(model.context, title: "授权管理", subtitle: "授权金融机构查询贵企业的非公开信用信息，可随时撤销", [
            .table(.init(title: "我的授权书", id: "authorisations",
                         headers: ["编号", "授权机构", "数据类别", "用途", "有效期", "方式", "状态", "操作"],
                         rows: rows, emptyText: "尚未授权")),
            .form(.init(title: "新增授权", id: "new-authorisation", action: "/firm/authorisations", fields: [
                .init("institutions", "授权机构", kind: .checkboxes(institutionOptions), hint: "选“全部入驻金融机构”或勾选具体机构"),
                .init("categories", "数据类别", kind: .checkboxes(categoryOptions), hint: "公开信息无需授权"),
                .init("purposes", "用途", kind: .checkboxes(AuthorisationPurpose.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, isSelected: $0 == .loanApplication) })),
                .init("valid_until", "有效期至", kind: .date, value: model.today.adding(days: 365).description, isRequired: true),
            ], submitLabel: "签署授权书")),
            .table(.init(title: "查询记录（谁在何时依据哪份授权查询了哪些信息）", id: "access-log",
                         headers: ["时间", "机构", "查询人", "数据类别", "依据授权", "用途", "操作", "留痕"],
                         rows: model.accesses.map { entry in
                [.text(Format.time(entry.at)), .text(entry.institutionID.flatMap { names[String($0)] } ?? "—"), .text(entry.actor),
                 .text(entry.categories.map { categoryNames[$0] ?? $0 }.joined(separator: "、")),
                 .text(entry.authorisationID.map { "#\($0)" } ?? "—"),
                 .text(AuthorisationPurpose(rawValue: entry.purpose)?.label ?? entry.purpose), .text(entry.action),
                 .link("验证", href: "/firm/access-log/\(entry.id)/verify")]
            }, emptyText: "还没有机构查询过贵企业的信息")),
            .pagination(Pagination(page: window.page, pageSize: window.perPage, totalCount: window.total, path: "/firm/authorisations",
                                   fragment: "access-log")),
        ] + jointModels)
    }
}
