import App
import DevTools
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import Vapor

/// The whole marketplace story in a real headless Chromium (Debian's `chromium` + `chromium-driver`): a firm
/// registers, the operator confirms it, it signs the commitment, authorises, sees its quota and applies; a
/// bank accepts, reads the report and approves; the firm signs; the bank disburses and records a repayment;
/// the firm sees the schedule updated. A screenshot of each step is kept in `.build/artefacts/browser-story`.
@Suite(.serialized) struct BrowserStoryTests {
    @Test func firmAndBankWalkTheWholeStory() async throws {
        try await withTestApp(.sqlite) { app in
            let market = try await BrowserStory.marketplace(app, enterpriseAccounts: false)
            let clock = TestClock(Day.today().description)
            app.platform = app.platform.on(clock.clock)
            try await BrowserStory.run(app, name: "browser-story") { browser, site in
                try await story(browser, site: site, market: market, clock: clock, sms: try #require(app.smsOutbox))
            }
        }
    }

    func story(_ b: WebDriver, site: String, market: MarketFixtures, clock: TestClock, sms: LogSMSSender) async throws {
        // 1. The firm registers with its USCC and legal representative: the phone proved by a code, consent given,
        //    the licence uploaded.
        try await b.open("\(site)/register")
        try await b.fill("#phone-code-phone", "13912345678")
        try await b.click("#phone-code button[type=submit]")
        try await b.waitForText("验证码已发送至 139****5678")
        try await b.fill("#register-uscc", SampleFiles.firmA)
        try await b.fill("#register-legal_rep", "王伟")
        try await b.fill("#register-code", try #require(sms.lastCode(to: "13912345678")))
        try await b.fill("#register-username", "haiyun")
        try await b.fill("#register-password", Fixtures.password)
        try await b.click("#register input[type=checkbox]")
        let licence = FileManager.default.temporaryDirectory.appendingPathComponent("licence-\(UUID().uuidString.prefix(6)).pdf")
        try Data("%PDF-1.4 营业执照".utf8).write(to: licence)
        defer { try? FileManager.default.removeItem(at: licence) }
        try await b.attach("#register-document", file: licence.path)
        try await b.screenshot("register-form")
        try await b.click("#register button[type=submit]")
        try await b.waitForText("注册已提交")
        try await b.screenshot("registered-pending")
        // Pending accounts cannot sign in yet.
        try await b.signIn(site, "haiyun", refused: true)
        try await b.waitForText("账号尚在审核中")

        // 2. The operator confirms the account.
        try await b.signIn(site, "admin")
        try await b.open("\(site)/console/accounts")
        try await b.waitForText("姓名一致")
        try await b.screenshot("operator-reviews-registration")
        try await b.click("button", containing: "通过")
        try await b.acceptDialog()
        try await b.waitForText("已设为“正常”")
        try await b.screenshot("operator-confirms")
        try await b.signOut()

        // 3. The firm signs the commitment and authorises all institutions.
        try await b.signIn(site, "haiyun")
        try await b.waitForText("请先签署信用承诺书")
        try await b.screenshot("firm-home")
        try await b.open("\(site)/firm/commitment")
        try await b.click("#sign-commitment button[type=submit]")
        try await b.waitForText("信用承诺书已签署并公示")
        try await b.screenshot("commitment-signed")
        try await b.open("\(site)/firm/authorisations")
        try await b.click("#new-authorisation button[type=submit]")
        try await b.waitForText("立即生效")
        try await b.screenshot("authorised")

        // 4. The quota estimate lists both online products; the firm applies to the manual one.
        try await b.open("\(site)/firm/products")
        try await b.waitForText("甲行经营贷")
        try await b.screenshot("quota-estimate")
        try await b.select("#apply-product_id", value: String(market.manualProductID))
        try await b.fill("#apply-amount_yuan", "120000")
        try await b.fill("#apply-term_months", "12")
        try await b.select("#apply-method", value: "equal_principal")
        try await b.click("#apply button[type=submit]")
        try await b.waitForText("申请已提交，等待金融机构受理")
        try await b.screenshot("applied")
        let applicationURL = try await b.currentURL()
        let applicationID = String(applicationURL.split(separator: "/").last ?? "")
        try await b.signOut()

        // 5. The bank accepts, reads the authorised report (logged), approves.
        try await b.signIn(site, "banka-staff")
        try await b.open("\(site)/bank/applications?status=submitted")
        try await b.click("#applications a", containing: "#\(applicationID)")
        try await b.click("button", containing: "受理")
        try await b.acceptDialog()   // a binding action asks first
        try await b.waitForText("已受理")
        try await b.screenshot("bank-accepted")
        try await b.open("\(site)/bank/applications/\(applicationID)/report")
        try await b.waitForText("大连海韵科技有限公司")
        try await b.waitForText("本次查询已记录")
        try await b.screenshot("credit-report")
        try await b.open("\(site)/bank/applications/\(applicationID)")
        try await b.fill("#approve-rate", "4.35")
        try await b.click("#approve button[type=submit]")
        try await b.acceptDialog()   // a binding action asks first
        try await b.waitForText("已批准")
        try await b.screenshot("bank-approved")
        try await b.signOut()

        // 6. The firm reads the contract with its whole plan, signs it with the code sent to its phone (confirming the
        //    dialog) and sees who read its data. It signs 40 days ago, so that the loan can be disbursed then (never
        //    before its contract) and its first installment is due.
        try await b.signIn(site, "haiyun")
        try await b.open("\(site)/firm/applications/\(applicationID)")
        clock.set(Day.today().adding(days: -40).description)
        try await b.click("a", containing: "查看合同并签署")
        try await b.waitForText("还款总额")
        try await b.screenshot("contract")
        try await b.click("#contract-code button[type=submit]")
        try await b.waitForText("验证码已发送至 139****5678")
        try await b.fill("#contract-sign-code", try #require(sms.lastCode(to: "13912345678")))
        try await b.click("#contract-sign input[type=checkbox]")
        try await b.click("#contract-sign button[type=submit]")
        try await b.acceptDialog()
        try await b.waitForText("借款合同已签署")
        try await b.waitForText("合同文本摘要")
        try await b.screenshot("contract-signed")
        try await b.open("\(site)/firm/applications/\(applicationID)")
        try await b.waitForText("已签约")
        clock.set(Day.today().description)
        try await b.screenshot("firm-signed")
        try await b.open("\(site)/firm/authorisations")
        try await b.waitForText("查阅信用报告（申请 #\(applicationID)）")
        try await b.screenshot("access-log")
        try await b.signOut()

        // 7. The bank disburses 40 days ago (so the first installment is due) and records that repayment.
        try await b.signIn(site, "banka-staff")
        try await b.open("\(site)/bank/applications/\(applicationID)")
        try await b.setValue("#disburse-day", Day.today().adding(days: -40).description)
        try await b.click("#disburse button[type=submit]")
        try await b.acceptDialog()   // a binding action asks first
        try await b.waitForText("已放款")
        try await b.click("a", containing: "还款计划与还款登记")
        try await b.waitForText("逾期天数")
        try await b.screenshot("loan-overdue")
        try await b.click("#repay button[type=submit]")
        try await b.waitForText("还款已登记，剩余本金 ¥110,000.00")
        try await b.screenshot("repayment-recorded")
        try await b.signOut()

        // 8. The firm sees the schedule with the first installment paid.
        try await b.signIn(site, "haiyun")
        try await b.open("\(site)/firm/loans")
        try await b.click("#loans a", containing: "#")
        try await b.waitForText("已还清")
        let text = try await b.pageText()
        #expect(text.contains("¥110,000.00"))
        #expect(text.contains("正常"))
        try await b.screenshot("firm-schedule")

        // 9. On a phone: the same pages fit the screen (wide tables scroll inside their card, not the page).
        try await b.resize(width: 390, height: 844)
        for path in ["/firm", "/firm/loans", "/firm/products", "/firm/authorisations", "/firm/demands", "/firm/objections",
                     "/firm/applications/\(applicationID)/contract"] {
            try await b.open(site + path)
            #expect(try await b.overflowsHorizontally() == false, "\(path) is wider than a phone")
        }
        try await b.screenshot("phone-firm-contract")
        try await b.open(site + "/firm")
        try await b.screenshot("phone-firm-home")
    }
}
