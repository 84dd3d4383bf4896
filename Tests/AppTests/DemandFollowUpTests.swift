import App
import Fluent
import Services
import Domain
import Foundation
import Persistence
import Testing
import TestSupport
import VaporTesting

/// The demand hall after a take (issue 16): each side sees the other's contact, the institution records the
/// follow-up against the contact deadline, the firm reads every step (a refusal with its reason), and nobody else
/// reaches the demand.
@Suite struct DemandFollowUpTests {
    @Test(arguments: Backend.allCases)
    func bothSidesSeeContactsAndTheFollowUp(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let clock = TestClock(Day.today().description)
            app.platform = app.platform.on(clock.clock)
            let store = DemandStore(database: app.db)
            let stored = try await store.create(try FinancingDemand(
                id: "", uscc: SampleFiles.firmA, amountCents: 80_000_000, termMonths: 12, purpose: "采购原材料", urgency: .withinMonth,
                publishedAt: clock.clock.now()))

            // The officer takes it in the portal and lands on its follow-up page with the firm's contact.
            var bank = ConsoleTests.Browser(app: app)
            #expect(try await bank.signIn("banka-staff").status == .seeOther)
            var page = try await bank.get("/bank/demands")
            #expect(page.body.contains("采购原材料"))
            let taken = try await bank.post("/bank/demands/\(stored.id)/take", form: ["csrf": ConsoleTests.Browser.csrf(in: page.body)])
            #expect(taken.headers.first(name: .location) == "/bank/demands/\(stored.id)")
            page = try await bank.get("/bank/demands/\(stored.id)")
            #expect(page.body.contains("大连海韵科技有限公司") && page.body.contains("王伟") && page.body.contains("13800000001"))
            // No authorisation yet: the page says so instead of offering a report the bank would be refused.
            #expect(page.body.contains("企业尚未授权贵机构查阅") && !page.body.contains("/bank/demands/\(stored.id)/report"))
            _ = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax", "social"], "purposes": ["loan_application", "post_loan"],
                "validUntil": Day.today().adding(days: 365).description])
            page = try await bank.get("/bank/demands/\(stored.id)")
            #expect(page.body.contains("/bank/demands/\(stored.id)/report"))
            #expect(try await bank.get("/bank/demands/\(stored.id)/report").status == .ok)
            let deadline = WorkingDays().adding(3, to: Day(clock.clock.now()))
            #expect(page.body.contains("\(deadline) 前联系企业"))
            let csrf = ConsoleTests.Browser.csrf(in: page.body)

            // The firm sees who took it and whom to call, before anyone has called.
            var firm = ConsoleTests.Browser(app: app)
            _ = try await firm.signIn("firm-a")
            var mine = try await firm.get("/firm/demands")
            #expect(mine.body.contains("甲银行") && mine.body.contains("甲银行客户经理 · 13911110001") && mine.body.contains("待联系企业"))

            // Nobody else reaches it: another bank, the other firm.
            #expect(try await send(app, .GET, "/bank/demands/\(stored.id)", token: f.bankBToken).status == .notFound)
            #expect(try await send(app, .GET, "/bank/demands/\(stored.id)/report", token: f.bankBToken).status == .notFound)
            var other = ConsoleTests.Browser(app: app)
            _ = try await other.signIn("bankb-staff")
            page = try await other.get("/bank/demands")
            _ = try await other.post("/bank/demands/\(stored.id)/follow-ups",
                                     form: ["step": "contacted", "csrf": ConsoleTests.Browser.csrf(in: page.body)])
            #expect(try await store.followUps(demandIDs: [Int64(stored.id)!])[Int64(stored.id)!]?.count == 1, "only the take")
            #expect(try await send(app, .GET, "/firm/demands/\(stored.id)", token: f.firmBToken).status == .notFound)

            // Contacted, then a refusal needs a reason the firm reads; the demand is then 已办结 and takes no more steps.
            clock.advance(seconds: 3_600)
            _ = try await bank.post("/bank/demands/\(stored.id)/follow-ups", form: ["step": "contacted", "note": "电话沟通", "csrf": csrf])
            _ = try await bank.post("/bank/demands/\(stored.id)/follow-ups", form: ["step": "declined", "note": "", "csrf": csrf])
            page = try await bank.get("/bank/demands/\(stored.id)")
            #expect(page.body.contains("不予对接须写明原因"))
            _ = try await bank.post("/bank/demands/\(stored.id)/follow-ups",
                                    form: ["step": "declined", "note": "近一年纳税额不足本行准入要求", "csrf": csrf])
            #expect(try await store.demand(id: Int64(stored.id)!)?.status == .closed)
            mine = try await firm.get("/firm/demands/\(stored.id)")
            #expect(mine.body.contains("已联系企业") && mine.body.contains("近一年纳税额不足本行准入要求") && mine.body.contains("13911110001"))
            _ = try await bank.post("/bank/demands/\(stored.id)/follow-ups", form: ["step": "visited", "csrf": csrf])
            page = try await bank.get("/bank/demands/\(stored.id)")
            #expect(page.body.contains("已办结") && !page.body.contains("id=\"follow-up\""))
            let steps = try await store.followUps(demandIDs: [Int64(stored.id)!])[Int64(stored.id)!]?.map(\.step)
            #expect(steps == [.taken, .contacted, .declined])

            // A second demand nobody calls about turns red for both sides after the deadline.
            let late = try await store.create(try FinancingDemand(
                id: "", uscc: SampleFiles.firmA, amountCents: 30_000_000, termMonths: 6, purpose: "支付工资", urgency: .withinQuarter,
                publishedAt: clock.clock.now()))
            #expect(try await send(app, .POST, "/api/v1/demands/\(late.id)/take", token: f.bankAToken).status == .ok)
            page = try await bank.get("/bank/demands")
            #expect(page.body.contains("待联系企业") && !page.body.contains("前联系企业</span>"))
            // Over the API too: the bank's system records a step, the firm's reads them; nobody else.
            var api = try await post(app, "/api/v1/demands/\(late.id)/follow-ups", token: f.bankAToken, ["step": "declined"])
            #expect(api.status == .unprocessableEntity)
            api = try await post(app, "/api/v1/demands/\(late.id)/follow-ups", token: f.bankAToken, ["step": "contacted", "note": "已电话联系"])
            #expect(api.status == .created)
            #expect(try api.json()["step"] as? String == "contacted")
            #expect(try await post(app, "/api/v1/demands/\(late.id)/follow-ups", token: f.bankBToken, ["step": "visited"]).status == .notFound)
            api = try await send(app, .GET, "/api/v1/demands/\(late.id)", token: f.firmAToken)
            #expect(api.status == .ok)
            #expect(try (api.json()["followUps"] as? [[String: Any]])?.count == 2)
            #expect(try await send(app, .GET, "/api/v1/demands/\(late.id)", token: f.firmBToken).status == .notFound)
            // A third, nobody calls about: red for both sides after the deadline.
            let silent = try await store.create(try FinancingDemand(
                id: "", uscc: SampleFiles.firmA, amountCents: 20_000_000, termMonths: 6, purpose: "购置设备", urgency: .withinQuarter,
                publishedAt: clock.clock.now()))
            #expect(try await send(app, .POST, "/api/v1/demands/\(silent.id)/take", token: f.bankAToken).status == .ok)
            clock.advance(seconds: 10 * 86_400)
            page = try await bank.get("/bank/demands")
            #expect(page.body.contains("未在 ") && page.body.contains(" 前联系企业"))
            mine = try await firm.get("/firm/demands/\(silent.id)")
            #expect(mine.body.contains("已逾期"))
            mine = try await firm.get("/firm/demands/\(late.id)")
            #expect(!mine.body.contains("已逾期"), "a demand contacted in time is not late")
            let detail = try await send(app, .GET, "/api/v1/demands/\(silent.id)", token: f.bankAToken).json()
            #expect(detail["contactOverdue"] as? Bool == true)
        }
    }

    /// The credit center's list of the city's demands: counts by status, filters, the follow-up of each, an export of
    /// what is selected; nobody else reads it.
    @Test(arguments: Backend.allCases)
    func theCreditCenterListsDemandsWithTheirFollowUp(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let store = DemandStore(database: app.db)
            let a = try await store.create(try FinancingDemand(id: "", uscc: SampleFiles.firmA, amountCents: 80_000_000, termMonths: 12,
                                                               purpose: "采购原材料", urgency: .withinMonth, publishedAt: Date()))
            _ = try await store.create(try FinancingDemand(id: "", uscc: SampleFiles.firmB, amountCents: 30_000_000, termMonths: 6,
                                                           purpose: "支付运费", urgency: .withinMonth, publishedAt: Date()))
            #expect(try await send(app, .POST, "/api/v1/demands/\(a.id)/take", token: f.bankAToken).status == .ok)
            let center = f.base.centerToken
            var page = try await send(app, .GET, "/console/demands", token: center)
            #expect(page.status == .ok && page.body.contains("需求（共 2 笔）"))
            #expect(page.body.contains("大连海韵科技有限公司") && page.body.contains("大连北港物流有限公司") && page.body.contains("待联系企业"))
            page = try await send(app, .GET, "/console/demands?status=taken", token: center)
            #expect(page.body.contains("采购原材料") && !page.body.contains("支付运费"))
            page = try await send(app, .GET, "/console/demands?q=%E5%8C%97%E6%B8%AF", token: center)  // 北港
            #expect(page.body.contains("支付运费") && !page.body.contains("采购原材料"))
            page = try await send(app, .GET, "/console/demands?institution=\(f.bankA.id)", token: center)
            #expect(page.body.contains("需求（共 1 笔）") && page.body.contains("甲银行"))
            let csv = try await send(app, .GET, "/console/demands.csv?status=taken", token: center)
            #expect(csv.status == .ok && csv.body.contains("需求编号,统一社会信用代码") && csv.body.contains("甲银行"))
            #expect(csv.body.split(whereSeparator: \.isNewline).count == 2, "the header and the one taken demand")
            #expect(try await send(app, .GET, "/console/demands?status=bogus", token: center).status == .unprocessableEntity)
            for token in [f.bankAToken, f.firmAToken, f.base.courtToken] {
                #expect([.forbidden, .notFound].contains(try await send(app, .GET, "/console/demands", token: token).status))
                #expect([.forbidden, .notFound].contains(try await send(app, .GET, "/console/demands.csv", token: token).status))
            }
        }
    }
}
