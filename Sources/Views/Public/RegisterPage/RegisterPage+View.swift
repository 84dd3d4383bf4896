import Domain

extension RegisterPage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "企业注册", subtitle: "使用统一社会信用代码注册，信用中心核实后开通", [
            .form(.init(title: "第一步：验证手机", id: "phone-code", action: "/register/code", fields: [
                .init("phone", "联系手机", kind: .tel, value: model.phone, isRequired: true, hint: "11 位手机号，用于接收验证码"),
            ], submitLabel: "获取验证码", note: "验证码 5 分钟内有效，每分钟可获取一次。")),
            .form(.init(title: "第二步：填写注册信息", id: "register", action: "/register", fields: [
                .init("uscc", "统一社会信用代码", isRequired: true, hint: "18 位，须已在本市登记"),
                .init("legal_rep", "法定代表人姓名", isRequired: true, hint: "须与登记信息一致"),
                .init("phone", "联系手机", kind: .tel, value: model.phone, isRequired: true, hint: "与第一步相同"),
                .init("code", "短信验证码", isRequired: true, hint: "6 位数字"),
                .init("username", "登录用户名", isRequired: true, hint: "字母、数字"),
                .init("password", "密码", kind: .password, isRequired: true, hint: "至少 10 位"),
                .init("consent", "《\(RegistrationConsent.title)》：" + RegistrationConsent.paragraphs.joined(),
                      kind: .checkboxes([SelectOption(value: "yes", label: "我已阅读并同意")]), isRequired: true),
                .init("document", "营业执照或授权委托书（PDF 或图片，不超过 5 MB）",
                      kind: .file(accept: RegistrationDocument.accepted), isRequired: true,
                      hint: "非法定代表人本人注册的，请上传加盖公章的授权委托书"),
            ], submitLabel: "提交注册")),
        ])
    }
}
