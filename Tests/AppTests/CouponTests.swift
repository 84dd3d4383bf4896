import App
import Domain
import Fluent
import FluentKit
import Foundation
import Persistence
import Services
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// Digital credit coupons (issue 15 §3) over the API, on both databases: a programme as versioned data, issued only to
/// firms its criteria admit and never beyond the per-firm number, attached only to an application to a participating
/// product, redeemed at disbursement at the rate after the cut (the budget charged with the estimate), settled with the
/// lender against the loan's own ledger to the cent, expired past its day, never overspent by parallel disbursements,
/// and every step a transparency-log entry.
@Suite struct CouponTests {
    struct World { let f: MarketFixtures; let clock: TestClock; let today: Day }

    static func world(_ app: Application) async throws -> World {
        let f = try await MarketplaceAPITests.setUp(app)
        let today = Day.today()
        let clock = TestClock(today.description)
        app.platform = app.platform.on(clock.clock)
        for token in [f.firmAToken, f.firmBToken] {
            #expect(try await post(app, "/api/v1/commitments", token: token, ["signer": "王伟"]).status == .created)
            _ = try await post(app, "/api/v1/authorisations", token: token, [
                "categories": ["tax"], "purposes": ["loan_application", "post_loan"], "validUntil": today.adding(days: 365).description])
        }
        return World(f: f, clock: clock, today: today)
    }

    /// A programme saved through the API: 0.20 points off for firms in industry `I` (firm A; firm B is in `G`).
    static func programme(_ app: Application, _ w: World, code: String = "dl-rate", budgetCents: Int64 = 100_000_000,
                          face: [String: Any] = ["faceKind": "rate_cut", "faceBasisPoints": 20], perFirm: Int = 1,
                          expiresIn: Int = 60, products: [Int64]? = nil) async throws -> Int {
        var body: [String: Any] = [
            "code": code, "name": "大连数字信用券", "budgetCents": budgetCents, "industries": ["I"], "perFirm": perFirm,
            "issueFrom": w.today.description, "issueUntil": w.today.adding(days: 30).description,
            "expiresOn": w.today.adding(days: expiresIn).description, "products": products ?? [w.f.manualProductID],
        ]
        body.merge(face) { _, b in b }
        let reply = try await post(app, "/api/v1/coupons/programmes", token: w.f.base.centerToken, body)
        #expect(reply.status == .created, "\(reply.body)")
        return try #require(try reply.json()["id"] as? Int)
    }

    static func array(_ reply: Reply) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [[String: Any]])
    }

    /// Firm A applies (¥120,000, 12 months, 等额本金); returns the application id.
    static func apply(_ app: Application, _ w: World, product: Int64) async throws -> Int {
        let reply = try await post(app, "/api/v1/applications", token: w.f.firmAToken, [
            "productID": product, "amountCents": 12_000_000, "termMonths": 12, "method": "equal_principal", "purpose": "扩大生产"])
        #expect(reply.status == .created, "\(reply.body)")
        return try #require((try reply.json()["application"] as? [String: Any])?["id"] as? Int)
    }

    /// Bank A accepts, approves at 4.20 %, the firm signs.
    static func approve(_ app: Application, _ w: World, _ id: Int) async throws {
        for (token, body) in [(w.f.bankAToken, ["action": "accept"] as [String: Any]),
                              (w.f.bankAToken, ["action": "approve", "amountCents": 12_000_000, "rateBasisPoints": 420, "termMonths": 12,
                                                "method": "equal_principal"]),
                              (w.f.firmAToken, ["action": "sign_contract"])] {
            let reply = try await post(app, "/api/v1/applications/\(id)/events", token: token, body)
            #expect(reply.status == .ok, "\(reply.body)")
        }
    }

    static func disburse(_ app: Application, _ w: World, _ id: Int) async throws -> Reply {
        try await post(app, "/api/v1/applications/\(id)/events", token: w.f.bankAToken, ["action": "disburse"])
    }

    static func budget(_ app: Application, _ w: World, _ programme: Int) async throws -> [String: Any] {
        let reply = try await send(app, .GET, "/api/v1/coupons/programmes/\(programme)", token: w.f.base.centerToken)
        return try #require(try reply.json()["budget"] as? [String: Any])
    }

    static func claim(_ app: Application, _ token: String, coupon: Int, cents: Int64, through: Day) async throws -> Reply {
        try await post(app, "/api/v1/coupons/\(coupon)/claims", token: token, ["amountCents": cents, "through": through.description])
    }

    @Test(arguments: Backend.allCases)
    func issuedToEligibleFirmsAttachedRedeemedAndSettledToTheCent(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let center = w.f.base.centerToken, bank = w.f.bankAToken
            #expect(try await post(app, "/api/v1/coupons/programmes", token: bank, ["code": "x"]).status == .forbidden)
            let programme = try await Self.programme(app, w)

            // Eligibility: firm B (industry G) gets none, and says why; firm A one, and no second (one per firm).
            var reply = try await post(app, "/api/v1/coupons/programmes/\(programme)/issue", token: center,
                                       ["usccs": [SampleFiles.firmA, SampleFiles.firmB]])
            #expect(reply.status == .created, "\(reply.body)")
            var issue = try reply.json()
            #expect((issue["issued"] as? [Any])?.count == 1)
            let refused = try #require(issue["refused"] as? [[String: Any]])
            #expect(refused.first?["uscc"] as? String == SampleFiles.firmB)
            #expect((refused.first?["reasons"] as? [[String: Any]])?.contains { $0["code"] as? String == "industry" } == true)
            reply = try await post(app, "/api/v1/coupons/programmes/\(programme)/issue", token: center, ["usccs": [SampleFiles.firmA]])
            issue = try reply.json()
            #expect((issue["issued"] as? [Any])?.isEmpty == true)
            #expect(reply.body.contains("per_firm"))
            reply = try await post(app, "/api/v1/coupons/programmes/\(programme)/claim", token: w.f.firmBToken, [:])
            #expect(reply.status == .conflict && reply.body.contains("行业"), "\(reply.body)")
            #expect(try Self.array(try await send(app, .GET, "/api/v1/coupons", token: w.f.firmBToken)).isEmpty)

            let wallet = try Self.array(try await send(app, .GET, "/api/v1/coupons", token: w.f.firmAToken))
            #expect(wallet.count == 1)
            #expect(wallet.first?["products"] as? [String] == ["甲行经营贷"])
            let coupon = try #require((wallet.first?["coupon"] as? [String: Any])?["id"] as? Int)
            #expect((wallet.first?["coupon"] as? [String: Any])?["status"] as? String == "held")

            // Attach only to an application to a participating product, and only the firm's own coupon.
            let other = try await Self.apply(app, w, product: w.f.autoProductID)
            reply = try await post(app, "/api/v1/coupons/\(coupon)/attach", token: w.f.firmAToken, ["applicationID": other])
            #expect(reply.status == .unprocessableEntity && reply.body.contains("适用产品"), "\(reply.body)")
            let id = try await Self.apply(app, w, product: w.f.manualProductID)
            #expect(try await post(app, "/api/v1/coupons/\(coupon)/attach", token: w.f.firmBToken, ["applicationID": id]).status == .notFound)
            reply = try await post(app, "/api/v1/coupons/\(coupon)/attach", token: w.f.firmAToken, ["applicationID": id])
            #expect(reply.status == .ok, "\(reply.body)")
            #expect(try reply.json()["status"] as? String == "attached")
            // The lender sees the coupon on the application.
            let page = try await send(app, .GET, "/bank/applications/\(id)", token: bank)
            #expect(page.status == .ok && page.body.contains("XYQ-"), "\(page.status)")

            // Redeemed at disbursement: 4.20 % approved, 4.00 % charged; the budget carries the full schedule's forgone interest.
            try await Self.approve(app, w, id)
            reply = try await Self.disburse(app, w, id)
            #expect(reply.status == .ok, "\(reply.body)")
            let loan = try #require(try await LoanStore(database: app.db).loan(applicationID: Int64(id)))
            #expect(loan.ledger.schedule.rate == AnnualRate(basisPoints: 400))
            #expect(loan.ledger.schedule.totalInterest == Cents(260_000), "12 months on ¥120,000 at 4.00 %, 等额本金")
            #expect(loan.coupon?.contractRate == AnnualRate(basisPoints: 420))
            #expect(loan.coupon?.estimatedCost == Cents(13_000), "¥2,730.00 at 4.20 % less ¥2,600.00 at 4.00 %")
            var use = try await Self.budget(app, w, programme)
            #expect(use["chargedCents"] as? Int == 13_000)
            #expect(use["redeemed"] as? Int == 1 && use["issued"] as? Int == 1)

            // Settlement against the ledger: nothing is claimable before interest is collected.
            reply = try await Self.claim(app, bank, coupon: coupon, cents: 1, through: w.today)
            #expect(reply.status == .created)
            #expect(try reply.json()["outcome"] as? String == "refused")
            // Two installments repaid on their due days: ¥20.00 + ¥18.33 forgone.
            let plan = loan.ledger.schedule.installments
            for installment in plan.prefix(2) {
                w.clock.set(installment.due.description)
                reply = try await post(app, "/api/v1/loans/\(loan.id)/repayments", token: bank,
                                       ["day": installment.due.description, "amountCents": installment.total.value])
                #expect(reply.status == .ok, "\(reply.body)")
            }
            let through = plan[1].due
            #expect(try await send(app, .GET, "/api/v1/coupons/redeemed", token: bank).body.contains("\"claimableCents\":3833"))
            reply = try await Self.claim(app, bank, coupon: coupon, cents: 3_834, through: through)
            var claim = try reply.json()
            #expect(claim["outcome"] as? String == "refused")
            #expect(claim["entitledCents"] as? Int == 3_833)
            #expect((claim["reason"] as? String ?? "").contains("超过"), "\(claim)")
            reply = try await Self.claim(app, w.f.bankBToken, coupon: coupon, cents: 3_833, through: through)
            #expect(reply.status == .notFound)
            claim = try await Self.claim(app, bank, coupon: coupon, cents: 3_833, through: through).json()
            #expect(claim["outcome"] as? String == "accepted", "\(claim)")
            claim = try await Self.claim(app, bank, coupon: coupon, cents: 1, through: through).json()
            #expect(claim["outcome"] as? String == "refused", "what was settled is not paid twice")
            let claims = try await send(app, .GET, "/api/v1/coupons/claims", token: bank).json()
            #expect(claims["total"] as? Int == 4)
            #expect(try await send(app, .GET, "/api/v1/coupons/claims", token: w.f.bankBToken).json()["total"] as? Int == 0)
            use = try await Self.budget(app, w, programme)
            #expect(use["settledCents"] as? Int == 3_833)
            // The three pages, live: the credit center's budget use, the firm's wallet, the lender's claims.
            let console = try await send(app, .GET, "/console/coupons", token: center)
            #expect(console.status == .ok && console.body.contains("大连数字信用券") && console.body.contains("预算使用"))
            let firmPage = try await send(app, .GET, "/firm/coupons", token: w.f.firmAToken)
            #expect(firmPage.status == .ok && firmPage.body.contains("XYQ-") && firmPage.body.contains("券后 4.00%"))
            let bankPage = try await send(app, .GET, "/bank/coupons", token: bank)
            #expect(bankPage.status == .ok && bankPage.body.contains("不予核准") && bankPage.body.contains("已核准"))
            #expect(try await send(app, .GET, "/bank/coupons", token: w.f.bankBToken).body.contains("XYQ-") == false)

            // Every step is a 数字信用券 entry in the transparency log, naming no firm.
            _ = try await LogSequencer(database: app.db).sequenceAll()
            let sql = try #require(app.db as? any SQLDatabase)
            struct Row: Decodable { let entry: String }
            let entries = try await sql.raw("SELECT entry FROM tlog_entries").all(decoding: Row.self).map(\.entry)
                .filter { $0.contains("\"kind\":\"coupon\"") }
            for step in ["version_saved", "issued", "attached", "redeemed", "claim_refused", "claim_accepted"] {
                #expect(entries.contains { $0.contains("\"step\":\"\(step)\"") }, "no \(step) entry")
            }
            #expect(!entries.contains { $0.contains(SampleFiles.firmA) })
        }
    }

    @Test(arguments: Backend.allCases)
    func anExpiredCouponIsNotRedeemedAndTheDailyJobRecordsIt(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let programme = try await Self.programme(app, w, perFirm: 2, expiresIn: 40)
            for _ in 0..<2 {
                #expect(try await post(app, "/api/v1/coupons/programmes/\(programme)/claim", token: w.f.firmAToken, [:]).status == .created)
            }
            let wallet = try Self.array(try await send(app, .GET, "/api/v1/coupons", token: w.f.firmAToken))
            let coupons = wallet.compactMap { ($0["coupon"] as? [String: Any])?["id"] as? Int }.sorted()
            #expect(coupons.count == 2)
            let id = try await Self.apply(app, w, product: w.f.manualProductID)
            #expect(try await post(app, "/api/v1/coupons/\(coupons[0])/attach", token: w.f.firmAToken, ["applicationID": id]).status == .ok)
            try await Self.approve(app, w, id)

            // The day after expiry: both read as expired; neither can be attached; disbursement keeps the approved rate.
            w.clock.set(w.today.adding(days: 41).description)
            let later = try Self.array(try await send(app, .GET, "/api/v1/coupons", token: w.f.firmAToken))
            #expect(later.allSatisfy { ($0["coupon"] as? [String: Any])?["status"] as? String == "expired" })
            #expect(try await post(app, "/api/v1/coupons/\(coupons[1])/attach", token: w.f.firmAToken, ["applicationID": id]).status == .conflict)
            #expect(try await Self.disburse(app, w, id).status == .ok)
            let loan = try #require(try await LoanStore(database: app.db).loan(applicationID: Int64(id)))
            #expect(loan.ledger.schedule.rate == AnnualRate(basisPoints: 420))
            #expect(loan.coupon == nil)
            let use = try await Self.budget(app, w, programme)
            #expect(use["chargedCents"] as? Int == 0 && use["expired"] as? Int == 2)
            // The daily job writes down the one still stored as held (the other was recorded at disbursement).
            #expect(try await CouponProgrammes.recordExpired(app.services) == 1)
            #expect(try await CouponProgrammes.recordExpired(app.services) == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func aShareOfInterestCouponCutsTheRateWithinItsCapAndItsSettlementReleasesTheRest(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            // 10 % of the interest, at most ¥200.00: 0.42 points would forgo ¥273.00, so the cut is 0.30 points (¥195.00).
            let programme = try await Self.programme(app, w, face: ["faceKind": "interest_share", "faceBasisPoints": 1_000, "capCents": 20_000])
            let coupon = try #require((try await post(app, "/api/v1/coupons/programmes/\(programme)/claim", token: w.f.firmAToken, [:])
                .json())["id"] as? Int)
            let id = try await Self.apply(app, w, product: w.f.manualProductID)
            #expect(try await post(app, "/api/v1/coupons/\(coupon)/attach", token: w.f.firmAToken, ["applicationID": id]).status == .ok)
            try await Self.approve(app, w, id)
            #expect(try await Self.disburse(app, w, id).status == .ok)
            let loan = try #require(try await LoanStore(database: app.db).loan(applicationID: Int64(id)))
            #expect(loan.ledger.schedule.rate == AnnualRate(basisPoints: 390))
            #expect(loan.coupon?.estimatedCost == Cents(19_500))
            #expect(try await Self.budget(app, w, programme)["chargedCents"] as? Int == 19_500)

            // The firm pays the loan off on the day: only month 1's interest was charged (¥390.00 instead of ¥420.00).
            // Settling those ¥30.00 settles the coupon, and the rest of the estimate goes back to the budget.
            let payoff = loan.ledger.payoffAmount(asOf: w.today)
            #expect(try await post(app, "/api/v1/loans/\(loan.id)/repayments", token: w.f.bankAToken,
                                   ["day": w.today.description, "amountCents": payoff.value]).status == .ok)
            let claim = try await Self.claim(app, w.f.bankAToken, coupon: coupon, cents: 3_000, through: w.today).json()
            #expect(claim["outcome"] as? String == "accepted", "\(claim)")
            let mine = try Self.array(try await send(app, .GET, "/api/v1/coupons", token: w.f.firmAToken))
            #expect((mine.first?["coupon"] as? [String: Any])?["status"] as? String == "settled")
            let use = try await Self.budget(app, w, programme)
            #expect(use["chargedCents"] as? Int == 3_000 && use["settled"] as? Int == 1 && use["settledCents"] as? Int == 3_000)
            #expect(try await Self.claim(app, w.f.bankAToken, coupon: coupon, cents: 1, through: w.today).status == .conflict)
        }
    }

    @Test(arguments: Backend.allCases)
    func parallelDisbursementsNeverOverspendTheBudget(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            // Ten products of bank A, ten applications of firm A each with a coupon; budget for exactly three (¥130.00 each).
            let products = ProductStore(database: app.db)
            var productIDs: [Int64] = []
            for n in 1...10 {
                let p = try await products.save(LoanProduct(
                    id: "", institutionID: String(w.f.bankA.id), name: "甲行信用券产品\(n)", type: .pureCredit,
                    amountRange: AmountRange(minYuan: 10_000, maxYuan: 1_000_000), rateRange: RateRange(minBasisPoints: 350, maxBasisPoints: 500),
                    termRange: TermRange(minMonths: 3, maxMonths: 36), repaymentMethods: RepaymentMethod.allCases, status: .online))
                productIDs.append(try #require(Int64(p.id)))
            }
            let programme = try await Self.programme(app, w, budgetCents: 39_000, perFirm: 10, products: [])
            var applications: [Int] = []
            for product in productIDs {
                let coupon = try #require((try await post(app, "/api/v1/coupons/programmes/\(programme)/claim", token: w.f.firmAToken, [:])
                    .json())["id"] as? Int)
                let id = try await Self.apply(app, w, product: product)
                #expect(try await post(app, "/api/v1/coupons/\(coupon)/attach", token: w.f.firmAToken, ["applicationID": id]).status == .ok)
                try await Self.approve(app, w, id)
                applications.append(id)
            }
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for id in applications { group.addTask { try await Self.disburse(app, w, id).status.code } }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
            var redeemed = 0
            for id in applications {
                let loan = try #require(try await LoanStore(database: app.db).loan(applicationID: Int64(id)))
                if loan.coupon != nil {
                    redeemed += 1
                    #expect(loan.ledger.schedule.rate == AnnualRate(basisPoints: 400))
                } else {
                    #expect(loan.ledger.schedule.rate == AnnualRate(basisPoints: 420))
                }
            }
            #expect(redeemed == 3)
            let use = try await Self.budget(app, w, programme)
            #expect(use["chargedCents"] as? Int == 39_000)
            #expect(use["redeemed"] as? Int == 3 && use["held"] as? Int == 7, "the others went back to the wallet")
        }
    }
}
