import App
import DevTools
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import Vapor

/// Post-loan warning in a real headless Chromium: a firm authorises bank A for post-loan management, the court
/// sends a new 失信被执行人 listing, the scan raises an alert, bank A signs for it and records what it did, and the
/// credit center sees the alert on its monitoring page. Screenshots in `.build/artefacts/alert-story`.
@Suite(.serialized) struct AlertStoryTests {
    @Test func aNewCourtListingReachesTheBankAndIsHandled() async throws {
        try await withTestApp(.sqlite) { app in
            let market = try await BrowserStory.marketplace(app)
            _ = try await app.services.authorisationStore.create(Authorisation(
                id: "", uscc: SampleFiles.firmA, scope: .institutions([String(market.bankA.id)]), categories: ["tax"],
                purposes: [.postLoan], validFrom: .today(), validUntil: Day.today().adding(days: 90), signedAt: Date()), by: "王伟")
            #expect(try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA]).baselined == 1)
            let court = try #require(try await app.accounts.principal(forToken: market.base.courtToken))
            _ = try await Ingestion.load(app.services, dataset: try app.platform.catalog.require("judicial.dishonest"), principal: court,
                                         source: .api, fileName: "dishonest.csv", format: .csv, chunks: MemoryChunks(bytes: Array("""
                                            record_id,uscc,case_no,listed_on,removed_on,obligation
                                            DS1,\(SampleFiles.firmA),（2026）辽0202执55号,\(Day.today()),,给付货款

                                            """.utf8)))
            #expect(try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA]).opened == 1)
            try await BrowserStory.run(app, name: "alert-story") { browser, site in try await story(browser, site: site) }
        }
    }

    func story(_ b: WebDriver, site: String) async throws {
        // 1. Bank A's staff sees the alert with the court's case number and opens it.
        try await b.signIn(site, "banka-staff")
        try await b.open("\(site)/bank/alerts")
        try await b.waitForText("大连海韵科技有限公司")
        try await b.screenshot("bank-alerts")
        try await b.click("#alerts a", containing: "#")
        try await b.waitForText("（2026）辽0202执55号")
        // 2. It signs for the alert, then records the measure taken.
        try await b.click("#acknowledge button[type=submit]")
        try await b.waitForText("已记录：已签收")
        try await b.fill("#handle-measure", "已约谈企业负责人，暂停新增授信")
        try await b.click("#handle button[type=submit]")
        try await b.waitForText("已记录：已处置")
        try await b.screenshot("bank-handled")
        try await b.signOut()
        // 3. The credit center sees it on the monitoring page.
        try await b.signIn(site, "admin")
        try await b.open("\(site)/console/monitoring")
        try await b.waitForText("贷后")
        try await b.screenshot("operator-monitoring")
    }
}
