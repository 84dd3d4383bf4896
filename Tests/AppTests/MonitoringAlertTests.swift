import App
import Crypto
import Domain
import Fluent
import Foundation
import Persistence
import Services
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// Post-loan monitoring (issue 12 §2) on both databases: the first scan of a firm is only its baseline; a new
/// court listing of a firm with a live loan at bank A becomes an alert for bank A alone, with the signal's text and
/// level; bank A acknowledges, then handles (a dismissal needs its reason); an unanswered alert turns amber, then
/// red and shows to the credit center as escalated; every alert and answer is a transparency-log entry; a new alert
/// is posted, signed, to the webhook bank A registered.
@Suite struct MonitoringAlertTests {
    struct World {
        let f: MarketFixtures
        let clock: TestClock
        let today: Day
        let loanID: Int64
    }

    /// The sample firms and banks, firm A with a live loan at bank A, the clock stopped today.
    static func world(_ app: Application) async throws -> World {
        let base = try await Fixtures.seed(app)
        #expect(try await upload(app, "market.registration", SampleFiles.registrations, token: base.marketToken).status == .created)
        try await app.reevaluate()
        let f = try await MarketFixtures.seed(app, base: base)
        let today = Day.today()
        let clock = TestClock(today.description)
        app.platform = app.platform.on(clock.clock)
        let loanID = try await f.openLoan(app, on: today)
        return World(f: f, clock: clock, today: today, loanID: loanID)
    }

    static func courtListing(_ app: Application, _ w: World, id: String, caseNumber: String) async throws {
        #expect(try await upload(app, "judicial.dishonest", """
            record_id,uscc,case_no,listed_on,removed_on,obligation
            \(id),\(SampleFiles.firmA),\(caseNumber),\(w.today.description),,给付货款

            """, token: w.f.base.courtToken).status == .created)
    }

    /// Log entries of `kind` (pending or sequenced), those whose text also holds `containing` when given.
    static func logged(_ app: Application, kind: String, containing: String? = nil) async throws -> Int {
        let sql = try #require(app.db as? any SQLDatabase)
        struct N: Decodable { let n: Int }
        let pattern = "%\"kind\":\"\(kind)\"%"
        let also = "%\(containing ?? "")%"
        var total = 0
        for table in ["tlog_pending", "tlog_entries"] {
            total += try await sql.raw("""
                SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE entry LIKE \(bind: pattern) AND entry LIKE \(bind: also)
                """).first(decoding: N.self)?.n ?? 0
        }
        return total
    }

    /// Baseline, then a court listing: bank A's alert id.
    static func alertFromACourtListing(_ app: Application, _ w: World) async throws -> Int {
        let baseline = try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA, SampleFiles.firmB])
        #expect(baseline.monitored == 1 && baseline.baselined == 1 && baseline.opened == 0, "\(baseline)")
        try await courtListing(app, w, id: "D21", caseNumber: "（2026）辽0202执21号")
        let scan = try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA])
        #expect(scan.signals == 1 && scan.opened == 1, "\(scan)")
        let page = try await send(app, .GET, "/api/v1/risk-alerts", token: w.f.bankAToken).json()
        let item = try #require((page["items"] as? [[String: Any]])?.first)
        return try #require(item["id"] as? Int)
    }

    @Test(arguments: Backend.allCases)
    func aNewCourtListingAlertsOnlyTheLender(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            // The first scan stores the baseline: the firm's old facts raise nothing.
            try await Self.courtListing(app, w, id: "D20", caseNumber: "（2025）辽0202执20号")
            let first = try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA])
            #expect(first.baselined == 1 && first.signals == 0 && first.opened == 0)
            #expect(try await send(app, .GET, "/api/v1/risk-alerts", token: w.f.bankAToken).json()["total"] as? Int == 0)
            #expect(try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA]).changed == 0, "nothing new, nothing written")

            try await Self.courtListing(app, w, id: "D21", caseNumber: "（2026）辽0202执21号")
            let scan = try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA, SampleFiles.firmB])
            #expect(scan.monitored == 1 && scan.signals == 1 && scan.opened == 1, "\(scan)")
            let page = try await send(app, .GET, "/api/v1/risk-alerts", token: w.f.bankAToken).json()
            #expect(page["total"] as? Int == 1)
            let alert = try #require((page["items"] as? [[String: Any]])?.first)
            let id = try #require(alert["id"] as? Int)
            #expect(alert["level"] as? String == "yellow" && alert["score"] as? Int == 40, "失信被执行人 alone: 40 points")
            #expect(alert["status"] as? String == "open" && alert["relation"] as? String == "loan")
            let signals = try #require(alert["signals"] as? [[String: Any]])
            #expect(signals.map { $0["code"] as? String } == ["new_dishonest_debtor"])
            #expect((signals.first?["text"] as? String ?? "").contains("（2026）辽0202执21号"))
            #expect((signals.first?["text"] as? String ?? "").contains("失信被执行人"))
            // Bank B holds neither a loan nor an authorisation: nothing to see, and the id is not found.
            #expect(try await send(app, .GET, "/api/v1/risk-alerts", token: w.f.bankBToken).json()["total"] as? Int == 0)
            #expect(try await send(app, .GET, "/api/v1/risk-alerts/\(id)", token: w.f.bankBToken).status == .notFound)
            #expect(try await post(app, "/api/v1/risk-alerts/\(id)/response", token: w.f.bankBToken,
                                   ["action": "acknowledge"]).status == .notFound)
            #expect(try await send(app, .GET, "/api/v1/risk-alerts", token: w.f.firmAToken).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/risk-alerts/\(id)", token: w.f.base.centerToken).status == .ok)

            // A lawsuit as defendant and a serious penalty: the same alert rises to red (40 + 10 + 30).
            #expect(try await upload(app, "judicial.case", """
                record_id,uscc,case_no,filed_on,role
                J21,\(SampleFiles.firmA),（2026）辽0202民初21号,\(w.today.description),被告

                """, token: w.f.base.courtToken).status == .created)
            #expect(try await upload(app, "admin.penalty", """
                record_id,uscc,decision_no,decided_on,authority,severity,violation,amount
                P21,\(SampleFiles.firmA),大市监罚〔2026〕21号,\(w.today.description),大连市市场监督管理局,严重,无证经营,200000

                """, token: w.f.base.centerToken).status == .created)
            let raised = try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA])
            #expect(raised.signals == 2 && raised.opened == 0 && raised.raised == 1, "\(raised)")
            let red = try await send(app, .GET, "/api/v1/risk-alerts/\(id)", token: w.f.bankAToken).json()
            #expect(red["level"] as? String == "red" && red["score"] as? Int == 80)
            #expect((red["signals"] as? [[String: Any]])?.count == 3)
            #expect(try await send(app, .GET, "/api/v1/risk-alerts?level=red", token: w.f.bankAToken).json()["total"] as? Int == 1)
            #expect(try await send(app, .GET, "/api/v1/risk-alerts?level=purple", token: w.f.bankAToken).status == .unprocessableEntity)
            // The page shows it to bank A with its level.
            let html = try await send(app, .GET, "/bank/alerts", token: w.f.bankAToken).body
            #expect(html.contains("大连海韵科技有限公司") && html.contains("红 · 80 分"))
            #expect(try await Self.logged(app, kind: "riskAlert") == 2, "opened, then raised")
            // The platform never reclassifies the loan.
            #expect(try await LoanStore(database: app.db).loan(id: w.loanID)?.classification == .normal)
        }
    }

    @Test(arguments: Backend.allCases)
    func theLenderAcknowledgesThenHandles(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let id = try await Self.alertFromACourtListing(app, w)
            let path = "/api/v1/risk-alerts/\(id)/response"
            let token = w.f.bankAToken
            // Acknowledge first; a dismissal needs its reason; a measure ends it.
            #expect(try await post(app, path, token: token, ["action": "handle", "measure": "压降额度"]).status == .conflict)
            let acknowledged = try await post(app, path, token: token, ["action": "acknowledge"])
            #expect(acknowledged.status == .ok)
            #expect(try acknowledged.json()["status"] as? String == "acknowledged")
            #expect(try await post(app, path, token: token, ["action": "dismiss"]).status == .unprocessableEntity)
            #expect(try await post(app, path, token: token, ["action": "dismiss", "reason": "   "]).status == .unprocessableEntity)
            #expect(try await post(app, path, token: token, ["action": "escalate"]).status == .unprocessableEntity)
            let handled = try await post(app, path, token: token, ["action": "handle", "measure": "压降授信额度 50 万元，追加保证人"]).json()
            #expect(handled["status"] as? String == "handled" && handled["measure"] as? String == "压降授信额度 50 万元，追加保证人")
            #expect((handled["steps"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } == ["opened", "acknowledge", "handle"])
            #expect(try await post(app, path, token: token, ["action": "acknowledge"]).status == .conflict)
            #expect(try await Self.logged(app, kind: "riskAlertResponse") == 2)
            #expect(try await Self.logged(app, kind: "riskAlert") == 1)

            // Once handled, a later signal opens a new alert; this one is dismissed with its reason.
            try await Self.courtListing(app, w, id: "D22", caseNumber: "（2026）辽0202执22号")
            #expect(try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA]).opened == 1)
            let page = try await send(app, .GET, "/api/v1/risk-alerts?status=open", token: token).json()
            let second = try #require((page["items"] as? [[String: Any]])?.first?["id"] as? Int)
            #expect(second != id)
            #expect(try await post(app, "/api/v1/risk-alerts/\(second)/response", token: token, ["action": "acknowledge"]).status == .ok)
            let dismissed = try await post(app, "/api/v1/risk-alerts/\(second)/response", token: token,
                                           ["action": "dismiss", "reason": "案件已执行和解，企业已履行"]).json()
            #expect(dismissed["status"] as? String == "dismissed" && dismissed["dismissalReason"] as? String == "案件已执行和解，企业已履行")
        }
    }

    @Test(arguments: Backend.allCases)
    func anUnansweredAlertEscalatesToTheCreditCenter(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let id = try await Self.alertFromACourtListing(app, w)
            func light(on day: Day) async throws -> String? {
                w.clock.set(day.description)
                return try await send(app, .GET, "/api/v1/risk-alerts/\(id)", token: w.f.bankAToken).json()["light"] as? String
            }
            // Yellow: 3 days to acknowledge, escalated more than 2 days past the deadline (warning-rules.json v1).
            let alert = try await send(app, .GET, "/api/v1/risk-alerts/\(id)", token: w.f.bankAToken).json()
            #expect(alert["acknowledgeBy"] as? String == w.today.adding(days: 3).description)
            #expect(try await light(on: w.today.adding(days: 3)) == "green", "the deadline itself is on time")
            #expect(try await light(on: w.today.adding(days: 4)) == "amber")
            #expect(try await light(on: w.today.adding(days: 5)) == "amber")
            #expect(try await send(app, .GET, "/api/v1/risk-alerts?escalated=true", token: w.f.base.centerToken).json()["total"] as? Int == 0)
            #expect(try await RiskAlerts.escalateOverdue(app.services) == 0, "amber is not escalated")
            #expect(try await light(on: w.today.adding(days: 6)) == "red")
            // The daily sweep records the escalation once: a step on the alert and a log entry.
            #expect(try await RiskAlerts.escalateOverdue(app.services) == 1)
            #expect(try await RiskAlerts.escalateOverdue(app.services) == 0, "recorded once")
            let steps = try await send(app, .GET, "/api/v1/risk-alerts/\(id)", token: w.f.bankAToken).json()["steps"] as? [[String: Any]]
            #expect(steps?.compactMap { $0["kind"] as? String } == ["opened", "escalated"])
            #expect(try await Self.logged(app, kind: "riskAlert", containing: "escalated") == 1)
            #expect(try await Self.logged(app, kind: "riskAlert") == 2, "opened, then escalated")
            let escalated = try await send(app, .GET, "/api/v1/risk-alerts?escalated=true", token: w.f.base.centerToken).json()
            #expect(escalated["total"] as? Int == 1)
            #expect(((escalated["items"] as? [[String: Any]])?.first?["escalation"] as? String ?? "").contains("已升级至信用中心"))
            let page = try await send(app, .GET, "/console/monitoring", token: w.f.base.centerToken)
            #expect(page.status == .ok)
            #expect(page.body.contains("已升级的预警") && page.body.contains("大连海韵科技有限公司") && page.body.contains("甲银行"))
            #expect(page.body.contains("中山区"), "by district")
            #expect(try await send(app, .GET, "/console/monitoring", token: w.f.bankAToken).status != .ok)
        }
    }

    @Test func aNewAlertIsPostedSignedToTheLendersWebhook() async throws {
        try await withTestApp(.sqlite) { app in
            let w = try await Self.world(app)
            let admin = try await app.accounts.createToken(name: "banka-admin-api", role: .institutionAdmin, departmentID: nil,
                                                           institutionID: w.f.bankA.id)
            #expect(try await post(app, "/api/v1/risk-webhook", token: w.f.bankAToken, ["url": "https://a.example/hook"]).status == .forbidden)
            #expect(try await post(app, "/api/v1/risk-webhook", token: admin, ["url": "http://a.example/hook"]).status == .unprocessableEntity)
            let registered = try await post(app, "/api/v1/risk-webhook", token: admin, ["url": "https://bank-a.example/xyd/alerts"]).json()
            let secret = try #require(registered["secret"] as? String)
            #expect(secret.hasPrefix("whsec_"))
            let shown = try await send(app, .GET, "/api/v1/risk-webhook", token: admin).json()
            #expect(shown["url"] as? String == "https://bank-a.example/xyd/alerts" && shown["secret"] == nil)

            let id = try await Self.alertFromACourtListing(app, w)
            let sql = try #require(app.db as? any SQLDatabase)
            struct J: Decodable { let payload: String }
            let jobs = try await sql.raw("SELECT payload FROM jobs WHERE kind = \(bind: JobKind.riskWebhook)").all(decoding: J.self)
            #expect(jobs.map(\.payload) == [String(id)], "delivered from a job, not from the scan")

            let sent = Sent()
            try await RiskWebhooks.deliver(app.services, alertID: Int64(id)) { delivery in
                await sent.keep(delivery)
                return 204
            }
            let delivery = try #require(await sent.all.first)
            #expect(delivery.url == "https://bank-a.example/xyd/alerts")
            let body = try #require(try JSONSerialization.jsonObject(with: delivery.body) as? [String: Any])
            #expect(body["alertID"] as? Int == id && body["level"] as? String == "yellow")
            #expect(body["signals"] as? [String] == ["new_dishonest_debtor"])
            #expect(body["uscc"] == nil, "no firm data in the push")
            let header = try #require(delivery.headers.first { $0.0 == AlertWebhook.signatureHeader }?.1)
            let parts = Dictionary(uniqueKeysWithValues: header.split(separator: ",").map { part -> (String, String) in
                let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
                return (kv[0], kv.count > 1 ? kv[1] : "")
            })
            var signed = Data("\(parts["t"] ?? "").".utf8)
            signed.append(delivery.body)
            let expected = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
                .map { String(format: "%02x", $0) }.joined()
            #expect(parts["v1"] == expected)
            // A failing receiver fails the job, so the queue retries it.
            await #expect(throws: RiskWebhooks.DeliveryFailed.self) {
                try await RiskWebhooks.deliver(app.services, alertID: Int64(id)) { _ in 503 }
            }
            // The alert rises (a new lawsuit as defendant): it is posted again, with its new level.
            #expect(try await upload(app, "judicial.case", """
                record_id,uscc,case_no,filed_on,role
                J31,\(SampleFiles.firmA),（2026）辽0202民初31号,\(w.today.description),被告

                """, token: w.f.base.courtToken).status == .created)
            #expect(try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA]).raised == 1)
            let again = try await sql.raw("SELECT payload FROM jobs WHERE kind = \(bind: JobKind.riskWebhook)").all(decoding: J.self)
            #expect(again.map(\.payload) == [String(id), String(id)], "one delivery per raise")
        }
    }

    actor Sent {
        var all: [RiskWebhooks.Delivery] = []
        func keep(_ delivery: RiskWebhooks.Delivery) { all.append(delivery) }
    }
}
