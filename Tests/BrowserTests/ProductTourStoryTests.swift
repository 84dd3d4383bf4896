@testable import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import Vapor

/// Issue 16's points on the demo city (a smaller one), each page as its user reaches it, at desktop width and at a
/// phone's 390 px, where nothing may be wider than the screen: the public home, supermarket and product page; the firm's
/// registration form; the firm's home with its next installment and overdue banner, its loan, its own profile grouped by
/// month, quota derivation, demand progress and objection; the
/// bank's demand hall (a late first contact in red), an application decided by rules named in Chinese, the credit
/// report and the product form; the clerk's quarantine, objection desk, batch and upload; the operator's grouped menu, search,
/// profile, review and lists, and an error page that keeps the menu. Screenshots in `.build/artefacts/product-tour`.
@Suite(.serialized) struct ProductTourStoryTests {
    struct Stop {
        let name: String
        let path: String
        let shows: [String]
    }

    @Test func everyPointOfTheFinishAtDesktopAndPhoneWidth() async throws {
        try await withTestApp(.sqlite) { app in
            try await DemoCommand.prepare(app, options: .init(arguments: ["--enterprises", "150", "--months", "12"]))
            let firm = try #require(try await app.accounts.user(username: "firm-demo")?.uscc)
            let loan = try #require(try await app.services.loanStore.loans(uscc: firm).first)
            let demand = try #require(try await app.services.demandStore.demands(uscc: firm).first)
            let firmName = try #require(try await app.registry.enterprise(firm)?.name)
            let utilityBatch = try #require(try await app.batchStore.outstanding(.init(dataset: "utility.payment"), paging: nil).items.first?.batchID)
            let tour: [(user: String?, stops: [Stop])] = [
                (nil, [
                    Stop(name: "public-home", path: "/", shows: ["常见问题", "政策"]),
                    Stop(name: "supermarket", path: "/public/products", shows: ["产品超市", "信易贷·纳税贷"]),
                    Stop(name: "product-page", path: "/public/products/1", shows: ["申请条件", "所需材料", "办理流程", "0411-82311234"]),
                    Stop(name: "register", path: "/register", shows: ["获取验证码", "个人信息处理规则"]),
                ]),
                ("firm-demo", [
                    Stop(name: "firm-home", path: "/firm", shows: ["已逾期", "大连银行"]),
                    Stop(name: "firm-loan", path: "/firm/loans/\(loan.id)", shows: ["大连银行", "逾期"]),
                    Stop(name: "firm-profile-own", path: "/firm/profile", shows: [firmName, "水电气暖缴费"]),
                    Stop(name: "firm-quota", path: "/firm/products", shows: ["测算"]),
                    Stop(name: "firm-demand", path: "/firm/demands/\(demand.id)", shows: ["已实地走访", "大连银行客户经理"]),
                    Stop(name: "firm-objection", path: "/firm/objections", shows: ["银行扣款回单.pdf"]),
                ]),
                ("dlbank-staff", [
                    Stop(name: "bank-demand-pool", path: "/bank/demands", shows: ["需求池"]),
                    Stop(name: "bank-demand", path: "/bank/demands/\(demand.id)", shows: ["已实地走访", firmName]),
                    Stop(name: "bank-report", path: "/bank/demands/\(demand.id)/report", shows: ["本次查询已记录", "验证码"]),
                    Stop(name: "bank-application", path: "/bank/applications/\(loan.applicationID)", shows: ["审批方式"]),
                ]),
                ("ccbdl-staff", [
                    Stop(name: "bank-demand-late", path: "/bank/demands/\(Int64(demand.id).map { $0 + 3 } ?? 4)", shows: ["已超过联系期限"]),
                ]),
                ("dlbank-admin", [
                    Stop(name: "bank-product-form", path: "/bank/products/1", shows: ["所需材料", "办理流程"]),
                ]),
                ("ggsy", [
                    Stop(name: "clerk-quarantine", path: "/console/quarantine", shows: ["缴费类别", "水电气暖缴费"]),
                    Stop(name: "clerk-objections", path: "/console/objections", shows: [firmName, "银行扣款回单.pdf", "还剩"]),
                    Stop(name: "clerk-batch", path: "/console/batches/\(utilityBatch)", shows: ["拒收记录", "缴费类别"]),
                    Stop(name: "clerk-upload", path: "/console/upload", shows: ["上传数据", "记录编号"]),
                ]),
                ("admin", [
                    Stop(name: "console-home", path: "/console", shows: ["数据归集", "信贷市场"]),
                    Stop(name: "firm-search", path: "/console/enterprises?q=大连 餐饮", shows: [firmName]),
                    Stop(name: "firm-profile", path: "/console/enterprises/\(firm)", shows: ["贷款", "授权"]),
                    Stop(name: "account-review", path: "/console/accounts", shows: ["firm-pending"]),
                    Stop(name: "applications", path: "/console/applications", shows: ["贷款申请"]),
                    Stop(name: "loans", path: "/console/loans", shows: [firmName]),
                    Stop(name: "demands", path: "/console/demands", shows: ["融资需求"]),
                    Stop(name: "unlinked", path: "/console/unlinked", shows: ["待关联记录"]),
                    Stop(name: "error-page", path: "/console/enterprises/000000000000000000", shows: ["未找到", "数据归集"]),
                ]),
            ]
            try await BrowserStory.run(app, name: "product-tour") { b, site in
                for leg in tour {
                    if let user = leg.user { try await signIn(b, site, user) }
                    for stop in leg.stops { try await visit(b, site, stop) }
                    if leg.user != nil { try await b.signOut() }
                }
            }
        }
    }

    /// Signs in as a demo user (the demo's own password).
    func signIn(_ b: WebDriver, _ site: String, _ user: String) async throws {
        try await b.open("\(site)/login")
        try await b.fill("#login-username", user)
        try await b.fill("#login-password", DemoCommand.password)
        try await b.click("form.login-form button[type=submit]")
        try await b.waitForText("退出登录")
    }

    /// The page at desktop width, then at a phone's: what it must show, no sideways scrolling, a screenshot of each.
    func visit(_ b: WebDriver, _ site: String, _ stop: Stop) async throws {
        try await b.resize(width: 1280, height: 900)
        try await b.open(site + stop.path)
        for text in stop.shows { try await b.waitForText(text) }
        try await b.screenshot(stop.name)
        try await b.resize(width: 390, height: 844)
        #expect(try await b.overflowsHorizontally() == false, "\(stop.path) is wider than a phone")
        try await b.screenshot("\(stop.name)-phone")
    }
}
