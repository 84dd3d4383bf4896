import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import VaporTesting

/// Revolving lines in the statistics (issue 15 §2), on both databases: the opening is a credit line granted (授信) of
/// its limit, each draw a loan disbursed (放款, 首贷 when it is the firm's first borrowing, at the rate after a coupon),
/// principal repaid retires draws oldest first, and past maturity the rest counts as overdue in its class; the minute
/// refresh gives the same figures as a full recount.
@Suite struct CreditLineStatisticsTests {
    @Test(arguments: Backend.allCases)
    func aLinesOpeningDrawsAndDefaultAreCountedLikeCreditAndLoans(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let (f, clock) = try await CreditLineTests.world(app)
            let center = f.base.centerToken
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            _ = try await StatisticsTests.refreshAndVerify(app, center)
            let start = clock.clock.today
            _ = try await CreditLineTests.run(app, f.bankAToken, product: f.autoProductID, validUntil: start.adding(days: 10))
            let offerID = try #require(try CreditLineTests.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken))
                .first?["id"] as? Int)
            let line = try await send(app, .POST, "/api/v1/preapproval/offers/\(offerID)/accept", token: f.firmAToken).json()
            let lineID = try #require(line["id"] as? Int)
            for cents in [10_000_000, 5_000_000] {
                #expect(try await post(app, "/api/v1/credit-lines/\(lineID)/draws", token: f.firmAToken, ["amountCents": cents]).status == .created)
            }
            _ = try await StatisticsTests.refreshAndVerify(app, center)
            let month = StatMonth(start)
            var values = try await StatisticsTests.values(app, center, "from=\(month)&to=\(month)")
            #expect(values["lending.lines"] == 1 && values["lending.line_amount"] == Int64(CreditLineTests.limitCents), "\(values)")
            #expect(values["lending.loans"] == 2 && values["lending.loan_amount"] == 15_000_000, "\(values)")
            #expect(values["lending.first_loan_firms"] == 1 && values["lending.first_loan_amount"] == 10_000_000, "the first draw is 首贷")
            #expect(values["lending.credit_loan_amount"] == 15_000_000, "a pure-credit product's draws are credit loans")
            #expect(values["lending.average_rate"] != nil)
            #expect(values["risk.balance"] == 15_000_000 && values["risk.balance_normal"] == 15_000_000, "\(values)")

            // ¥80,000 repaid 30 days on: it retires the first draw's principal first.
            clock.set(start.adding(days: 30).description)
            let interest = try #require(try await send(app, .GET, "/api/v1/credit-lines/\(lineID)", token: f.firmAToken).json()["interestCents"] as? Int)
            #expect(try await post(app, "/api/v1/credit-lines/\(lineID)/repayments", token: f.firmAToken,
                                   ["amountCents": 8_000_000]).status == .created)
            // A hundred days past maturity the rest is 次级.
            let maturesOn = try #require(Day(iso: line["maturesOn"] as? String ?? ""))
            clock.set(maturesOn.adding(days: 100).description)
            try await MarketActions.reclassifyLoans(app.services)
            _ = try await StatisticsTests.refreshAndVerify(app, center)
            let late = StatMonth(clock.clock.today)
            values = try await StatisticsTests.values(app, center, "from=\(late)&to=\(late)")
            let left = 15_000_000 - (8_000_000 - interest)
            #expect(values["risk.balance"] == Int64(left) && values["risk.balance_substandard"] == Int64(left), "\(values)")
            #expect(values["risk.balance_normal"] == 0, "\(values)")
        }
    }
}
