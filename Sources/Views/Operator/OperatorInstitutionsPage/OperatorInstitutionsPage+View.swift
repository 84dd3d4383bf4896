import Domain

extension OperatorInstitutionsPage {
    public static func render(_ model: Model) -> String {
        let kinds = Institution.Kind.allCases.map { ($0.rawValue, $0.label) }
        return PortalPage.render(model.context, title: "金融机构", subtitle: "入驻平台的银行、担保机构和小额贷款公司", [
            .table(.init(title: "已入驻机构", id: "institutions", headers: ["机构代码", "名称", "类型", "员工", "产品"],
                         rows: model.institutions.map { row in
                [.mono(row.institution.code), .text(row.institution.name), .text(row.institution.kind.label),
                 .text("\(row.staffCount)"), .text("\(row.productCount)")]
            }, emptyText: "还没有入驻机构")),
            .form(.init(title: "新增机构", id: "new-institution", action: "/console/institutions", fields: [
                .init("code", "机构代码", isRequired: true, hint: "字母和数字，如 dlbank"),
                .init("name", "机构名称", isRequired: true),
                .init("kind", "机构类型", kind: .options(kinds, selected: "bank"), isRequired: true),
                .init("admin_username", "管理员用户名", isRequired: true),
                .init("admin_name", "管理员姓名", isRequired: true),
                .init("admin_password", "管理员初始密码", kind: .password, isRequired: true, hint: "至少 10 位"),
            ], submitLabel: "创建机构及管理员")),
        ])
    }
}
