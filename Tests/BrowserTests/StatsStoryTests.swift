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

/// The statistics in a real headless Chromium (issue 14), at desktop and phone sizes: the credit center reads last
/// month's figures by district with the chart, the glossary, and closes the month; bank A files its monthly report by
/// CSV upload; the credit center accepts it, reads the institutions' league table and publishes a bulletin, which
/// prints (and comes back as a PDF from the server's Chromium). Screenshots in `.build/artefacts/stats-story`.
@Suite(.serialized) struct StatsStoryTests {
    @Test func theCreditCenterReadsClosesRatesAndPublishes() async throws {
        try await withTestApp(.sqlite) { app in
            let market = try await BrowserStory.marketplace(app)
            let services: ServiceContext = app.services
            let last = StatMonth(Day.today()).adding(months: -1)
            let staff = Principal(name: "banka-staff", displayName: "甲银行客户经理", role: .institutionStaff, department: nil,
                                  institution: market.bankA)
            // Two loans of bank A on the 5th of last month: firm A ¥120,000 guaranteed, firm B ¥100,000 pure credit.
            for (uscc, name, product, amount) in [(SampleFiles.firmA, "王伟", market.manualProductID, Int64(120_000)),
                                                  (SampleFiles.firmB, "李娜", market.autoProductID, Int64(100_000))] {
                let firm = Principal(name: uscc == SampleFiles.firmA ? "firm-a" : "firm-b", displayName: name, role: .enterprise,
                                     department: nil, uscc: uscc)
                // The application runs on the 5th of last month, signed before the money leaves.
                let fifth = Day(year: last.year, month: last.month, day: 5)
                let then = app.services(clock: TestClock(fifth.description).clock)
                try await Commitments.sign(then, firm, signer: name, version: nil)
                _ = try await services.authorisationStore.create(Authorisation(
                    id: "", uscc: uscc, scope: .institutions([String(market.bankA.id)]), categories: ["tax"], purposes: [.loanApplication],
                    validFrom: fifth, validUntil: Day.today().adding(days: 90), signedAt: fifth.date), by: name)
                let submitted = try await MarketActions.apply(then, firm, .init(productID: product, amount: Cents(yuan: amount),
                                                                                termMonths: 12, method: .equalPrincipal, purpose: "扩大生产"))
                let id = submitted.application.id
                if product == market.manualProductID {
                    _ = try await MarketActions.act(then, staff, id: id, event: .accept)
                    _ = try await MarketActions.act(then, staff, id: id, event: .approve(LoanTerms(
                        amount: Cents(yuan: amount), rate: AnnualRate(basisPoints: 435), termMonths: 12, method: .equalPrincipal)))
                }
                _ = try await Contracts.sign(then, firm, applicationID: id, factor: .seeded, render: ContractPDF.render)
                _ = try await MarketActions.act(then, staff, id: id, event: .disburse, disbursedOn: fifth)
            }
            _ = try await StatRefresh(database: services.database, platform: services.platform).refresh()
            let csv = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString.prefix(6)).csv")
            try Data("""
                行次,栏目,数值
                R01,count,2
                R01,amount,220000
                R02,count,1
                R02,amount,100000
                R03,count,2
                R03,amount,220000
                R04,amount,0
                R05,count,2
                R05,amount,220000
                R10,amount,220000
                R11,amount,220000
                R12,amount,0
                R13,amount,0
                R14,amount,0
                R15,amount,0
                R16,amount,0

                """.utf8).write(to: csv)
            defer { try? FileManager.default.removeItem(at: csv) }
            try await BrowserStory.run(app, name: "stats-story") { browser, site in
                try await story(browser, site: site, last: last, csv: csv.path)
            }
        }
    }

    /// The page at a phone's width: nothing wider than the screen, and a screenshot.
    func phone(_ b: WebDriver, _ name: String) async throws {
        try await b.resize(width: 390, height: 844)
        #expect(try await b.overflowsHorizontally() == false, "\(name) is wider than a phone")
        try await b.screenshot("\(name)-phone")
        try await b.resize(width: 1280, height: 900)
    }

    func story(_ b: WebDriver, site: String, last: StatMonth, csv: String) async throws {
        // 1. The credit center reads last month by district: the figures, the hover definitions, the chart.
        try await b.signIn(site, "admin")
        try await b.open("\(site)/console/stats?from=\(last)&to=\(last)&by=district&indicator=lending.loan_amount")
        try await b.waitForText("放款金额")
        try await b.waitForText("22.00万元")
        try await b.screenshot("overview")
        // The operator's menu fits one row, its groups open as menus (信用管理 → 失信名单 …).
        try await b.click(".nav-group summary", containing: "风险防控")
        try await b.screenshot("nav-menu-open")
        try await b.click(".nav-menu a", containing: "风险补偿基金")
        try await b.waitForText("风险补偿基金")
        try await b.open("\(site)/console/stats?from=\(last)&to=\(last)&by=district&indicator=lending.loan_amount")
        try await b.waitForText("22.00万元")
        try await phone(b, "overview")
        try await b.open("\(site)/console/stats/glossary")
        try await b.waitForText("归集率")
        try await b.screenshot("glossary")
        // 2. Last month is closed: its digest goes into the log.
        try await b.open("\(site)/console/stats/close")
        try await b.select("#close-month", value: last.description)
        try await b.click("#close button[type=submit]")
        try await b.acceptDialog()
        try await b.waitForText("已结账")
        try await b.screenshot("closed")
        try await b.signOut()
        // 3. Bank A files its report of last month by CSV upload.
        try await b.signIn(site, "banka-staff")
        try await b.open("\(site)/bank/reports")
        try await b.waitForText(last.label)
        try await b.screenshot("bank-reports")
        try await b.open("\(site)/bank/reports/\(last)")
        try await b.attach("#report-upload-file", file: csv)
        try await b.click("#report-upload button[type=submit]")
        try await b.waitForText("待信用中心审核")
        try await b.screenshot("bank-report-filed")
        try await phone(b, "bank-report-filed")
        try await b.signOut()
        // 4. The credit center accepts it, reads the league table and publishes a bulletin.
        try await b.signIn(site, "admin")
        try await b.open("\(site)/console/stats/reports?month=\(last)")
        try await b.click("a", containing: "查看报表")
        try await b.click("#accept button[type=submit]")
        try await b.acceptDialog()
        try await b.waitForText("已接受")
        try await b.open("\(site)/console/stats/evaluation?subject=institution&period=\(last)")
        try await b.waitForText("甲银行")
        try await b.screenshot("evaluation")
        try await phone(b, "evaluation")
        try await b.fill("#publish-number", "大信用办〔2026〕3号")
        try await b.setValue("#publish-issued_on", Day.today().description)
        try await b.click("#publish button[type=submit]")
        try await b.acceptDialog()
        try await b.waitForText("通报已发布")
        try await b.waitForText("信易贷工作情况的通报")
        try await b.screenshot("bulletin")
        try await phone(b, "bulletin")
    }
}
