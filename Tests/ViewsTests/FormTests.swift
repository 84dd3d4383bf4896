import Testing
@testable import Views

@Suite("Forms")
struct FormTests {
    /// Every POST form on the page carries the CSRF token.
    private func expectPostFormsCarryToken(_ html: String, expectedPostForms: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let postForms = HTMLInspect.forms(in: html).filter { $0.contains("method=\"post\"") }
        #expect(postForms.count == expectedPostForms, sourceLocation: sourceLocation)
        for form in postForms {
            #expect(
                form.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(Fixtures.token)\"/>"),
                "POST form without CSRF token: \(form.prefix(120))",
                sourceLocation: sourceLocation
            )
        }
    }

    @Test("every POST form carries the csrf token")
    func postFormsCarryCSRF() {
        expectPostFormsCarryToken(LoginPage.render(LoginPage.Model(csrfToken: Fixtures.token)), expectedPostForms: 1)
        expectPostFormsCarryToken(UploadPage.render(Fixtures.upload()), expectedPostForms: 2) // upload + logout
        expectPostFormsCarryToken(DashboardPage.render(Fixtures.dashboard()), expectedPostForms: 1) // logout
        expectPostFormsCarryToken(EnterpriseListPage.render(Fixtures.enterpriseList()), expectedPostForms: 1)
        expectPostFormsCarryToken(EnterpriseProfilePage.render(Fixtures.profile()), expectedPostForms: 1)
        expectPostFormsCarryToken(BatchDetailPage.render(Fixtures.batchDetail()), expectedPostForms: 1)
        expectPostFormsCarryToken(CatalogPage.render(Fixtures.catalog()), expectedPostForms: 1)
        expectPostFormsCarryToken(ErrorPage.render(ErrorPage.Model(statusCode: 403, context: Fixtures.context())), expectedPostForms: 1)
    }

    @Test("the sign-out form posts to /logout")
    func logoutForm() {
        let html = DashboardPage.render(Fixtures.dashboard())
        let logout = HTMLInspect.forms(in: html).filter { $0.contains("action=\"/logout\"") }
        #expect(logout.count == 1)
        #expect(logout.first?.contains("method=\"post\"") == true)
        #expect(logout.first?.contains("退出登录") == true)
    }

    @Test("login posts username, password, csrf and next to /login and shows the error")
    func loginForm() {
        let html = LoginPage.render(LoginPage.Model(
            csrfToken: Fixtures.token, username: "wangmin", errorMessage: "用户名或密码不正确", next: "/console/batches?page=2"
        ))
        let form = HTMLInspect.forms(in: html).first ?? ""
        #expect(form.contains("action=\"/login\""))
        #expect(form.contains("name=\"username\""))
        #expect(form.contains("value=\"wangmin\""))
        #expect(form.contains("type=\"password\" name=\"password\""))
        #expect(form.contains("name=\"next\" value=\"/console/batches?page=2\""))
        #expect(html.contains("用户名或密码不正确"))
        // No navigation or sign-out on the login page.
        #expect(!html.contains("action=\"/logout\""))
        #expect(!html.contains("主导航"))
    }

    @Test("the login page omits next when there is none")
    func loginWithoutNext() {
        let html = LoginPage.render(LoginPage.Model(csrfToken: Fixtures.token))
        #expect(!html.contains("name=\"next\""))
    }

    @Test("upload is a multipart POST with dataset, file and the selected dataset marked")
    func uploadForm() {
        let html = UploadPage.render(Fixtures.upload(error: "请选择文件"))
        let form = HTMLInspect.forms(in: html).first { $0.contains("action=\"/console/upload\"") } ?? ""
        #expect(form.contains("enctype=\"multipart/form-data\""))
        #expect(form.contains("name=\"dataset\""))
        #expect(form.contains("type=\"file\" name=\"file\""))
        #expect(form.contains("accept=\".csv,.jsonl,.txt\""))
        #expect(form.contains("<option value=\"admin.penalty\" selected>admin.penalty · 行政处罚</option>"))
        #expect(form.contains("<option value=\"market.registration\">market.registration · 企业登记信息</option>"))
        #expect(html.contains("请选择文件"))
        #expect(html.contains("50 MB"))
    }

    @Test("filter selects mark the chosen option and add an 'all' option")
    func filterSelects() {
        let html = EnterpriseListPage.render(Fixtures.enterpriseList())
        #expect(html.contains("<option value=\"210203\" selected>西岗区</option>"))
        #expect(html.contains("<option value>全部行政区划</option>"))
        // No industry chosen: the "all" option is selected.
        #expect(html.contains("<option value selected>全部行业</option>"))
        #expect(HTMLInspect.forms(in: html).contains { $0.contains("method=\"get\"") && $0.contains("action=\"/console/enterprises\"") })
    }

    @Test("batch list filters by dataset with a GET form")
    func batchFilter() {
        let model = BatchListPage.Model(
            context: Fixtures.context(title: "批次", active: "/console/batches"),
            batches: [Fixtures.batch()],
            datasetOptions: [SelectOption(value: "admin.penalty", label: "行政处罚", isSelected: true)],
            pagination: Pagination(page: 1, pageSize: 20, totalCount: 1, path: "/console/batches",
                                   query: [QueryItem(name: "dataset", value: "admin.penalty")])
        )
        let html = BatchListPage.render(model)
        #expect(html.contains("<option value=\"admin.penalty\" selected>行政处罚</option>"))
        #expect(html.contains("href=\"/console/batches/B20250301-0007\""))
        #expect(html.contains("penalty_2025Q1.csv"))
        #expect(html.contains("部分拒收"))
    }
}

/// A number field whose label ends in its unit shows the unit inside the box and is refused negative in the browser
/// (issue 16).
@Suite struct NumberUnitTests {
    @Test func theUnitMovesIntoTheBox() {
        #expect(PortalPage.unitSuffix("最高年利率（%）")! == ("最高年利率", "%"))
        #expect(PortalPage.unitSuffix("申请金额（元）")! == ("申请金额", "元"))
        #expect(PortalPage.unitSuffix("说明（选填）") == nil)
        let html = PortalPage.render(.init(context: PortalFixtures.center("/x"), blocks: [.form(.init(title: "t", id: "f", action: "/x", fields: [
            .init("term", "期限（月）", kind: .number, value: "12", isRequired: true)], submitLabel: "保存"))]))
        #expect(html.contains(#"<span class="input-unit"><input id="f-term" type="number" name="term" value="12" required"#))
        #expect(html.contains(#"min="1""#) && html.contains(#"step="1""#), "a term is a whole number of months, at least one")
        #expect(html.contains(#"<span class="unit" aria-hidden="true">月</span>"#))
        #expect(html.contains("期限 *"))
    }
}
