import App
import CreditLog
import Fluent
import Domain
import Foundation
import Persistence
import Services
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// Pre-approved revolving credit (issue 15 §2) on both databases: a bank's run offers credit only to eligible firms,
/// with reasons; the firm sees it on its dashboard, accepts it, draws and repays with interest accrued daily on the
/// injected clock; the line ends at its term and is classified like a loan for monitoring; parallel draws never
/// overspend; another bank and another firm can neither see nor touch it; every step is in the transparency log.
@Suite struct CreditLineTests {
    static let limitCents = 50_000_000

    /// A table by grade covering the whole scale: ¥500,000 at 3.80–4.20 % for 12 months.
    static func gradeTable() -> [String: Any] {
        ["basis": "grade", "ceiling": 1.0, "bands": GradeScale.defaultGrades.map {
            ["grade": $0, "maxLimitCents": limitCents, "minRateBasisPoints": 380, "maxRateBasisPoints": 420, "termMonths": 12] as [String: Any]
        }]
    }

    static func run(_ app: Application, _ token: String, product: Int64, validUntil: Day, recommended: Bool = false,
                    extra: [String: Any] = [:]) async throws -> Reply {
        var body: [String: Any] = ["productId": product, "validUntil": validUntil.description, "requireRecommended": recommended,
                                   "source": "scorecard", "table": gradeTable()]
        body.merge(extra) { $1 }
        return try await post(app, "/api/v1/preapproval/runs", token: token, body)
    }

    static func array(_ reply: Reply) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [[String: Any]])
    }

    /// The marketplace fixtures (firms A and B evaluated, with enterprise accounts), firm B on a court's dishonesty list,
    /// and the platform on a test clock.
    static func world(_ app: Application) async throws -> (MarketFixtures, TestClock) {
        let f = try await MarketplaceAPITests.setUp(app)
        try await upload(app, "judicial.dishonest", """
            record_id,uscc,case_no,listed_on,removed_on,obligation
            DF1,\(SampleFiles.firmB),（2026）辽0211执1号,\(Day.today().adding(days: -10).description),,给付货款

            """, token: f.base.courtToken)
        let clock = TestClock(Day.today().description)
        app.platform = app.platform.on(clock.clock)
        return (f, clock)
    }

    static func logEntries(_ app: Application) async throws -> [LogEntry] {
        let checkpoint = try await app.signLogCheckpoint()
        return try await app.logStore.entries(from: 0, to: checkpoint.size).map { try LogEntry(canonicalBytes: Array($0.entry.utf8)) }
    }

    @Test(arguments: Backend.allCases)
    func aRunOffersCreditOnlyToEligibleFirmsWithReasons(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let (f, clock) = try await Self.world(app)
            let today = clock.clock.today
            let reply = try await Self.run(app, f.bankAToken, product: f.autoProductID, validUntil: today.adding(days: 30))
            #expect(reply.status == .created, "\(reply.body)")
            let run = try reply.json()
            let runID = try #require(run["id"] as? Int)
            // Firm B is on a dishonesty list: no offer; firm A gets one.
            #expect(run["universe"] as? Int == 2)
            #expect(run["offers"] as? Int == 1)
            #expect((run["excluded"] as? [String: Any])?["失信或黑名单"] as? Int == 1)
            let page = try await send(app, .GET, "/api/v1/preapproval/runs/\(runID)/offers", token: f.bankAToken).json()
            let offer = try #require((page["items"] as? [[String: Any]])?.first)
            #expect(offer["uscc"] as? String == SampleFiles.firmA)
            #expect(offer["limitCents"] as? Int == Self.limitCents)
            let rate = try #require(offer["rateBasisPoints"] as? Int)
            #expect((380...420).contains(rate))
            let reasons = offer["reasons"] as? [String] ?? []
            #expect(reasons.first?.hasPrefix("违约概率") == true && reasons.first?.contains("银行评分卡") == true, "\(reasons)")
            #expect(reasons.contains { $0.hasPrefix("信用等级") && $0.contains("最高额度 50万元") }, "\(reasons)")
            #expect(!page.description.contains("score"), "the bank sees offers, not features")

            // The firms: A sees it, B has none.
            #expect(try Self.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken)).count == 1)
            #expect(try Self.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmBToken)).isEmpty)

            // Another bank sees neither the run nor its offers, and cannot run on bank A's product.
            #expect(try await send(app, .GET, "/api/v1/preapproval/runs/\(runID)/offers", token: f.bankBToken).status == .notFound)
            #expect(try Self.array(try await send(app, .GET, "/api/v1/preapproval/runs", token: f.bankBToken)).isEmpty)
            #expect(try await Self.run(app, f.bankBToken, product: f.autoProductID, validUntil: today.adding(days: 30)).status == .notFound)
            // A table outside the product's rates is refused; a firm cannot run pre-approval.
            var bad = Self.gradeTable()
            bad["bands"] = [["grade": "A", "maxLimitCents": 100, "minRateBasisPoints": 100, "maxRateBasisPoints": 420, "termMonths": 12]]
            #expect(try await Self.run(app, f.bankAToken, product: f.autoProductID, validUntil: today, extra: ["table": bad]).status
                    == .unprocessableEntity)
            #expect(try await Self.run(app, f.firmAToken, product: f.autoProductID, validUntil: today).status == .forbidden)

            // Only the 推荐清单: firm A is not on it, so nobody; the earlier offer is superseded.
            let listed = try await Self.run(app, f.bankAToken, product: f.autoProductID, validUntil: today.adding(days: 30), recommended: true).json()
            #expect(listed["offers"] as? Int == 0)
            #expect((listed["excluded"] as? [String: Any])?["不在推荐清单"] as? Int == 1)
            #expect(try Self.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken)).isEmpty)
            // Once firm A is on the list, it is offered again.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("""
                INSERT INTO recommendation_entries (uscc, status, source, referrer, detail, created_at, updated_at)
                VALUES (\(bind: SampleFiles.firmA), 'listed', 'test', 'test', '{}', 0, 0)
                """).run()
            let again = try await Self.run(app, f.bankAToken, product: f.autoProductID, validUntil: today.adding(days: 30), recommended: true).json()
            #expect(again["offers"] as? Int == 1)

            // From a joint model's file, priced by probability band: firm A at 1 %.
            let uploaded = try await Self.run(app, f.bankAToken, product: f.autoProductID, validUntil: today.adding(days: 30), extra: [
                "source": "uploaded", "probabilitiesCsv": "uscc,probability\n\(SampleFiles.firmA),0.01\n\(SampleFiles.firmB),0.001\n",
                "table": ["basis": "probability", "ceiling": 0.05, "bands": [
                    ["upTo": 0.005, "maxLimitCents": 80_000_000, "minRateBasisPoints": 380, "maxRateBasisPoints": 400, "termMonths": 12],
                    ["upTo": 0.05, "maxLimitCents": 30_000_000, "minRateBasisPoints": 400, "maxRateBasisPoints": 480, "termMonths": 12],
                ]]])
            #expect(uploaded.status == .created, "\(uploaded.body)")
            let uploadedID = try #require(try uploaded.json()["id"] as? Int)
            let priced = try #require((try await send(app, .GET, "/api/v1/preapproval/runs/\(uploadedID)/offers", token: f.bankAToken)
                .json()["items"] as? [[String: Any]])?.first)
            #expect(priced["probabilityPpm"] as? Int == 10_000)
            #expect(priced["limitCents"] as? Int == 30_000_000)
            // 400 + 80 × (10,000 − 5,000) / (50,000 − 5,000) = 408.9 → 409 bp.
            #expect(priced["rateBasisPoints"] as? Int == 409)

            // The bank's pages: the runs, one run's offers, the CSV export.
            var browser = ConsoleTests.Browser(app: app)
            #expect(try await browser.signIn("banka-admin").status == .seeOther)
            let runsPage = try await browser.get("/bank/preapprovals")
            #expect(runsPage.status == .ok && runsPage.body.contains("预授信批次（4）"))
            let runPage = try await browser.get("/bank/preapprovals/\(uploadedID)")
            #expect(runPage.status == .ok && runPage.body.contains("大连海韵科技有限公司") && !runPage.body.contains("大连北港物流"))
            let csv = try await browser.get("/bank/preapprovals/\(uploadedID)/offers.csv")
            #expect(csv.status == .ok && csv.body.contains(SampleFiles.firmA) && csv.body.contains("统一社会信用代码,企业名称"))
            #expect(try await browser.get("/bank/preapprovals/\(runID)/offers.csv").status == .ok)
            var other = ConsoleTests.Browser(app: app)
            _ = try await other.signIn("bankb-admin")
            #expect(try await other.get("/bank/preapprovals/\(uploadedID)/offers.csv").status == .notFound)

            // Each run is one log entry carrying its offers' digest.
            let entries = try await Self.logEntries(app).filter { $0.attributes["application"] == "preapproval-run:\(uploadedID)" }
            #expect(entries.count == 1)
            #expect(entries.first?.kind == .applicationDecision)
            #expect(entries.first?.attributes["offersDigest"] == (try uploaded.json()["offersDigest"] as? String))
        }
    }

    @Test(arguments: Backend.allCases)
    func anAcceptedOfferIsARevolvingLineWithDailyInterest(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let (f, clock) = try await Self.world(app)
            let start = clock.clock.today
            _ = try await Self.run(app, f.bankAToken, product: f.autoProductID, validUntil: start.adding(days: 10))
            let offers = try Self.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken))
            let offerID = try #require(offers.first?["id"] as? Int)

            // The dashboard says so, with the amount, rate range and term; accepting is a confirmed, non-primary action.
            var browser = ConsoleTests.Browser(app: app)
            #expect(try await browser.signIn("firm-a").status == .seeOther)
            let home = try await browser.get("/firm")
            #expect(home.body.contains("您有预授信额度") && home.body.contains("50.00万元") && home.body.contains("3.80%–4.20%")
                    && home.body.contains("12 个月"))
            #expect(home.body.contains("接受额度") && home.body.contains("data-confirm"))

            let accepted = try await send(app, .POST, "/api/v1/preapproval/offers/\(offerID)/accept", token: f.firmAToken)
            #expect(accepted.status == .created, "\(accepted.body)")
            let line = try accepted.json()
            let lineID = try #require(line["id"] as? Int)
            let rate = try #require(line["rateBasisPoints"] as? Int)
            #expect(line["availableCents"] as? Int == Self.limitCents && line["dayCount"] as? String == "ACT/360")
            #expect(try await send(app, .POST, "/api/v1/preapproval/offers/\(offerID)/accept", token: f.firmAToken).status == .conflict)
            #expect(try Self.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken)).isEmpty)

            // Draw ¥100,000: the draw has its own id, the limit shrinks.
            let draw = try await post(app, "/api/v1/credit-lines/\(lineID)/draws", token: f.firmAToken, ["amountCents": 10_000_000])
            #expect(draw.status == .created, "\(draw.body)")
            #expect((try draw.json()["entryId"] as? Int ?? 0) > 0)
            #expect((try draw.json()["line"] as? [String: Any])?["availableCents"] as? Int == Self.limitCents - 10_000_000)
            #expect(try await post(app, "/api/v1/credit-lines/\(lineID)/draws", token: f.firmAToken,
                                   ["amountCents": Self.limitCents]).status == .conflict)

            // Thirty days later: ACT/360 on ¥100,000, rounded once to the cent.
            clock.set(start.adding(days: 30).description)
            let later = try await send(app, .GET, "/api/v1/credit-lines/\(lineID)", token: f.firmAToken).json()
            let expected = (10_000_000 * rate * 30 * 2 + 3_600_000) / (2 * 3_600_000)
            #expect(later["interestCents"] as? Int == expected)
            // Repay everything: interest first, then principal; the whole limit is available again.
            let repay = try await post(app, "/api/v1/credit-lines/\(lineID)/repayments", token: f.firmAToken, ["amountCents": 10_000_000 + expected])
            #expect(repay.status == .created, "\(repay.body)")
            #expect(try repay.json()["interestCents"] as? Int == expected)
            let restored = try #require(try repay.json()["line"] as? [String: Any])
            #expect(restored["availableCents"] as? Int == Self.limitCents && restored["drawnCents"] as? Int == 0
                    && restored["interestCents"] as? Int == 0)

            // Another bank and another firm can neither see nor touch it.
            #expect(try await send(app, .GET, "/api/v1/credit-lines/\(lineID)", token: f.bankBToken).status == .notFound)
            #expect(try await post(app, "/api/v1/credit-lines/\(lineID)/draws", token: f.firmBToken, ["amountCents": 100]).status == .notFound)
            #expect(try await send(app, .GET, "/api/v1/credit-lines", token: f.bankBToken).json()["total"] as? Int == 0)
            #expect(try await send(app, .GET, "/api/v1/credit-lines", token: f.bankAToken).json()["total"] as? Int == 1)

            // Draw again, then the term ends: no draws from the maturity day, the rest is due and goes overdue.
            #expect(try await post(app, "/api/v1/credit-lines/\(lineID)/draws", token: f.firmAToken, ["amountCents": 5_000_000]).status == .created)
            let maturesOn = try #require(Day(iso: line["maturesOn"] as? String ?? ""))
            clock.set(maturesOn.description)
            let ended = try await post(app, "/api/v1/credit-lines/\(lineID)/draws", token: f.firmAToken, ["amountCents": 100])
            #expect(ended.status == .conflict && ended.body.contains("到期"))
            clock.set(maturesOn.adding(days: 100).description)
            try await MarketActions.reclassifyLoans(app.services)
            let overdue = try await send(app, .GET, "/api/v1/credit-lines/\(lineID)", token: f.bankAToken).json()
            #expect(overdue["overdueDays"] as? Int == 100 && overdue["classification"] as? String == "substandard"
                    && overdue["status"] as? String == "matured")
            // Post-loan monitoring reads the line as it reads loans: bank A is its lender, the class is 次级.
            let reads = MonitoringReads(database: app.db)
            let open = try await reads.openLoans(usccs: [SampleFiles.firmA])[SampleFiles.firmA] ?? []
            #expect(open.contains { $0.classification == .substandard && $0.overdueDays == 100 })
            let recipients = try await reads.recipients(on: clock.clock.today, usccs: [SampleFiles.firmA])[SampleFiles.firmA] ?? []
            #expect(recipients.contains { $0.institutionID == f.bankA.id && $0.relation == .loan })

            // The firm's page shows the line, its interest so far and the repay form (no draw form after maturity).
            let page = try await browser.get("/firm/credit-lines")
            #expect(page.body.contains("循环额度 #\(lineID)") && page.body.contains("截至今日应计利息") && page.body.contains("还款")
                    && !page.body.contains("提款金额"))

            // Every step is a log entry about the line.
            let statuses = try await Self.logEntries(app).filter { $0.attributes["loan"] == "line:\(lineID)" }.map { $0.attributes["status"] ?? "" }
            #expect(statuses.starts(with: ["line_opened", "line_draw", "line_repayment", "line_draw"]), "\(statuses)")
            #expect(statuses.contains("line_classification"))
        }
    }

    @Test(arguments: Backend.allCases)
    func offersExpire(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let (f, clock) = try await Self.world(app)
            let start = clock.clock.today
            _ = try await Self.run(app, f.bankAToken, product: f.autoProductID, validUntil: start.adding(days: 2))
            let offerID = try #require(try Self.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken)).first?["id"] as? Int)
            clock.set(start.adding(days: 2).description)
            #expect(try Self.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken)).count == 1, "valid through its last day")
            clock.set(start.adding(days: 3).description)
            #expect(try Self.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken)).isEmpty)
            let late = try await send(app, .POST, "/api/v1/preapproval/offers/\(offerID)/accept", token: f.firmAToken)
            #expect(late.status == .conflict && late.body.contains("过期"))
            var browser = ConsoleTests.Browser(app: app)
            _ = try await browser.signIn("firm-a")
            #expect(!(try await browser.get("/firm")).body.contains("您有预授信额度"))
        }
    }

    @Test(arguments: Backend.allCases)
    func parallelDrawsNeverExceedTheLimit(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let (f, clock) = try await Self.world(app)
            _ = try await Self.run(app, f.bankAToken, product: f.autoProductID, validUntil: clock.clock.today.adding(days: 10))
            let offerID = try #require(try Self.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken)).first?["id"] as? Int)
            let lineID = try #require(try await send(app, .POST, "/api/v1/preapproval/offers/\(offerID)/accept", token: f.firmAToken).json()["id"] as? Int)
            // Eight draws of ¥200,000 at once against ¥500,000: exactly two can stand.
            let firm = Principal(name: "firm-a", displayName: "王伟", role: .enterprise, department: nil, uscc: SampleFiles.firmA)
            let services: ServiceContext = app.services
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await CreditLines.draw(services, firm, lineID: Int64(lineID), amount: Cents(20_000_000))
                            return true
                        } catch let error as DomainError {
                            guard case .conflict = error else { throw error }
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 2)
            let line = try await send(app, .GET, "/api/v1/credit-lines/\(lineID)", token: f.firmAToken).json()
            #expect(line["drawnCents"] as? Int == 40_000_000)
            #expect((line["entries"] as? [[String: Any]])?.count == 2)
        }
    }
}
