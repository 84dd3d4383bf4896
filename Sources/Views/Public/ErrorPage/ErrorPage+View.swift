import Plot

/// Any error response rendered as HTML.
public enum ErrorPage {
    public static func render(_ model: Model) -> String {
        Layout.render(
            title: model.title,
            context: model.context,
            bodyClass: model.context == nil ? "page-error page-bare" : "page-error",
            content: content(model)
        )
    }

    static func content(_ model: Model) -> BodyNode {
        .section(
            .cls("card error-card"),
            .p(.cls("error-code"), .text(String(model.statusCode))),
            .h1(.cls("error-title"), .text(model.title)),
            .p(.cls("error-message"), .text(model.message)),
            .unwrap(model.requestID) { id in
                .p(.cls("muted small"), .text("错误编号："), .code(.text(id)))
            },
            .p(
                .cls("error-actions"),
                .a(.cls("btn btn-primary"), .href(model.homeHref), .text(model.homeLabel)),
                .if(model.context == nil, .a(.cls("btn btn-ghost"), .href("/login"), .text("登录")))
            )
        )
    }
}
