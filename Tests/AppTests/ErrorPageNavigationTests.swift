import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// An error page keeps the signed-in user's own menu and sends them to their own home — a firm or a bank is never
/// pointed into the credit center's /console (issue 16); a visitor gets the public home and 登录.
@Suite struct ErrorPageNavigationTests {
    @Test func eachRoleKeepsItsMenuAndGoesHome() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let html: HTTPHeaders = ["Accept": "text/html"]
            let firm = try await send(app, .GET, "/console/stats", token: f.firmAToken, headers: html)
            #expect(firm.status == .forbidden)
            #expect(firm.body.contains(#"href="/firm""#) && firm.body.contains("我的贷款") && firm.body.contains("返回我的工作台"))
            #expect(!firm.body.contains(#"href="/console""#), "a firm's error page links into /console")
            let bank = try await send(app, .GET, "/firm/loans", token: f.bankAToken, headers: html)
            #expect(bank.status == .forbidden)
            #expect(bank.body.contains(#"class="btn btn-primary" href="/bank""#) && bank.body.contains("需求池"))
            let visitor = try await send(app, .GET, "/no/such/page", headers: html)
            #expect(visitor.status == .notFound)
            #expect(visitor.body.contains(#"href="/">返回首页"#) && !visitor.body.contains("退出登录"))
        }
    }
}
