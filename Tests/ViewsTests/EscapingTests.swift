import Domain
import Testing
@testable import Views

@Suite("User-supplied text is escaped")
struct EscapingTests {
    @Test("a firm name with a script tag is escaped in the list and the profile")
    func firmNameEscaped() {
        let evil = "<script>alert(\"x\")</script>有限公司"
        let list = EnterpriseListPage.render(Fixtures.enterpriseList(rows: [Fixtures.enterpriseRow(name: evil)]))
        #expect(list.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;有限公司"))
        #expect(!list.contains("<script>alert"))

        let profile = EnterpriseProfilePage.render(Fixtures.profile(registration: Fixtures.registration(name: evil)))
        #expect(profile.contains("&lt;script&gt;"))
        #expect(!profile.contains("<script>alert"))
    }

    @Test("a search query cannot break out of the input's value attribute")
    func queryAttributeEscaped() {
        let query = "\"><script>alert(1)</script>'&"
        let html = EnterpriseListPage.render(Fixtures.enterpriseList(query: query))
        #expect(html.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;&amp;\""))
        #expect(!html.contains("<script>alert"))
        // The pagination links carry the query percent-encoded.
        #expect(!html.contains("href=\"/console/enterprises?q=\""))
    }

    @Test("quarantined raw values, record fields and flash messages are escaped")
    func otherUserTextEscaped() {
        let detail = BatchDetailPage.render(Fixtures.batchDetail())
        #expect(detail.contains("<code>a,b,&lt;c&gt;</code>"))

        var profile = Fixtures.profile()
        profile.groups[0].records[0].fields = [EnterpriseProfilePage.Field(label: "<b>违法行为</b>", value: "<img src=x onerror=alert(1)>")]
        let html = EnterpriseProfilePage.render(profile)
        #expect(html.contains("&lt;b&gt;违法行为&lt;/b&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.contains("<img"))

        let flashed = DashboardPage.render(DashboardPage.Model(
            context: Fixtures.context(flash: FlashMessage(kind: .error, text: "<i>失败</i>")),
            enterpriseCount: 0, recordCount: 0, batchCount: 0, quarantinedRowCount: 0, unlinkedRecordCount: 0,
            recordsByDataset: [], latestBatches: []
        ))
        #expect(flashed.contains("&lt;i&gt;失败&lt;/i&gt;"))
    }

    @Test("user name, role and the CSRF token in the layout are escaped")
    func layoutEscaped() {
        let context = PageContext(
            title: "<t>", userDisplayName: "<u>", roleLabel: "部门：<r>", csrfToken: "a\"b",
            navItems: Navigation.items(for: .department, active: "/console/batches")
        )
        let html = ErrorPage.render(ErrorPage.Model(statusCode: 404, context: context))
        #expect(html.contains("&lt;u&gt;"))
        #expect(html.contains("部门：&lt;r&gt;"))
        #expect(html.contains("value=\"a&quot;b\""))
        #expect(!html.contains("<u>"))
    }

    @Test("the attribute escaper covers all five special characters")
    func attributeEscaper() {
        #expect(Escape.attribute("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(Escape.attribute("统一社会信用代码") == "统一社会信用代码")
    }
}
