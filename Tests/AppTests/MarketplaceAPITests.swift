import Fluent
import App
import Domain
import Foundation
import Services
import Persistence
import Testing
import TestSupport
import VaporTesting

/// The marketplace over the API, on both databases: consent gates the credit report and every read is
/// logged; applications move only along the state machine; a disbursed loan gets its schedule and
/// repayments reclassify it; demands go to the first institution that takes them.
@Suite struct MarketplaceAPITests {
    static func setUp(_ app: Application) async throws -> MarketFixtures {
        let base = try await Fixtures.seed(app)
        try await upload(app, "market.registration", SampleFiles.registrations, token: base.marketToken)
        try await app.reevaluate()
        return try await MarketFixtures.seed(app, base: base)
    }



    @Test(arguments: Backend.allCases)
    func consentGatesTheReportAndEveryReadIsLogged(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Self.setUp(app)
            let firmA = SampleFiles.firmA
            // No authorisation yet: 403 with the reason, nothing served.
            var reply = try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankAToken)
            #expect(reply.status == .forbidden)
            #expect(try reply.json()["message"] as? String ?? "" == "无权访问：该企业未授权贵机构查询其非公开信用信息（该企业尚未签署任何授权书）"
                    || (try reply.json()["message"] as? String ?? "").contains("未授权"))
            #expect(!reply.body.contains("大连海韵科技"))

            // The firm authorises bank A only, for tax data.
            reply = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "institutions": [String(f.bankA.id)], "categories": ["tax"], "purposes": ["loan_application"],
                "validUntil": Day.today().adding(days: 30).description])
            #expect(reply.status == .created)
            let authorisationID = try #require(try reply.json()["id"] as? String)

            reply = try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankAToken)
            #expect(reply.status == .ok)
            let report = try reply.json()
            #expect(report["authorisationID"] as? String == authorisationID)
            #expect(report["authorisedCategories"] as? [String] == ["tax"])
            // The read's log entry (and the authorisation's, queued before it) went into the tree with it.
            #expect(try await app.logStore.hasPending() == false)
            // Bank B is not covered.
            #expect(try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankBToken).status == .forbidden)
            // A firm may not read the report API, nor another firm's profile.
            #expect(try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.firmBToken).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/enterprises/\(firmA)", token: f.firmBToken).status == .notFound)
            #expect(try await send(app, .GET, "/api/v1/enterprises/\(firmA)", token: f.firmAToken).status == .ok)

            // The firm sees who read what under which authorisation; firm B sees nothing of it.
            let log = try await send(app, .GET, "/api/v1/access-log", token: f.firmAToken).json()
            let entries = try #require(log["items"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["institutionID"] as? Int64 == f.bankA.id || entries.first?["institutionID"] as? Int == Int(f.bankA.id))
            #expect(entries.first?["authorisationID"] as? Int == Int(authorisationID))
            #expect(entries.first?["categories"] as? [String] == ["tax"])
            #expect((try await send(app, .GET, "/api/v1/access-log", token: f.firmBToken).json()["items"] as? [Any])?.isEmpty == true)

            // The read is in the transparency log: once sequenced and checkpointed, its inclusion proof verifies.
            let accessID = try #require(entries.first?["id"] as? Int)
            var proof = try await send(app, .GET, "/api/v1/access-log/\(accessID)/proof", token: f.firmAToken).json()
            #expect(proof["verified"] as? Bool == false)
            _ = try await LogSequencer(database: app.db).sequenceAll()
            _ = try await app.signLogCheckpoint()
            proof = try await send(app, .GET, "/api/v1/access-log/\(accessID)/proof", token: f.firmAToken).json()
            #expect(proof["verified"] as? Bool == true)
            #expect((proof["entry"] as? String)?.contains(SampleFiles.firmA) == false, "the log entry holds no firm code")
            #expect(try await send(app, .GET, "/api/v1/access-log/\(accessID)/proof", token: f.firmBToken).status == .notFound)

            // Revoked: the report is refused again, with the reason.
            reply = try await send(app, .POST, "/api/v1/authorisations/\(authorisationID)/revoke", token: f.firmAToken)
            #expect(reply.status == .ok)
            reply = try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankAToken)
            #expect(reply.status == .forbidden)
            #expect((try reply.json()["message"] as? String)?.contains("撤销") == true)
            #expect(try await send(app, .POST, "/api/v1/authorisations/\(authorisationID)/revoke", token: f.firmAToken).status == .conflict)
        }
    }

    @Test(arguments: Backend.allCases)
    func applicationsFollowTheStateMachineIntoALoan(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Self.setUp(app)
            // Without a commitment, no application.
            var reply = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.autoProductID, "amountCents": 20_000_000, "termMonths": 12, "purpose": "采购原材料"])
            #expect(reply.status == .conflict)
            #expect((try reply.json()["message"] as? String)?.contains("信用承诺书") == true)
            reply = try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"])
            #expect(reply.status == .created)
            #expect((try reply.json()["commitment"] as? [String: Any])?["contentHash"] as? String != nil)
            // Without an authorisation covering the bank, no application either.
            reply = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.autoProductID, "amountCents": 20_000_000, "termMonths": 12, "purpose": "采购原材料"])
            #expect(reply.status == .conflict)
            _ = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax", "social"], "purposes": ["loan_application", "post_loan"],
                "validUntil": Day.today().adding(days: 365).description])

            // The auto-approval product decides at once and names its rules.
            reply = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.autoProductID, "amountCents": 20_000_000, "termMonths": 12, "method": "equal_installment",
                "purpose": "采购原材料"])
            #expect(reply.status == .created)
            var application = try #require(try reply.json()["application"] as? [String: Any])
            var state = try #require(application["state"] as? [String: Any])
            #expect(state["status"] as? String == "approved")
            let steps = try #require(try reply.json()["steps"] as? [[String: Any]])
            #expect(steps.contains { $0["actor"] as? String == "系统自动审批" && ($0["note"] as? String ?? "").contains("失信") })

            // The manual product: bank A accepts, approves, the firm signs, the bank disburses.
            reply = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.manualProductID, "amountCents": 12_000_000, "termMonths": 12, "method": "equal_principal",
                "purpose": "扩大生产"])
            application = try #require(try reply.json()["application"] as? [String: Any])
            let id = try #require(application["id"] as? Int)
            #expect((application["state"] as? [String: Any])?["status"] as? String == "submitted")
            // Bank B cannot see or act on it; an illegal step is 409 with the state in Chinese.
            #expect(try await send(app, .GET, "/api/v1/applications/\(id)", token: f.bankBToken).status == .notFound)
            reply = try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken, ["action": "disburse"])
            #expect(reply.status == .conflict)
            #expect(try reply.json()["error"] as? String == "illegal_transition")
            #expect(try reply.json()["message"] as? String == "申请当前状态为“已提交”，不能放款")
            // The firm may not approve its own application.
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.firmAToken, ["action": "accept"]).status == .forbidden)

            for body: [String: Any] in [
                ["action": "accept"],
                ["action": "approve", "amountCents": 12_000_000, "rateBasisPoints": 435, "termMonths": 12, "method": "equal_principal"],
            ] {
                #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken, body).status == .ok)
            }
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.firmAToken, ["action": "sign_contract"]).status == .ok)
            // Money cannot leave before the contract was signed (today), nor on a day still to come.
            reply = try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken,
                                   ["action": "disburse", "day": Day.today().adding(days: -40).description])
            #expect(reply.status == .unprocessableEntity)
            #expect((try reply.json()["message"] as? String ?? "").contains("不能早于合同签订日"))
            reply = try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken,
                                   ["action": "disburse", "day": Day.today().adding(days: 1).description])
            #expect(reply.status == .unprocessableEntity)
            reply = try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken,
                                   ["action": "disburse", "day": Day.today().description])
            #expect(reply.status == .ok)
            // Forty days later the first installment (due after a month) is ten days overdue.
            let later = Day.today().adding(days: 40)
            app.platform = app.platform.on(TestClock(later.description).clock)
            state = try #require((try reply.json()["application"] as? [String: Any])?["state"] as? [String: Any])
            #expect(state["status"] as? String == "disbursed")

            // The loan: 12 equal-principal installments of 10,000.00; the first is 10 days overdue.
            let loans = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/loans", token: f.bankAToken).body.utf8)) as? [[String: Any]] ?? []
            let loan = try #require(loans.first)
            let loanID = try #require(loan["id"] as? Int)
            let schedule = try #require((loan["ledger"] as? [String: Any])?["schedule"] as? [String: Any])
            let installments = try #require(schedule["installments"] as? [[String: Any]])
            #expect(installments.count == 12)
            #expect(installments.compactMap { $0["principal"] as? Int }.reduce(0, +) == 12_000_000)
            #expect(installments.first?["interest"] as? Int == 43_500)
            reply = try await send(app, .GET, "/api/v1/loans/\(loanID)", token: f.firmAToken)
            #expect(reply.status == .ok)
            #expect(try await send(app, .GET, "/api/v1/loans/\(loanID)", token: f.firmBToken).status == .notFound)
            #expect(try await send(app, .GET, "/api/v1/loans/\(loanID)", token: f.bankBToken).status == .notFound)

            // The daily job would classify it 关注; a repayment of the first installment brings it back to 正常.
            reply = try await post(app, "/api/v1/loans/\(loanID)/repayments", token: f.bankAToken,
                                   ["day": later.description, "amountCents": 1_043_500])
            #expect(reply.status == .ok)
            let repaid = try #require(try reply.json()["loan"] as? [String: Any])
            #expect(repaid["classification"] as? String == "normal")
            #expect(repaid["overdueDays"] as? Int == 0)
            #expect(repaid["outstanding"] as? Int == 11_000_000)

            // The lender reports the loan doubtful: it stays so although nothing is overdue; bank B may not report.
            reply = try await post(app, "/api/v1/loans/\(loanID)/classification", token: f.bankAToken, ["classification": "doubtful"])
            #expect(reply.status == .ok)
            #expect((try reply.json()["loan"] as? [String: Any])?["classification"] as? String == "doubtful")
            #expect(try await post(app, "/api/v1/loans/\(loanID)/classification", token: f.bankBToken,
                                   ["classification": "normal"]).status == .notFound)
            _ = try await post(app, "/api/v1/loans/\(loanID)/classification", token: f.bankAToken, ["classification": "normal"])

            // A batch of repayment reports: bad rows come back with row and reason; accepted + rejected = submitted.
            reply = try await send(app, .POST, "/api/v1/loans/repayments", token: f.bankAToken,
                                   body: "loan_id,day,amount_cents\n\(loanID),\(later),100\n999,\(later),100\n\(loanID),2099-01-01,100\n",
                                   contentType: "text/csv")
            let result = try reply.json()
            #expect(result["submitted"] as? Int == 3)
            #expect(result["accepted"] as? Int == 1)
            let rejected = try #require(result["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["row"] as? Int } == [3, 4])
            #expect((rejected.first?["reason"] as? String)?.contains("未找到该贷款") == true)

            // The operator's overview counts it: one loan, its outstanding principal, applications by status.
            let overview = try await send(app, .GET, "/console/market", token: f.base.centerToken)
            #expect(overview.status == .ok)
            #expect(overview.body.contains("¥110,000.00"), "the 1.00 batch repayment went to interest, not principal")
            #expect(try await send(app, .GET, "/console/market", token: f.bankAToken).status == .forbidden)
        }
    }

    @Test(arguments: Backend.allCases)
    func concurrentReportReadsAreEachLogged(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Self.setUp(app)
            _ = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax"], "purposes": ["loan_application"], "validUntil": Day.today().adding(days: 30).description])
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<24 {
                    group.addTask { try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)/report", token: f.bankAToken).status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 })
            // Reads share commits, but each one has its own access-log row and transparency-log entry.
            let log = try await send(app, .GET, "/api/v1/access-log?page=1", token: f.firmAToken).json()
            #expect(log["total"] as? Int == 24)
            let logged = try await count(app, "tlog_pending") + (try await count(app, "tlog_entries"))
            #expect(logged >= 24 + 1, "24 reads and the authorisation")
        }
    }

    @Test(arguments: Backend.allCases)
    func demandsGoToTheFirstInstitution(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Self.setUp(app)
            let demand = try FinancingDemand(id: "", uscc: SampleFiles.firmA, amountCents: 50_000_000, termMonths: 12, purpose: "周转",
                                             urgency: .withinMonth, publishedAt: Date())
            let stored = try await DemandStore(database: app.db).create(demand)
            let pool = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/demands", token: f.bankBToken).body.utf8)) as? [[String: Any]]
            #expect(pool?.count == 1)
            #expect(try await send(app, .POST, "/api/v1/demands/\(stored.id)/take", token: f.bankAToken).status == .ok)
            let second = try await send(app, .POST, "/api/v1/demands/\(stored.id)/take", token: f.bankBToken)
            #expect(second.status == .conflict)
            #expect((try second.json()["message"] as? String)?.contains("已接单") == true)
            // Taken by A: gone from B's pool, still in A's.
            let poolB = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/demands", token: f.bankBToken).body.utf8)) as? [[String: Any]]
            #expect(poolB?.isEmpty == true)
            // Demands nobody takes close when their urgency has passed (the daily job); taken ones stay.
            let stale = try await DemandStore(database: app.db).create(try FinancingDemand(
                id: "", uscc: SampleFiles.firmB, amountCents: 10_000_000, termMonths: 6, purpose: "周转", urgency: .withinWeek,
                publishedAt: Date().addingTimeInterval(-8 * 86_400)))
            #expect(try await DemandStore(database: app.db).expireOverdue() == 1)
            #expect(try await DemandStore(database: app.db).demand(id: Int64(stale.id) ?? 0)?.status == .expired)
            #expect(try await DemandStore(database: app.db).demand(id: Int64(stored.id) ?? 0)?.status == .taken)
            // A firm cannot take demands.
            #expect(try await send(app, .POST, "/api/v1/demands/\(stored.id)/take", token: f.firmAToken).status == .forbidden)
        }
    }

    @Test func readOnlyTokensCannotWrite() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Self.setUp(app)
            let token = try await app.accounts.createToken(name: "ro", role: .institutionStaff, departmentID: nil,
                                                           institutionID: f.bankA.id, scope: .read)
            #expect(try await send(app, .GET, "/api/v1/applications", token: token).status == .ok)
            let reply = try await send(app, .POST, "/api/v1/demands/1/take", token: token)
            #expect(reply.status == .forbidden)
            #expect((try reply.json()["message"] as? String)?.contains("只读") == true)
            let id = try #require(try await app.accounts.tokens(institutionID: f.bankA.id).first { $0.name == "ro" }?.id)
            #expect(try await app.accounts.revokeToken(id: id, institutionID: f.bankA.id))
            #expect(try await send(app, .GET, "/api/v1/applications", token: token).status == .unauthorized)
        }
    }
}
