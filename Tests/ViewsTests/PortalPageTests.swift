import Foundation
import Testing
@testable import Views

/// The portals' typed blocks render escaped, with CSRF on every POST form and arrays named `name[]`.
@Suite("Portal page")
struct PortalPageTests {
    @Test func blocksRenderEscapedWithCSRF() {
        let model = PortalPage.Model(context: Fixtures.context(title: "贷款申请"), subtitle: "<b>副标题</b>", actions: [.init("新建", href: "/bank/products")], blocks: [
            .stats([.init("待受理", "3", hint: "笔", href: "/bank/applications?status=submitted", tone: .info)]),
            .facts(title: "申请信息", [.init("企业", "<script>alert(1)</script>")]),
            .table(.init(title: "申请", id: "applications", headers: ["编号", "操作"], rows: [
                [.link("#7", href: "/bank/applications/7"), .actions([.init("受理", path: "/bank/applications/7/accept", fields: ["note": "a\"b"],
                                                                            isPrimary: true, confirm: "确定？")])],
            ], emptyText: "没有申请")),
            .table(.init(title: "空表", id: "empty", headers: ["a"], rows: [], emptyText: "暂无数据")),
            .form(.init(title: "授权", id: "auth", action: "/firm/authorisations", fields: [
                .init("categories", "数据类别", kind: .checkboxes([SelectOption(value: "tax", label: "纳税信息", isSelected: true)])),
                .init("valid_until", "有效期至", kind: .date, value: "2027-01-01", isRequired: true),
            ], submitLabel: "签署")),
            .form(.init(title: "筛选", id: "filter", action: "/bank/applications", method: .get, fields: [.init("status", "状态")],
                        submitLabel: "筛选")),
        ])
        let html = PortalPage.render(model)
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<b>副标题</b>"))
        #expect(html.contains("data-confirm=\"确定？\""))
        #expect(html.contains("name=\"categories[]\""))
        #expect(html.contains("暂无数据"))
        // Every POST form carries the CSRF token; the GET filter form does not.
        let postForms = html.components(separatedBy: "method=\"post\"").count - 1
        let tokens = html.components(separatedBy: "name=\"csrf\" value=\"\(Fixtures.token)\"").count - 1
        #expect(postForms == 3, "logout, the row action and the authorisation form")
        #expect(tokens == postForms)
        #expect(html.contains("<form id=\"filter\" class=\"portal-form\" method=\"get\""))
    }
}

/// A visitor's header offers 登录, never 退出登录; a signed-in user's offers 退出登录 (issue 16).
@Suite struct VisitorHeaderTests {
    @Test func visitorsAreOfferedSignInNotSignOut() {
        let visitor = PublicHomePage.render(.init(context: PortalFixtures.visitor("/"), totals: [:], monthly: []))
        #expect(visitor.contains(#"href="/login">登录</a>"#))
        #expect(!visitor.contains("退出登录"))
        #expect(visitor.contains("—"), "no figures yet shows a dash, not 0")
        let user = PublicOnTimePage.render(.init(context: PortalFixtures.center("/public/on-time"), firms: []))
        #expect(user.contains("退出登录"))
    }
}
