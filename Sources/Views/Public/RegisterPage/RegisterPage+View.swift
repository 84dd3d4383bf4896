extension RegisterPage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "企业注册", subtitle: "使用统一社会信用代码注册，信用中心核实后开通", [
            .form(.init(title: "注册信息", id: "register", action: "/register", fields: [
                .init("uscc", "统一社会信用代码", isRequired: true, hint: "18 位，须已在本市登记"),
                .init("legal_rep", "法定代表人姓名", isRequired: true, hint: "须与登记信息一致"),
                .init("phone", "联系手机", kind: .tel, isRequired: true),
                .init("username", "登录用户名", isRequired: true, hint: "字母、数字"),
                .init("password", "密码", kind: .password, isRequired: true, hint: "至少 10 位"),
            ], submitLabel: "提交注册")),
        ])
    }
}
