import Plot

/// `GET /login`: the sign-in form, without navigation.
public enum LoginPage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: "登录", context: nil, bodyClass: "page-login", content: content(model))
    }

    static func content(_ model: Model) -> BodyNode {
        .div(
            .cls("login-wrap"),
            .div(
                .cls("card login-card"),
                .h1(.cls("login-title"), .text("登录")),
                .p(.cls("login-subtitle"), .text("公共信用信息归集与查询控制台")),
                .unwrap(model.flash) { Layout.flash($0) },
                .unwrap(model.errorMessage) { message in
                    .div(.cls("flash flash-error"), .attr("role", "alert"), .text(message))
                },
                .form(
                    .cls("form login-form"),
                    .method(.post),
                    .action("/login"),
                    Forms.csrfField(model.csrfToken),
                    .unwrap(model.next) { next in
                        .input(.type(.hidden), .name("next"), .attr("value", next))
                    },
                    Forms.field(
                        label: "用户名",
                        for: "login-username",
                        control: .input(
                            .type(.text),
                            .name("username"),
                            .id("login-username"),
                            .attr("value", model.username),
                            .attr("autocomplete", "username"),
                            .attr("autocapitalize", "none"),
                            .attr("spellcheck", "false"),
                            .flag("required"),
                            .flag("autofocus", model.username.isEmpty)
                        )
                    ),
                    Forms.field(
                        label: "密码",
                        for: "login-password",
                        control: .input(
                            .type(.password),
                            .name("password"),
                            .id("login-password"),
                            .attr("autocomplete", "current-password"),
                            .flag("required"),
                            .flag("autofocus", !model.username.isEmpty)
                        )
                    ),
                    .button(.type(.submit), .cls("btn btn-primary btn-block"), .text("登录"))
                ),
                .p(.cls("login-note"), .text("企业用户请先"), .a(.href("/register"), .text("自助注册")),
                   .text("；政府部门和金融机构的账号由信用中心分配。也可先逛逛"), .a(.href("/public/products"), .text("产品超市")),
                   .text("。"))
            )
        )
    }
}
