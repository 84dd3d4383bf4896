import App
import DevTools
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import Vapor
import Views

/// The risk compensation fund in a real headless Chromium (issue 13): a covered guaranteed loan defaults (the
/// guarantor has paid) → bank A uploads its material and files a claim → the fund office's 初审, 金融发展局's 核查 and
/// the leading group's 审批 → publicity on the public page → the finance bureau pays → a later recovery is shared
/// back. Screenshots in `.build/artefacts/fund-story`.
@Suite(.serialized) struct FundStoryTests {
    @Test func aCoveredLoanDefaultsAndIsCompensatedThenRecovered() async throws {
        try await withTestApp(.sqlite) { app in
            let clock = TestClock(Day.today().description)
            app.platform = app.platform.on(clock.clock)
            let market = try await BrowserStory.marketplace(app)
            let services: ServiceContext = app.services
            let admin = Principal(name: "admin", displayName: "信用中心管理员", role: .creditCenter, department: nil)
            _ = try await FundProgrammes.open(services, admin, template: "guangxi-4321", code: "dl-4321", name: "大连市政府性融资担保风险分担",
                                              region: "大连市", districtPrefixes: ["2102"])
            _ = try await FundProgrammes.sign(services, admin, scheme: "dl-4321", institutionId: market.bankA.id,
                                              signedOn: Day.today().adding(days: -100), until: nil)
            _ = try await FundProgrammes.book(services, admin, scheme: "dl-4321", .capital, amount: Cents(yuan: 1_000_000),
                                              institutionId: nil, day: nil, memo: "首期资金到账")
            let hash = try await app.password.async.hash(Fixtures.password)
            for (code, name) in [("jrj", "市金融发展局"), ("ldxz", "市信易贷工作领导小组"), ("czj", "市财政局")] {
                let d = try await app.accounts.createDepartment(code: code, name: name, datasets: [])
                try await app.accounts.createUser(username: code, displayName: "\(name)经办人", passwordHash: hash, role: .department,
                                                  departmentID: d.id)
            }
            // Firm A's guaranteed loan from bank A, disbursed 40 days ago: registered under the fund at disbursement.
            _ = try await services.authorisationStore.create(Authorisation(
                id: "", uscc: SampleFiles.firmA, scope: .institutions([String(market.bankA.id)]), categories: ["tax"],
                purposes: [.loanApplication], validFrom: Day.today().adding(days: -60), validUntil: Day.today().adding(days: 90),
                signedAt: Day.today().adding(days: -60).date), by: "王伟")
            let firm = Principal(name: "firm-a", displayName: "王伟", role: .enterprise, department: nil, uscc: SampleFiles.firmA)
            let staff = Principal(name: "banka-staff", displayName: "甲银行客户经理", role: .institutionStaff, department: nil,
                                  institution: market.bankA)
            // The whole application runs 40 days ago (a contract is signed before the money leaves).
            let then = app.services(clock: TestClock(Day.today().adding(days: -40).description).clock)
            let submitted = try await MarketActions.apply(then, firm, .init(productID: market.manualProductID, amount: Cents(yuan: 120_000),
                                                                            termMonths: 12, method: .equalPrincipal, purpose: "扩大生产"))
            let id = submitted.application.id
            _ = try await MarketActions.act(then, staff, id: id, event: .accept)
            _ = try await MarketActions.act(then, staff, id: id, event: .approve(LoanTerms(
                amount: Cents(yuan: 120_000), rate: AnnualRate(basisPoints: 435), termMonths: 12, method: .equalPrincipal)))
            _ = try await Contracts.sign(then, firm, applicationID: id, factor: .seeded, render: ContractPDF.render)
            _ = try await MarketActions.act(then, staff, id: id, event: .disburse, disbursedOn: Day.today().adding(days: -40))
            let material = FileManager.default.temporaryDirectory.appendingPathComponent("fund-material-\(UUID().uuidString.prefix(6)).pdf")
            try Data("%PDF-1.4 演示材料".utf8).write(to: material)
            defer { try? FileManager.default.removeItem(at: material) }
            try await BrowserStory.run(app, name: "fund-story") { browser, site in
                try await story(browser, site: site, clock: clock, material: material.path)
            }
        }
    }

    func step(_ b: WebDriver, _ action: String, reason: String? = nil) async throws {
        try await b.select("#step-action", value: action)
        if let reason { try await b.fill("#step-reason", reason) }
        try await b.click("#step button[type=submit]")
        try await b.acceptDialog()
        try await b.waitForText("已办理")
    }

    func story(_ b: WebDriver, site: String, clock: TestClock, material: String) async throws {
        // 1. Bank A sees the loan in its covered book, uploads the checklist's documents and files the claim.
        try await b.signIn(site, "banka-staff")
        try await b.open("\(site)/bank/fund")
        try await b.waitForText("已入库")
        try await b.screenshot("bank-covered-book")
        try await b.click("#registrations a", containing: "申请补偿")
        try await b.waitForText("上传材料")
        let kinds = ["application_form", "loan_contract", "guarantee_payment_proof", "truthfulness_statement"]
        for kind in kinds {
            try await b.select("#upload-kind", value: kind)
            try await b.attach("#upload-file", file: material)
            try await b.click("#upload button[type=submit]")
            try await b.waitForText("已上传")
        }
        for kind in kinds { try await b.selectIndex("#file-m_\(kind)", 1) }
        try await b.fill("#file-signed_by", "张三")
        try await b.setValue("#file-guarantee_paid_on", Day.today().description)
        try await b.screenshot("bank-filing")
        try await b.click("#file button[type=submit]")
        try await b.acceptDialog()
        try await b.waitForText("已提交")
        try await b.waitForText("¥12,000.00")
        try await b.signOut()
        // 2. 初审 by the fund office, 核查 by 金融发展局, 审批 by the leading group.
        for (user, action) in [("admin", "pass"), ("jrj", "pass"), ("ldxz", "approve")] {
            try await b.signIn(site, user)
            try await b.open("\(site)/console/fund/claims")
            try await b.click("#claims a", containing: "FC1")
            try await b.waitForText("办理过程")
            try await step(b, action)
            try await b.signOut()
        }
        // 3. Publicity on the public page.
        try await b.open("\(site)/public/fund")
        try await b.waitForText("FC1")
        try await b.screenshot("public-publicity")
        // 4. After publicity the fund office closes it and the finance bureau pays.
        clock.set(Day.today().adding(days: 9).description)
        for (user, action) in [("admin", "close_publicity"), ("czj", "pay")] {
            try await b.signIn(site, user)
            try await b.open("\(site)/console/fund/claims")
            try await b.click("#claims a", containing: "FC1")
            try await step(b, action)
            if action == "pay" { try await b.waitForText("已拨付"); try await b.screenshot("claim-paid") }
            try await b.signOut()
        }
        // 5. The bank recovers ¥30,000 at a cost of ¥2,000; the fund's tenth of the net comes back.
        try await b.signIn(site, "banka-staff")
        try await b.open("\(site)/bank/fund")
        try await b.click("#claims a", containing: "FC1")
        try await b.fill("#recovery-gross", "30000")
        try await b.fill("#recovery-costs", "2000")
        try await b.click("#recovery button[type=submit]")
        try await b.waitForText("分回基金¥2,800.00")
        try await b.screenshot("bank-recovery")
        try await b.signOut()
        // 6. The fund office's dashboard: cash ¥1,000,000 − ¥12,000 + ¥2,800.
        try await b.signIn(site, "admin")
        try await b.open("\(site)/console/fund")
        try await b.waitForText("¥990,800.00")
        try await b.screenshot("operator-dashboard")
    }
}
