import App
import Domain
import Fluent
import Foundation
import Persistence
import Services
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// 守信激励 (issue 12 §4) over the API, on both databases: a firm with tax grade A, a top evaluation grade and a
/// year of on-time repayment through the platform is proposed into publicity, survives an objection, takes
/// effect, earns its incentives on the quota estimate and the bank's application page, and expires; a late
/// installment keeps a firm off; the on-time repayers' page lists only firms that consented.
@Suite struct RedListTests {
    struct World { let f: MarketFixtures; let clock: TestClock; let today: Day; let loanID: Int; let installments: [[String: Any]] }

    /// Firm A: tax grade A, grade A, and a 12-month loan from bank A disbursed 13 months ago.
    static func world(_ app: Application) async throws -> World {
        let f = try await RemediesAPITests.setUp(app)
        let tax = try await app.accounts.createDepartment(code: "sw", name: "税务局", datasets: ["tax.rating"])
        let taxToken = try await app.accounts.createToken(name: "tax", role: .department, departmentID: tax.id)
        #expect(try await upload(app, "tax.rating", """
            record_id,uscc,year,grade
            TA,\(SampleFiles.firmA),2025,A
            TB,\(SampleFiles.firmB),2025,A

            """, token: taxToken).status == .created)
        try await app.reevaluate()
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.raw("UPDATE evaluations SET grade = 'A' WHERE uscc IN (\(binds: [SampleFiles.firmA, SampleFiles.firmB]))").run()
        let now = moveClock(app, to: Day.today().adding(days: -400))
        #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
        _ = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
            "categories": ["tax"], "purposes": ["loan_application", "post_loan"], "validUntil": Day.today().adding(days: 365).description])
        let application = try #require(try await post(app, "/api/v1/applications", token: f.firmAToken, [
            "productID": f.manualProductID, "amountCents": 12_000_000, "termMonths": 12, "method": "equal_principal", "purpose": "扩大生产",
        ]).json()["application"] as? [String: Any])
        let id = try #require(application["id"] as? Int)
        let today = Day.today()
        for (token, body) in [(f.bankAToken, ["action": "accept"] as [String: Any]),
                              (f.bankAToken, ["action": "approve", "amountCents": 12_000_000, "rateBasisPoints": 435, "termMonths": 12,
                                              "method": "equal_principal"]),
                              (f.firmAToken, ["action": "sign_contract"]),
                              (f.bankAToken, ["action": "disburse", "day": today.adding(days: -400).description])] {
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: token, body).status == .ok)
        }
        app.platform = now
        try await MarketActions.reclassifyLoans(app.services)
        let loans = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/loans", token: f.bankAToken).body.utf8)) as? [[String: Any]] ?? []
        let loan = try #require(loans.first)
        let schedule = try #require((loan["ledger"] as? [String: Any])?["schedule"] as? [String: Any])
        let clock = TestClock(today.description)
        app.platform = app.platform.on(clock.clock)
        return World(f: f, clock: clock, today: today, loanID: try #require(loan["id"] as? Int),
                     installments: try #require(schedule["installments"] as? [[String: Any]]))
    }

    /// Repays every installment, each `late` days after its due day.
    static func repayAll(_ app: Application, _ w: World, lateInstallment: Int? = nil) async throws {
        for (n, installment) in w.installments.enumerated() {
            let due = try #require(Day(iso: installment["due"] as? String ?? ""))
            let amount = (installment["principal"] as? Int ?? 0) + (installment["interest"] as? Int ?? 0)
            let day = n == lateInstallment ? due.adding(days: 5) : due
            let reply = try await post(app, "/api/v1/loans/\(w.loanID)/repayments", token: w.f.bankAToken,
                                       ["day": day.description, "amountCents": amount])
            #expect(reply.status == .ok, "\(reply.body)")
        }
    }

    @Test(arguments: Backend.allCases)
    func aFirmThatKeepsItsWordIsListedEarnsIncentivesAndExpires(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            try await Self.repayAll(app, w)
            let center = w.f.base.centerToken
            #expect(try await post(app, "/api/v1/red-list/propose", token: w.f.bankAToken, [:]).status == .forbidden)
            let summary = try await post(app, "/api/v1/red-list/propose", token: center, [:]).json()
            #expect(summary["proposed"] as? Int == 1)
            #expect((summary["refusals"] as? [String: Int])?["no_history"] == 1, "firm B has no platform history")
            let list = try await send(app, .GET, "/api/v1/red-list").json()
            let entry = try #require((list["items"] as? [[String: Any]])?.first)
            let id = try #require(entry["id"] as? Int)
            #expect(entry["uscc"] as? String == SampleFiles.firmA && entry["status"] as? String == "inPublicity")
            #expect(entry["publicityEnds"] as? String == w.today.adding(days: 7).description)
            // Proposing again changes nothing; the firm cannot object to itself; firm B can, and the center answers.
            #expect(try await post(app, "/api/v1/red-list/propose", token: center, [:]).json()["skipped"] as? Int == 1)
            #expect(try await post(app, "/api/v1/red-list/\(id)/objections", token: w.f.firmAToken, ["reason": "x"]).status == .forbidden)
            let objected = try await post(app, "/api/v1/red-list/\(id)/objections", token: w.f.firmBToken, ["reason": "该企业拖欠货款"]).json()
            #expect(objected["status"] as? String == "objecting")
            #expect(try await post(app, "/api/v1/red-list/\(id)/answer", token: center, ["uphold": false, "answer": " "]).status == .unprocessableEntity)
            let answered = try await post(app, "/api/v1/red-list/\(id)/answer", token: center, ["uphold": false, "answer": "经核实货款已结清"]).json()
            #expect(answered["status"] as? String == "inPublicity")
            // The publicity's last day is still publicity; the day after, the daily sweep puts it into effect.
            w.clock.set(w.today.adding(days: 7).description)
            #expect(try await RedLists.sweep(app.services).activated == 0)
            w.clock.set(w.today.adding(days: 8).description)
            #expect(try await RedLists.sweep(app.services).activated == 1)
            let valid = try #require((try await send(app, .GET, "/api/v1/red-list").json()["items"] as? [[String: Any]])?.first)
            #expect(valid["status"] as? String == "valid" && valid["validFrom"] as? String == w.today.adding(days: 8).description)
            // The incentive shows on the firm's quota estimate and on the bank's page of its applications.
            // 甲行经营贷 declares a preference for red-list firms: 50 basis points off, 10 % more.
            let products = ProductStore(database: app.db)
            var manual = try #require(try await products.product(id: Int64(w.f.manualProductID)))
            manual.redListPreference = RedListPreference(rateCutBasisPoints: 50, amountRaisePercent: 10)
            _ = try await products.save(manual)
            var firm = ConsoleTests.Browser(app: app)
            #expect(try await firm.signIn("firm-a").status == .seeOther)
            let quota = try await firm.get("/firm/products").body
            #expect(quota.contains("适用守信激励"))
            #expect(quota.contains("甲行经营贷：") && quota.contains("50 个基点"), "the product's declared preference is applied and named")
            var bank = ConsoleTests.Browser(app: app)
            #expect(try await bank.signIn("banka-staff").status == .seeOther)
            let applications = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/applications",
                                                                                        token: w.f.bankAToken).body.utf8)) as? [String: Any]
            let applicationID = try #require(((applications?["items"] as? [[String: Any]])?.first)?["id"] as? Int)
            #expect(try await bank.get("/bank/applications/\(applicationID)").body.contains("绿色通道"))
            // After its validity the entry expires and the incentive stops.
            let until = try #require(Day(iso: valid["validUntil"] as? String ?? ""))
            w.clock.set(until.adding(days: 1).description)
            #expect(try await RedLists.sweep(app.services).expired == 1)
            #expect(!(try await firm.get("/firm/products").body.contains("适用守信激励")))
        }
    }

    @Test(arguments: Backend.allCases)
    func aLateInstallmentWithinTheWindowKeepsAFirmOffTheList(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            try await Self.repayAll(app, w, lateInstallment: 6)
            let summary = try await post(app, "/api/v1/red-list/propose", token: w.f.base.centerToken, [:]).json()
            #expect(summary["proposed"] as? Int == 0)
            #expect((summary["refusals"] as? [String: Int])?["recent_overdue"] == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func onlyConsentingFirmsThatRepaidOnTimeArePublished(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            try await Self.repayAll(app, w)
            func published() async throws -> [String] {
                let reply = try await send(app, .GET, "/api/v1/on-time-repayers")
                let items = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [[String: Any]] ?? []
                return items.compactMap { $0["uscc"] as? String }
            }
            #expect(try await published().isEmpty, "not without consent")
            #expect(try await post(app, "/api/v1/publication-consent", token: w.f.bankAToken, ["granted": true]).status == .forbidden)
            #expect(try await post(app, "/api/v1/publication-consent", token: w.f.firmAToken, ["granted": true]).status == .ok)
            #expect(try await post(app, "/api/v1/publication-consent", token: w.f.firmBToken, ["granted": true]).status == .ok)
            #expect(try await published() == [SampleFiles.firmA], "firm B consented but has no repayment on the platform")
            #expect(try await send(app, .GET, "/public/on-time").body.contains("大连海韵科技有限公司"))
            #expect(try await post(app, "/api/v1/publication-consent", token: w.f.firmAToken, ["granted": false]).status == .ok)
            #expect(try await published().isEmpty, "a withdrawn consent unpublishes at once")
        }
    }
}
