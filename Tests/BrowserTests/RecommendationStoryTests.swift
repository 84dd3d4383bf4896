import App
import DevTools
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import Vapor

/// The recommendation loop in a real headless Chromium: a firm declares, the credit center approves it into
/// publicity, pushes it in one click once the publicity is over, the bank sees it with its decision clock and
/// records the loan, and the credit center reads the outcome. Screenshots in `.build/artefacts/recommendation-story`.
@Suite(.serialized) struct RecommendationStoryTests {
    @Test func aFirmIsDeclaredApprovedPushedAndFinanced() async throws {
        try await withTestApp(.sqlite) { app in
            _ = try await BrowserStory.marketplace(app)
            let today = Day.today()
            let clock = TestClock(today.description)
            app.platform = app.platform.on(clock.clock)
            try await BrowserStory.run(app, name: "recommendation-story") { browser, site in try await story(browser, site: site, clock: clock, today: today) }
        }
    }

    func story(_ b: WebDriver, site: String, clock: TestClock, today: Day) async throws {
        // 1. The firm declares its need and reads the screening at once.
        try await b.signIn(site, "firm-a")
        try await b.open("\(site)/firm/recommendation")
        try await b.fill("#declare-amount_yuan", "500000")
        try await b.fill("#declare-term_months", "12")
        try await b.fill("#declare-purpose", "采购原材料")
        try await b.click("#declare button[type=submit]")
        try await b.waitForText("已加入申报清单并通过初筛")
        try await b.screenshot("firm-declared")
        try await b.signOut()

        // 2. The credit center approves it: publicity for 7 days.
        try await b.signIn(site, "admin")
        try await b.open("\(site)/console/recommendations")
        try await b.click("#entries button", containing: "审核通过并公示")
        try await b.acceptDialog()
        try await b.waitForText("已审核通过，公示至 \(today.adding(days: 7))")
        try await b.screenshot("operator-approved")
        try await b.open("\(site)/public/recommendations")
        try await b.waitForText("大连海韵科技有限公司")
        try await b.screenshot("publicity")

        // 3. A week later: one click pushes it to the bank whose product fits.
        clock.set(today.adding(days: 7).description)
        try await b.open("\(site)/console/recommendations")
        try await b.click("#push button[type=submit]")
        try await b.waitForText("已推送 1 户企业，共 1 次推送")
        try await b.screenshot("operator-pushed")
        try await b.signOut()

        // 4. The bank sees the firm with its 30-day clock and records the loan.
        try await b.signIn(site, "banka-staff")
        try await b.open("\(site)/bank/recommended")
        try await b.waitForText("绿灯 · 剩 30 天")
        try await b.screenshot("bank-pushes")
        try await b.click("#pushes a", containing: "#")
        try await b.fill("#disbursed-amount_yuan", "400000")
        try await b.fill("#disbursed-rate_percent", "3.85")
        try await b.click("#disbursed input[value=credit]")
        try await b.click("#disbursed button[type=submit]")
        try await b.acceptDialog()   // a binding action asks first
        try await b.waitForText("已记录：已放款")
        try await b.screenshot("bank-disbursed")
        try await b.signOut()

        // 5. The credit center reads the outcome on the entry.
        try await b.signIn(site, "admin")
        try await b.open("\(site)/console/recommendations?status=pushed")
        try await b.click("#entries a", containing: "#")
        try await b.waitForText("放款 ¥400,000.00，年利率 3.85%")
        let text = try await b.pageText()
        #expect(text.contains("信用贷款"))
        try await b.screenshot("operator-outcome")
    }
}
