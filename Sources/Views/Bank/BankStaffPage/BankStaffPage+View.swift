import Domain

extension BankStaffPage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "员工与接口令牌", [
            .table(.init(title: "员工", id: "staff", headers: ["用户名", "姓名", "角色", "状态"], rows: model.staff.map {
                [.text($0.username), .text($0.displayName), .text($0.role.label), .badge($0.status.label, tone: $0.status == .active ? .success : .neutral)]
            }, emptyText: "没有员工")),
            .form(.init(title: "添加员工", id: "new-staff", action: "/bank/staff", fields: [
                .init("username", "用户名", isRequired: true), .init("name", "姓名", isRequired: true),
                .init("password", "初始密码", kind: .password, isRequired: true, hint: "至少 10 位"),
                .init("role", "角色", kind: .options([(Role.institutionStaff.rawValue, Role.institutionStaff.label),
                                                       (Role.institutionAdmin.rawValue, Role.institutionAdmin.label)])),
            ], submitLabel: "添加")),
            .table(.init(title: "接口令牌", id: "tokens", headers: ["名称", "权限", "创建时间", "状态", "操作"], rows: model.tokens.map { t in
                [.text(t.name), .text(t.scope.label), .text(Format.time(t.createdAt)),
                 t.revokedAt == nil ? .badge("有效", tone: .success) : .badge("已吊销", tone: .neutral),
                 t.revokedAt == nil ? .actions([.init("吊销", path: "/bank/tokens/revoke", fields: ["id": String(t.id)],
                                                      confirm: "吊销后使用该令牌的系统将无法访问，确定吗？")]) : .text("")]
            }, emptyText: "还没有接口令牌")),
            .form(.init(title: "新建接口令牌", id: "new-token", action: "/bank/tokens", fields: [
                .init("name", "名称", isRequired: true, hint: "如 信贷系统对接"),
                .init("scope", "权限", kind: .options(TokenScope.allCases.map { ($0.rawValue, $0.label) }, selected: "read")),
            ], submitLabel: "生成令牌", note: "令牌只显示一次，平台只保存其摘要。")),
        ])
    }
}
