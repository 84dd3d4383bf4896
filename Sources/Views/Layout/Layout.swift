import Domain
import Foundation
import Plot

typealias BodyNode = Node<HTML.BodyContext>

/// The shared page frame: document head, header bar with navigation and sign-out, flash, footer.
enum Layout {
    static let siteName = "信易贷 · 公共信用信息平台"

    /// A complete document. With a `context`, the header shows navigation and the user;
    /// without one (login, anonymous errors) only the brand.
    static func render(
        title: String,
        context: PageContext?,
        bodyClass: String = "",
        content: BodyNode
    ) -> String {
        let html = HTML(
            .attr("lang", "zh-CN"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .meta(.name("robots"), .content("noindex, nofollow")),
                .meta(.name("color-scheme"), .content("light")),
                .element(named: "title", text: title.isEmpty ? siteName : "\(title) · 信易贷"),
                .link(.rel(.icon), .href("data:,")),
                .link(.rel(.stylesheet), .href("/static/app.css")),
                .script(.attr("src", "/static/app.js"), .attribute(named: "defer"))
            ),
            .body(
                .cls(bodyClass.isEmpty ? "app" : "app \(bodyClass)"),
                .a(.cls("skip-link"), .href("#main"), .text("跳到主要内容")),
                header(context),
                .main(
                    .id("main"),
                    .cls("app-main"),
                    .unwrap(context) { breadcrumbs($0) },
                    .unwrap(context?.flash) { flash($0) },
                    content
                ),
                footer()
            )
        )
        return html.render()
    }

    private static func header(_ context: PageContext?) -> BodyNode {
        let homeHref = context?.navItems.first?.href ?? "/"
        return .header(
            .cls("app-header"),
            .div(
                .cls("app-header-inner"),
                .a(
                    .cls("brand"),
                    .attr("href", homeHref),
                    .span(.cls("brand-mark"), .attribute(named: "aria-hidden", value: "true"), .text("信")),
                    .span(
                        .cls("brand-name"),
                        .text("信易贷"),
                        .span(.cls("brand-sub"), .text(" · 公共信用信息平台"))
                    )
                ),
                .unwrap(context) { context in
                    .group(
                        navigation(context.navItems),
                        userBox(context)
                    )
                }
            )
        )
    }

    private static func navigation(_ items: [NavItem]) -> BodyNode {
        guard !items.isEmpty else { return .empty }
        return .nav(
            .cls("app-nav"),
            .attr("aria-label", "主导航"),
            .ul(.forEach(items) { item in
                item.children.isEmpty ? Node<HTML.ListContext>.li(link(item)) : group(item)
            })
        )
    }

    private static func link(_ item: NavItem) -> BodyNode {
        .a(
            .attr("href", item.href),
            .if(item.isActive, .cls("is-active")),
            .if(item.isActive, .attribute(named: "aria-current", value: "page")),
            .text(item.label)
        )
    }

    /// A group of links as a menu that opens without script (`details`); the group is marked when one of its pages
    /// is shown.
    private static func group(_ item: NavItem) -> Node<HTML.ListContext> {
        .li(.cls("nav-group"), .element(named: "details", nodes: [
            .element(named: "summary", nodes: [.if(item.isActive, .cls("is-active")), .text(item.label)]),
            .ul(.cls("nav-menu"), .forEach(item.children) { .li(link($0)) }),
        ]))
    }

    private static func userBox(_ context: PageContext) -> BodyNode {
        guard context.isSignedIn else {
            return .div(.cls("app-user"), .a(.cls("btn btn-ghost btn-sm"), .attr("href", "/login"), .text("登录")))
        }
        return .div(
            .cls("app-user"),
            .span(
                .cls("user-identity"),
                .span(.cls("user-name"), .text(context.userDisplayName)),
                .span(.cls("user-role"), .text(context.roleLabel))
            ),
            .form(
                .cls("logout-form"),
                .method(.post),
                .action("/logout"),
                Forms.csrfField(context.csrfToken),
                .button(.type(.submit), .cls("btn btn-ghost btn-sm"), .text("退出登录"))
            )
        )
    }

    /// Where the page sits in the user's own navigation: the role's home, the menu group and the section, then the page.
    /// Built from the navigation the role sees, so a firm or a bank is never led into /console; none on the home page.
    static func breadcrumbs(_ context: PageContext) -> BodyNode {
        let trail = Breadcrumbs.trail(context)
        guard trail.count > 1 else { return .empty }
        return .nav(
            .cls("breadcrumbs"),
            .attr("aria-label", "当前位置"),
            .ol(.forEach(trail.enumerated()) { index, crumb in
                let isLast = index == trail.count - 1
                return .li(
                    isLast ? .span(.attribute(named: "aria-current", value: "page"), .text(crumb.label))
                        : crumb.href.map { .a(.attr("href", $0), .text(crumb.label)) } ?? .span(.text(crumb.label))
                )
            })
        )
    }

    static func flash(_ flash: FlashMessage) -> BodyNode {
        let problems = flash.form?.problems ?? []
        return .div(
            .cls("flash flash-\(flash.kind.rawValue)"),
            .attr("role", flash.kind == .error ? "alert" : "status"),
            .text(flash.text),
            .if(problems.count > 1, .ul(.cls("flash-problems"), .forEach(problems) { .li(.text($0.text)) })),
            .unwrap(flash.form) { formEcho($0) }
        )
    }

    /// The refused form's values and problems for the page script (`app.js` puts them back into the form);
    /// a JSON data block, never executed, with `<`, `>` and `&` escaped so no value can end the element.
    static func formEcho(_ echo: FormEcho) -> BodyNode {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(echo)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let safe = json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
        return .element(named: "script", nodes: [.attr("type", "application/json"), .id("form-echo"), .raw(safe)])
    }

    private static func footer() -> BodyNode {
        .footer(
            .cls("app-footer"),
            .p(.text("信易贷 · 公共信用信息平台 — 由市信用中心运营。")),
            .p(.text("非公开信息仅在企业授权范围内使用，所有访问均记录留痕。"))
        )
    }
}
