import App
import Domain
import Foundation
import Services
import Testing
import TestSupport
import VaporTesting

/// Default feedback (issue 12 §3) over the API, on both databases: a lender reports an overdue platform loan, the
/// firm is notified at once with a cure period; paying within it records nothing, not paying puts the report into
/// the firm's credit data (重点关注名单) the day after the period; only the lender reports, only the parties read.
@Suite struct DefaultFeedbackTests {
    struct World { let f: MarketFixtures; let clock: TestClock; let loanID: Int; let firstInstallment: [String: Any] }

    /// Firm A's loan from bank A, disbursed 40 days ago: the first installment is 10 days overdue.
    static func world(_ app: Application) async throws -> World {
        let f = try await MarketplaceAPITests.setUp(app)
        let now = moveClock(app, to: Day.today().adding(days: -40))
        #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
        _ = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
            "categories": ["tax"], "purposes": ["loan_application", "post_loan"], "validUntil": Day.today().adding(days: 365).description])
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
        // Today's daily classification: the first installment is 10 days overdue.
        try await MarketActions.reclassifyLoans(app.services)
        let loans = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/loans", token: f.bankAToken).body.utf8)) as? [[String: Any]] ?? []
        let loan = try #require(loans.first)
        let schedule = try #require((loan["ledger"] as? [String: Any])?["schedule"] as? [String: Any])
        let clock = TestClock(Day.today().description)
        app.platform = app.platform.on(clock.clock)
        return World(f: f, clock: clock, loanID: try #require(loan["id"] as? Int),
                     firstInstallment: try #require((schedule["installments"] as? [[String: Any]])?.first))
    }

    static func report(_ app: Application, _ w: World) async throws -> [String: Any] {
        #expect(try await post(app, "/api/v1/loans/\(w.loanID)/default-report", token: w.f.bankBToken, [:]).status == .notFound)
        #expect(try await post(app, "/api/v1/loans/\(w.loanID)/default-report", token: w.f.firmAToken, [:]).status == .forbidden)
        let reply = try await post(app, "/api/v1/loans/\(w.loanID)/default-report", token: w.f.bankAToken, [:])
        #expect(reply.status == .created, "\(reply.body)")
        let report = try reply.json()
        #expect(report["status"] as? String == "pending")
        #expect(try await post(app, "/api/v1/loans/\(w.loanID)/default-report", token: w.f.bankAToken, [:]).status == .conflict)
        let seen = try await send(app, .GET, "/api/v1/default-reports", token: w.f.firmAToken).json()
        #expect(seen["total"] as? Int == 1)
        #expect(try await send(app, .GET, "/api/v1/default-reports", token: w.f.bankBToken).json()["total"] as? Int == 0)
        return report
    }

    static func watchListed(_ app: Application, _ w: World) async throws -> Bool {
        try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)", token: w.f.base.centerToken).body.contains("金融机构报送逾期未履行")
    }

    @Test(arguments: Backend.allCases)
    func payingWithinTheCurePeriodRecordsNothing(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let report = try await Self.report(app, w)
            let deadline = try #require(Day(iso: report["deadline"] as? String ?? ""))
            #expect(deadline > Day.today())
            // The firm pays the overdue installment on the deadline day itself.
            w.clock.set(deadline.description)
            let amount = (w.firstInstallment["principal"] as? Int ?? 0) + (w.firstInstallment["interest"] as? Int ?? 0)
            #expect(try await post(app, "/api/v1/loans/\(w.loanID)/repayments", token: w.f.bankAToken,
                                   ["day": deadline.description, "amountCents": amount]).status == .ok)
            #expect(try await DefaultReports.settleDue(app.services) == (0, 0), "nothing is settled before the period ends")
            w.clock.set(deadline.adding(days: 1).description)
            #expect(try await DefaultReports.settleDue(app.services) == (1, 0))
            let settled = try #require((try await send(app, .GET, "/api/v1/default-reports", token: w.f.bankAToken).json()["items"] as? [[String: Any]])?.first)
            #expect(settled["status"] as? String == "cured" && settled["curedOn"] as? String == deadline.description)
            #expect(try await Self.watchListed(app, w) == false)
        }
    }

    @Test(arguments: Backend.allCases)
    func notPayingPutsTheReportIntoTheCreditDataAfterThePeriod(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let report = try await Self.report(app, w)
            let deadline = try #require(Day(iso: report["deadline"] as? String ?? ""))
            w.clock.set(deadline.adding(days: 1).description)
            #expect(try await DefaultReports.settleDue(app.services) == (0, 1))
            let settled = try #require((try await send(app, .GET, "/api/v1/default-reports", token: w.f.firmAToken).json()["items"] as? [[String: Any]])?.first)
            #expect(settled["status"] as? String == "recorded" && settled["recordedOn"] as? String == deadline.adding(days: 1).description)
            #expect(try await Self.watchListed(app, w))
            #expect(try await DefaultReports.settleDue(app.services) == (0, 0), "settled once")
        }
    }
}
