import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import VaporTesting

/// The risk compensation fund over the API (issue 13), on both databases: funds opened from scheme templates, a
/// disbursed loan registered (or told why not) at once, a claim filed with its material, reviewed step by step by
/// the offices that own each step (初审 → 核查 → 审批 → 公示 → 拨付), each a log entry, the books posted in the same
/// transactions (the ledger always balances), a recovery shared back to the cent, and the stop line pausing an
/// institution's registrations.
@Suite struct FundClaimTests {
    struct World {
        let f: MarketFixtures; let clock: TestClock; let loanID: Int
        let verifier: String; let leadingGroup: String; let financeBureau: String
    }

    /// Two funds (a Lingyuan-style city fund and a Guangxi-style 4:3:2:1 guarantee scheme, both for Dalian firms),
    /// bank A signed onto the second, ¥1,000,000 of capital; firm A's guaranteed loan of ¥120,000 disbursed 40 days ago.
    static func world(_ app: Application) async throws -> World {
        let f = try await MarketplaceAPITests.setUp(app)
        let center = f.base.centerToken
        for (template, code, name) in [("lingyuan-2020", "dl-xyd", "大连市信易贷风险缓释基金"), ("guangxi-4321", "dl-4321", "大连市政府性融资担保风险分担")] {
            let reply = try await post(app, "/api/v1/fund/programmes", token: center, [
                "template": template, "code": code, "name": name, "region": "大连市", "districtPrefixes": ["2102"]])
            #expect(reply.status == .created, "\(reply.body)")
        }
        #expect(try await post(app, "/api/v1/fund/programmes", token: center, [
            "template": "guangxi-4321", "code": "dl-4321", "name": "重复", "districtPrefixes": ["2102"]]).status == .conflict)
        #expect(try await post(app, "/api/v1/fund/programmes", token: f.bankAToken, [
            "template": "guangxi-4321", "code": "x", "name": "x", "districtPrefixes": []]).status == .forbidden)
        #expect(try await post(app, "/api/v1/fund/programmes/dl-4321/agreements", token: center, [
            "institutionId": f.bankA.id, "signedOn": Day.today().adding(days: -365).description]).status == .created)
        #expect(try await post(app, "/api/v1/fund/programmes/dl-4321/journal", token: center, [
            "kind": "capital", "amountCents": 100_000_000, "memo": "首期资金到账"]).status == .created)

        let now = moveClock(app, to: Day.today().adding(days: -40))
        for token in [f.firmAToken, f.firmBToken] {
            #expect(try await post(app, "/api/v1/commitments", token: token, ["signer": "王伟"]).status == .created)
            _ = try await post(app, "/api/v1/authorisations", token: token, [
                "categories": ["tax"], "purposes": ["loan_application", "post_loan"], "validUntil": Day.today().adding(days: 365).description])
        }
        let application = try #require(try await post(app, "/api/v1/applications", token: f.firmAToken, [
            "productID": f.manualProductID, "amountCents": 12_000_000, "termMonths": 12, "method": "equal_principal", "purpose": "扩大生产",
        ]).json()["application"] as? [String: Any])
        let id = try #require(application["id"] as? Int)
        for (token, body) in [(f.bankAToken, ["action": "accept"] as [String: Any]),
                              (f.bankAToken, ["action": "approve", "amountCents": 12_000_000, "rateBasisPoints": 435, "termMonths": 12,
                                              "method": "equal_principal"]),
                              (f.firmAToken, ["action": "sign_contract"]),
                              (f.bankAToken, ["action": "disburse", "day": Day.today().adding(days: -40).description])] {
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: token, body).status == .ok)
        }
        app.platform = now
        let loans = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/loans", token: f.bankAToken).body.utf8)) as? [[String: Any]] ?? []
        let loanID = try #require(loans.first?["id"] as? Int)
        // The offices of the review: 金融发展局 verifies, the leading group approves, the finance bureau pays.
        let accounts = app.accounts
        var tokens: [String] = []
        for (code, name) in [("jrj", "市金融发展局"), ("ldxz", "市信易贷工作领导小组"), ("czj", "市财政局")] {
            let department = try await accounts.createDepartment(code: code, name: name, datasets: [])
            tokens.append(try await accounts.createToken(name: "fund-\(code)", role: .department, departmentID: department.id))
        }
        let clock = TestClock(Day.today().description)
        app.platform = app.platform.on(clock.clock)
        // Today's daily classification: the first installment is 10 days overdue.
        try await MarketActions.reclassifyLoans(app.services)
        return World(f: f, clock: clock, loanID: loanID, verifier: tokens[0], leadingGroup: tokens[1], financeBureau: tokens[2])
    }

    static func material(_ app: Application, _ token: String, _ kind: String) async throws -> String {
        let reply = try await send(app, .POST, "/api/v1/fund/materials?kind=\(kind)&name=\(kind).pdf", token: token,
                                   bytes: Array("%PDF-1.4 \(kind)".utf8), contentType: "application/pdf")
        #expect(reply.status == .created, "\(reply.body)")
        return try #require(try reply.json()["key"] as? String)
    }

    static func step(_ app: Application, _ token: String, _ id: Int, _ action: String, reason: String? = nil) async throws -> Reply {
        var body: [String: Any] = ["action": action]
        if let reason { body["reason"] = reason }
        return try await post(app, "/api/v1/fund/claims/\(id)/steps", token: token, body)
    }

    static func cash(_ app: Application, _ w: World) async throws -> Int {
        let journal = try await send(app, .GET, "/api/v1/fund/programmes/dl-4321/journal", token: w.f.base.centerToken).json()
        let lines = try #require(journal["trialBalance"] as? [[String: Any]])
        #expect(lines.reduce(0) { $0 + ($1["balanceCents"] as? Int ?? 0) } == 0, "the trial balance sums to zero")
        return try #require(journal["cashCents"] as? Int)
    }

    @Test(arguments: Backend.allCases)
    func aCoveredLoanIsClaimedReviewedPaidAndRecovered(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let bank = w.f.bankAToken, center = w.f.base.centerToken

            // 入库 at disbursement: covered by the guarantee scheme, not by the city fund (and why), only the lender sees it.
            let registrations = try #require(try await send(app, .GET, "/api/v1/fund/registrations", token: bank).json()["items"] as? [[String: Any]])
            #expect(registrations.count == 2)
            let guarantee = try #require(registrations.first { $0["schemeCode"] as? String == "dl-4321" })
            #expect(guarantee["coverage"] != nil)
            let city = try #require(registrations.first { $0["schemeCode"] as? String == "dl-xyd" })
            let reasons = (city["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(reasons.contains("product_type") && reasons.contains("not_recommended"), "\(reasons)")
            #expect(try await send(app, .GET, "/api/v1/fund/registrations", token: w.f.bankBToken).json()["total"] as? Int == 0)

            // Before the guarantor has paid, the trigger is not met.
            let early = try await post(app, "/api/v1/fund/claims/estimate", token: bank, ["scheme": "dl-4321", "loanId": w.loanID])
            #expect(early.status == .ok)
            #expect(try early.json()["payable"] as? Bool == false)
            #expect(early.body.contains("trigger_not_met"))

            var attachments: [[String: Any]] = []
            for kind in ["application_form", "loan_contract", "guarantee_payment_proof"] {
                attachments.append(["kind": kind, "key": try await Self.material(app, bank, kind)])
            }
            let statement = try await Self.material(app, bank, "truthfulness_statement")
            var body: [String: Any] = ["scheme": "dl-4321", "loanId": w.loanID, "guaranteePaidOn": Day.today().description,
                                       "attachments": attachments + [["kind": "truthfulness_statement", "key": statement]]]
            let unsigned = try await post(app, "/api/v1/fund/claims", token: bank, body)
            #expect(unsigned.status == .unprocessableEntity && unsigned.body.contains("缺少材料"), "\(unsigned.body)")
            // Another bank's material cannot be attached.
            let foreign = try await Self.material(app, w.f.bankBToken, "truthfulness_statement")
            body["attachments"] = attachments + [["kind": "truthfulness_statement", "key": foreign, "signedBy": "张三"]]
            #expect(try await post(app, "/api/v1/fund/claims", token: bank, body).status == .unprocessableEntity)
            body["attachments"] = attachments + [["kind": "truthfulness_statement", "key": statement, "signedBy": "张三"]]
            #expect(try await post(app, "/api/v1/fund/claims", token: w.f.bankBToken, body).status == .notFound)
            let filed = try await post(app, "/api/v1/fund/claims", token: bank, body)
            #expect(filed.status == .created, "\(filed.body)")
            let claim = try filed.json()
            let id = try #require(claim["id"] as? Int)
            #expect((claim["claim"] as? [String: Any])?["status"] as? String == "filed")
            #expect(try await post(app, "/api/v1/fund/claims", token: bank, body).status == .conflict)

            // 4:3:2:1 of the ¥120,000 loss, to the cent; the fund pays its tenth.
            let computation = try #require(claim["computation"] as? [String: Any])
            let parties = try #require(computation["parties"] as? [[String: Any]])
            #expect(parties.map { $0["amount"] as? Int ?? 0 } == [4_800_000, 3_600_000, 2_400_000, 1_200_000])
            #expect(computation["fundShare"] as? Int == 1_200_000)
            #expect(computation["principalLoss"] as? Int == 12_000_000)

            // Each step by its office; anybody else is refused, an illegal step is 409.
            #expect(try await Self.step(app, bank, id, "pass").status == .forbidden)
            #expect(try await Self.step(app, w.f.base.courtToken, id, "pass").status == .notFound)
            #expect(try await Self.step(app, center, id, "approve").status == .conflict)
            #expect(try await Self.step(app, center, id, "pass").status == .ok)
            #expect(try await Self.step(app, center, id, "pass").status == .forbidden, "核查 is the verifier's")
            #expect(try await Self.step(app, w.verifier, id, "pass").status == .ok)
            #expect(try await Self.step(app, w.financeBureau, id, "pay").status == .conflict)
            let approved = try await Self.step(app, w.leadingGroup, id, "approve")
            #expect(approved.status == .ok)
            #expect(try approved.json()["computationFixed"] as? Bool == true)
            let until = try #require(Day(iso: (try approved.json()["claim"] as? [String: Any])?["publicityUntil"] as? String ?? ""))

            // Publicity: on the public page; an objection from anyone signed in, dismissed with a reason.
            #expect(try await send(app, .GET, "/public/fund").body.contains("FC\(id)"))
            #expect(try await Self.step(app, w.f.firmBToken, id, "object").status == .unprocessableEntity, "an objection needs a reason")
            #expect(try await Self.step(app, w.f.firmBToken, id, "object", reason: "该企业仍在正常经营").status == .ok)
            #expect(try await Self.step(app, center, id, "dismiss_objection", reason: "经核实，担保机构已代偿").status == .ok)
            #expect(try await Self.step(app, center, id, "close_publicity").status == .conflict, "not before publicity ends")
            #expect(try await Self.cash(app, w) == 100_000_000)
            w.clock.set(until.adding(days: 1).description)
            #expect(try await Self.step(app, center, id, "close_publicity").status == .ok)
            #expect(try await Self.step(app, w.financeBureau, id, "pay").status == .ok)
            #expect(try await Self.cash(app, w) == 98_800_000)

            // A recovery of ¥30,000 less ¥2,000 costs is shared 4:3:2:1: ¥2,800 back to the fund.
            #expect(try await post(app, "/api/v1/fund/claims/\(id)/recoveries", token: w.f.bankBToken, ["grossCents": 3_000_000]).status == .notFound)
            let recovered = try await post(app, "/api/v1/fund/claims/\(id)/recoveries", token: bank, ["grossCents": 3_000_000, "costsCents": 200_000])
            #expect(recovered.status == .ok, "\(recovered.body)")
            let share = try #require((try recovered.json()["recoveries"] as? [[String: Any]])?.first?["share"] as? [String: Any])
            #expect(share["fundShare"] as? Int == 280_000)
            #expect(try await Self.cash(app, w) == 99_080_000)

            // Every step is in the transparency log; the dashboard and the audit export agree.
            #expect(try await MonitoringAlertTests.logged(app, kind: "fundDecision") >= 13)
            let dashboard = try await send(app, .GET, "/api/v1/fund/programmes/dl-4321/dashboard", token: center).json()
            #expect(dashboard["paidCents"] as? Int == 1_200_000 && dashboard["recoveredCents"] as? Int == 280_000)
            #expect(dashboard["coveredLoans"] as? Int == 1)
            #expect(try await send(app, .GET, "/api/v1/fund/programmes/dl-4321/journal", token: bank).status == .forbidden)
            // The statistics count the claim in the month it was filed and the payout in the month it was paid.
            #expect(try await send(app, .POST, "/api/v1/stats/refresh", token: center).status == .ok)
            let fund = try await StatisticsTests.values(app, center, "from=\(StatMonth(Day.today()))&to=\(StatMonth(until.adding(days: 1)))")
            #expect(fund["fund.claims"] == 1 && fund["fund.claims_paid"] == 1 && fund["fund.payout_amount"] == 1_200_000, "\(fund)")
            #expect(try await send(app, .GET, "/api/v1/stats/verify", token: center).json()["matches"] as? Bool == true)

            // The pages: the fund office's dashboard, queue, claim and export; the simulator; the bank's covered book.
            var office = ConsoleTests.Browser(app: app)
            #expect(try await office.signIn("admin").status == .seeOther)
            let page = try await office.get("/console/fund?scheme=dl-4321")
            #expect(page.status == .ok && page.body.contains("¥990,800.00") && page.body.contains("试算平衡"))
            #expect(try await office.get("/console/fund/claims?status=paid").body.contains("FC\(id)"))
            let detail = try await office.get("/console/fund/claims/\(id)")
            #expect(detail.body.contains("核定过程") && detail.body.contains("驳回异议") && detail.body.contains("追回款分配"))
            let csv = try await office.get("/console/fund/dl-4321/journal.csv")
            #expect(csv.status == .ok && csv.body.contains("拨付代偿") && csv.body.contains("990800.00"), "\(csv.body)")
            let simulated = try await office.get("/console/fund/simulate?scheme=dl-4321&compare=lingyuan-2020&paths=200&years=3")
            #expect(simulated.status == .ok && simulated.body.contains("资金耗尽概率"), "\(simulated.body.prefix(400))")
            // A changed rule beside the fund's own, on the same draws; a flat share cannot be set on a split scheme.
            let variant = try await office.get("/console/fund/simulate?scheme=dl-xyd&paths=200&years=2&share=40&loan_cap=300000")
            #expect(variant.body.contains("调整后（补偿比例 40.00%，单笔上限¥300,000.00）"), "\(variant.body.prefix(400))")
            let refused = try await office.get("/console/fund/simulate?scheme=dl-4321&paths=200&share=40")
            #expect(refused.body.contains("该基金不是固定比例补偿"))
            var lender = ConsoleTests.Browser(app: app)
            #expect(try await lender.signIn("banka-staff").status == .seeOther)
            let book = try await lender.get("/bank/fund")
            #expect(book.body.contains("FC\(id)") && book.body.contains("已入库") && book.body.contains("企业不在推荐清单内"))
            #expect(book.body.contains("与基金的往来") && book.body.contains("¥9,200.00"), "net received: ¥12,000 paid less ¥2,800 returned")
            #expect(try await lender.get("/console/fund").status == .forbidden)
        }
    }

    @Test(arguments: Backend.allCases)
    func theStopLinePausesRegistrationsOfAnInstitutionWithOverdueCoveredLoans(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            // Bank A's covered book is 100 % overdue (the first installment is 10 days late): above the 3 % line.
            #expect(try await FundBooks.checkStopLines(app.services) == 1)
            #expect(try await FundBooks.checkStopLines(app.services) == 0, "an unchanged state is not stored again")
            let dashboard = try await send(app, .GET, "/api/v1/fund/programmes/dl-4321/dashboard", token: w.f.base.centerToken).json()
            let row = try #require((dashboard["institutions"] as? [[String: Any]])?.first)
            #expect(row["registrationsPaused"] as? Bool == true && row["claimsPaused"] as? Bool == false)
            // A new loan of bank A is then checked and refused with the reason.
            let application = try #require(try await post(app, "/api/v1/applications", token: w.f.firmBToken, [
                "productID": w.f.manualProductID, "amountCents": 5_000_000, "termMonths": 12, "method": "equal_principal", "purpose": "采购",
            ]).json()["application"] as? [String: Any])
            let id = try #require(application["id"] as? Int)
            for (token, body) in [(w.f.bankAToken, ["action": "accept"] as [String: Any]),
                                  (w.f.bankAToken, ["action": "approve", "amountCents": 5_000_000, "rateBasisPoints": 435, "termMonths": 12,
                                                    "method": "equal_principal"]),
                                  (w.f.firmBToken, ["action": "sign_contract"]),
                                  (w.f.bankAToken, ["action": "disburse"])] {
                #expect(try await post(app, "/api/v1/applications/\(id)/events", token: token, body).status == .ok)
            }
            let page = try await send(app, .GET, "/api/v1/fund/registrations?scheme=dl-4321", token: w.f.bankAToken).json()
            let newest = try #require((page["items"] as? [[String: Any]])?.first { $0["firmUSCC"] as? String == SampleFiles.firmB })
            #expect(newest["coverage"] == nil)
            #expect(((newest["reasons"] as? [[String: Any]]) ?? []).contains { $0["code"] as? String == "registrations_paused" })
            // The sweep finds nothing left to check.
            #expect(try await FundRegistrations.sweep(app.services) == 0)
        }
    }
}
