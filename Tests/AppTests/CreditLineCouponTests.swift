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

/// Digital credit coupons on revolving lines' draws (issue 15 §3 with §2), on both databases: the firm chooses a coupon
/// when it draws; the coupon is attached to the draw and redeemed in the draw's unit of work (the budget charged with the
/// cut on the whole amount to maturity); the draw's outstanding principal is charged the line's rate less the cut, day by
/// day, draws repaid oldest first; the lender's claims are checked against the line's ledger to the cent; the coupon is
/// settled when its draw is repaid and claimed, and the rest of the estimate goes back to the budget; parallel draws never
/// overspend the budget.
@Suite struct CreditLineCouponTests {
    /// Firm A's line on the auto-approval product (opened today) and the coupon fixtures' world on the same clock.
    static func world(_ app: Application) async throws -> (CouponTests.World, lineID: Int, rate: Int, maturesOn: Day) {
        let (f, clock) = try await CreditLineTests.world(app)
        let today = clock.clock.today
        #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
        _ = try await CreditLineTests.run(app, f.bankAToken, product: f.autoProductID, validUntil: today.adding(days: 10))
        let offerID = try #require(try CreditLineTests.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken))
            .first?["id"] as? Int)
        let line = try await send(app, .POST, "/api/v1/preapproval/offers/\(offerID)/accept", token: f.firmAToken).json()
        let lineID = try #require(line["id"] as? Int), rate = try #require(line["rateBasisPoints"] as? Int)
        let maturesOn = try #require(Day(iso: line["maturesOn"] as? String ?? ""))
        return (CouponTests.World(f: f, clock: clock, today: today), lineID, rate, maturesOn)
    }

    /// Cents of a 计息积数 (cents × basis points × days), rounded half up as `DayCount` does.
    static func interest(_ product: Int) -> Int { (product * 2 + 3_600_000) / (2 * 3_600_000) }

    static func draw(_ app: Application, _ w: CouponTests.World, line: Int, cents: Int, coupon: Int? = nil) async throws -> Reply {
        var body: [String: Any] = ["amountCents": cents]
        if let coupon { body["couponId"] = coupon }
        return try await post(app, "/api/v1/credit-lines/\(line)/draws", token: w.f.firmAToken, body)
    }

    /// Firm A's coupon ids of `programme`, oldest first (it claims `count` of them).
    static func coupons(_ app: Application, _ w: CouponTests.World, programme: Int, count: Int) async throws -> [Int] {
        for _ in 0..<count {
            let reply = try await post(app, "/api/v1/coupons/programmes/\(programme)/claim", token: w.f.firmAToken, [:])
            #expect(reply.status == .created, "\(reply.body)")
        }
        return try CouponTests.array(try await send(app, .GET, "/api/v1/coupons", token: w.f.firmAToken))
            .compactMap { $0["coupon"] as? [String: Any] }
            .filter { $0["programmeID"] as? Int == programme }
            .compactMap { $0["id"] as? Int }.sorted()
    }

    static func coupon(_ app: Application, _ w: CouponTests.World, _ id: Int) async throws -> [String: Any] {
        let wallet = try CouponTests.array(try await send(app, .GET, "/api/v1/coupons", token: w.f.firmAToken))
        return try #require(wallet.compactMap { $0["coupon"] as? [String: Any] }.first { $0["id"] as? Int == id })
    }

    @Test(arguments: Backend.allCases)
    func aCouponOnADrawCutsItsInterestAndIsSettledAgainstTheLinesLedger(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let (w, lineID, rate, maturesOn) = try await Self.world(app)
            let bank = w.f.bankAToken
            let programme = try await CouponTests.programme(app, w, code: "dl-line", perFirm: 2, expiresIn: 90, products: [w.f.autoProductID])
            let ids = try await Self.coupons(app, w, programme: programme, count: 1)
            let coupon = try #require(ids.first)
            // A coupon of a programme for another product is refused on this line, and nothing is drawn.
            let elsewhere = try await CouponTests.programme(app, w, code: "dl-manual", products: [w.f.manualProductID])
            let foreign = try #require(try await Self.coupons(app, w, programme: elsewhere, count: 1).first)
            var reply = try await Self.draw(app, w, line: lineID, cents: 10_000_000, coupon: foreign)
            #expect(reply.status == .unprocessableEntity && reply.body.contains("适用产品"), "\(reply.body)")

            // Day 0: ¥100,000 with the coupon (0.20 points off this draw to maturity); the budget carries the estimate.
            reply = try await Self.draw(app, w, line: lineID, cents: 10_000_000, coupon: coupon)
            #expect(reply.status == .created, "\(reply.body)")
            let drawID = try #require(try reply.json()["entryId"] as? Int)
            #expect(try reply.json()["couponId"] as? Int == coupon && reply.json()["couponCutBasisPoints"] as? Int == 20)
            let estimate = Self.interest(10_000_000 * 20 * w.today.days(until: maturesOn))
            var use = try await CouponTests.budget(app, w, programme)
            #expect(use["chargedCents"] as? Int == estimate && use["redeemed"] as? Int == 1)
            let redeemed = try await Self.coupon(app, w, coupon)
            #expect(redeemed["status"] as? String == "redeemed")
            #expect((redeemed["target"] as? [String: Any])?["kind"] as? String == "draw"
                    && (redeemed["target"] as? [String: Any])?["id"] as? Int == drawID)
            let redemption = try #require(redeemed["redemption"] as? [String: Any])
            #expect(redemption["lineID"] as? Int == lineID && redemption["drawID"] as? Int == drawID
                    && redemption["rateBasisPoints"] as? Int == rate - 20 && redemption["estimatedCostCents"] as? Int == estimate)
            // Used once only.
            reply = try await Self.draw(app, w, line: lineID, cents: 100, coupon: coupon)
            #expect(reply.status == .conflict && reply.body.contains("已核销"), "\(reply.body)")

            // Day 10: ¥50,000 without a coupon. Day 30: repay ¥80,000. Interest: the line's rate on the balance, less
            // 0.20 points on the coupon draw for 30 days.
            w.clock.set(w.today.adding(days: 10).description)
            #expect(try await Self.draw(app, w, line: lineID, cents: 5_000_000).status == .created)
            w.clock.set(w.today.adding(days: 30).description)
            let gross1 = Self.interest(10_000_000 * rate * 10 + 15_000_000 * rate * 20)
            let forgone1 = Self.interest(10_000_000 * 20 * 30)
            #expect(forgone1 == 1_667)
            let line = try await send(app, .GET, "/api/v1/credit-lines/\(lineID)", token: w.f.firmAToken).json()
            #expect(line["interestCents"] as? Int == gross1 - forgone1, "the firm sees the interest after the coupon")
            reply = try await post(app, "/api/v1/credit-lines/\(lineID)/repayments", token: w.f.firmAToken, ["amountCents": 8_000_000])
            #expect(reply.status == .created, "\(reply.body)")
            #expect(try reply.json()["interestCents"] as? Int == gross1 - forgone1)
            // Principal repays the older (coupon) draw first.
            let left = 10_000_000 - (8_000_000 - (gross1 - forgone1))

            // The lender claims what the ledger shows, to the cent.
            #expect(try await send(app, .GET, "/api/v1/coupons/redeemed", token: bank).body.contains("\"claimableCents\":\(forgone1)"))
            var claim = try await CouponTests.claim(app, bank, coupon: coupon, cents: Int64(forgone1 + 1), through: w.clock.clock.today).json()
            #expect(claim["outcome"] as? String == "refused" && claim["entitledCents"] as? Int == forgone1 && claim["lineID"] as? Int == lineID)
            #expect((claim["reason"] as? String ?? "").contains("循环额度台账"), "\(claim)")
            #expect(try await CouponTests.claim(app, w.f.bankBToken, coupon: coupon, cents: 1, through: w.clock.clock.today).status == .notFound)
            claim = try await CouponTests.claim(app, bank, coupon: coupon, cents: Int64(forgone1), through: w.clock.clock.today).json()
            #expect(claim["outcome"] as? String == "accepted", "\(claim)")

            // Day 60: everything repaid. The coupon draw's remainder earned 30 more days of the cut; the forgone interest is
            // settled cumulatively, so the coupon's total is one rounding of its whole 积数.
            w.clock.set(w.today.adding(days: 60).description)
            let outstanding = 15_000_000 - (8_000_000 - (gross1 - forgone1))
            let gross2 = Self.interest(outstanding * rate * 30)
            let forgoneTotal = Self.interest(10_000_000 * 20 * 30 + left * 20 * 30)
            let owed = try #require(try await send(app, .GET, "/api/v1/credit-lines/\(lineID)", token: w.f.firmAToken).json()["interestCents"] as? Int)
            #expect(owed == gross2 - (forgoneTotal - forgone1))
            reply = try await post(app, "/api/v1/credit-lines/\(lineID)/repayments", token: w.f.firmAToken, ["amountCents": outstanding + owed])
            #expect(reply.status == .created, "\(reply.body)")
            claim = try await CouponTests.claim(app, bank, coupon: coupon, cents: Int64(forgoneTotal - forgone1), through: w.clock.clock.today).json()
            #expect(claim["outcome"] as? String == "accepted", "\(claim)")
            // Settled: the budget keeps only what was paid; the rest of the estimate is released.
            #expect(try await Self.coupon(app, w, coupon)["status"] as? String == "settled")
            use = try await CouponTests.budget(app, w, programme)
            #expect(use["chargedCents"] as? Int == forgoneTotal && use["settledCents"] as? Int == forgoneTotal)

            // The pages: the firm's line shows the coupon on the draw and what it saved; the wallet says where it was used;
            // the lender's settlement page names the line's draw.
            let page = try await send(app, .GET, "/firm/credit-lines", token: w.f.firmAToken)
            #expect(page.body.contains("信用券 #\(coupon)：降息 0.20 个百分点") && page.body.contains(Cents(Int64(forgoneTotal)).yuanText))
            let wallet = try await send(app, .GET, "/firm/coupons", token: w.f.firmAToken)
            #expect(wallet.body.contains("循环额度 #\(lineID) 提款 #\(drawID)"))
            let bankPage = try await send(app, .GET, "/bank/coupons", token: bank)
            #expect(bankPage.body.contains("循环额度 #\(lineID) 提款 #\(drawID)") && bankPage.body.contains("/bank/credit-lines/\(lineID)"))
            // The lender's line page shows the coupon on the draw; another bank's is not found.
            let linePage = try await send(app, .GET, "/bank/credit-lines/\(lineID)", token: bank)
            #expect(linePage.status == .ok && linePage.body.contains("信用券 #\(coupon)：降息 0.20 个百分点") && linePage.body.contains("累计让利"))
            #expect(try await send(app, .GET, "/bank/credit-lines/\(lineID)", token: w.f.bankBToken).status == .notFound)

            // The redemption is a coupon entry naming the draw; the draw's ledger row digest covers the coupon.
            _ = try await LogSequencer(database: app.db).sequenceAll()
            let sql = try #require(app.db as? any SQLDatabase)
            struct Row: Decodable { let entry: String }
            let entries = try await sql.raw("SELECT entry FROM tlog_entries").all(decoding: Row.self).map(\.entry)
            #expect(entries.contains { $0.contains("\"kind\":\"coupon\"") && $0.contains("\"step\":\"redeemed\"") && $0.contains("draw:\(drawID)") })
            #expect(!entries.contains { $0.contains(SampleFiles.firmA) })
        }
    }

    @Test(arguments: Backend.allCases)
    func theFirmsDrawFormOffersOnlyCouponsItsLineAccepts(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let (w, lineID, _, _) = try await Self.world(app)
            let programme = try await CouponTests.programme(app, w, code: "dl-line", products: [w.f.autoProductID])
            let usable = try #require(try await Self.coupons(app, w, programme: programme, count: 1).first)
            let other = try await CouponTests.programme(app, w, code: "dl-manual", products: [w.f.manualProductID])
            let foreign = try #require(try await Self.coupons(app, w, programme: other, count: 1).first)
            var browser = ConsoleTests.Browser(app: app)
            #expect(try await browser.signIn("firm-a").status == .seeOther)
            let page = try await browser.get("/firm/credit-lines")
            #expect(page.body.contains("使用信用券") && page.body.contains("value=\"\(usable)\""))
            #expect(!page.body.contains("value=\"\(foreign)\""), "a coupon for another product is not offered")
            // Drawing through the form with the coupon redeems it.
            let reply = try await browser.post("/firm/credit-lines/\(lineID)/draw", form: [
                "amount_yuan": "1000", "coupon_id": String(usable), "csrf": ConsoleTests.Browser.csrf(in: page.body)])
            #expect(reply.status == .seeOther, "\(reply.body)")
            #expect(try await Self.coupon(app, w, usable)["status"] as? String == "redeemed")
            #expect(!(try await browser.get("/firm/credit-lines")).body.contains("value=\"\(usable)\""))
        }
    }

    @Test(arguments: Backend.allCases)
    func parallelDrawsWithCouponsNeverOverspendTheBudget(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let (w, lineID, _, maturesOn) = try await Self.world(app)
            // A budget for one ¥100,000 draw's estimate and a cent less than a second.
            let estimate = Self.interest(10_000_000 * 20 * w.today.days(until: maturesOn))
            let programme = try await CouponTests.programme(app, w, code: "dl-line", budgetCents: Int64(2 * estimate - 1), perFirm: 2,
                                                            products: [w.f.autoProductID])
            let ids = try await Self.coupons(app, w, programme: programme, count: 2)
            #expect(ids.count == 2)
            let firm = Principal(name: "firm-a", displayName: "王伟", role: .enterprise, department: nil, uscc: SampleFiles.firmA)
            let services: ServiceContext = app.services
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for id in ids {
                    group.addTask {
                        do {
                            _ = try await CreditLines.draw(services, firm, lineID: Int64(lineID), amount: Cents(10_000_000), couponID: Int64(id))
                            return "drawn"
                        } catch let error as DomainError {
                            guard case .conflict(let message) = error else { throw error }
                            return message
                        }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "drawn" }.count == 1, "\(outcomes)")
            #expect(outcomes.contains { $0.contains("预算") && $0.contains("可不用券重新提款") }, "\(outcomes)")
            let use = try await CouponTests.budget(app, w, programme)
            #expect(use["chargedCents"] as? Int == estimate && use["redeemed"] as? Int == 1)
            // The refused draw left nothing behind: one draw on the line, the other coupon still in the wallet.
            let line = try await send(app, .GET, "/api/v1/credit-lines/\(lineID)", token: w.f.firmAToken).json()
            #expect(line["drawnCents"] as? Int == 10_000_000 && (line["entries"] as? [[String: Any]])?.count == 1)
            var statuses: [String] = []
            for id in ids { statuses.append(try await Self.coupon(app, w, id)["status"] as? String ?? "") }
            #expect(statuses.sorted() == ["held", "redeemed"])
        }
    }
}
