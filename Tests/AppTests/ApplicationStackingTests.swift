import App
import Fluent
import Domain
import Foundation
import Persistence
import Testing
import TestSupport
import VaporTesting

/// Auto-approval must not stack: one open application per firm and product, and the quota rule counts the
/// credit already committed to the firm, read inside the submitting transaction (issue 10, item 3).
@Suite struct ApplicationStackingTests {
    @Test(arguments: Backend.allCases)
    func aSecondOpenApplicationIsRefusedAndTheQuotaCountsWhatIsCommitted(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            try await Self.consent(app, f)
            let range = AmountRange(minYuan: 10_000, maxYuan: 1_000_000)
            let products = ProductStore(database: app.db)
            var ids: [Int64] = []
            for name in ["甲行测额贷一", "甲行测额贷二"] {
                let product = try await products.save(LoanProduct(
                    id: "", institutionID: String(f.bankA.id), name: name, type: .pureCredit, amountRange: range,
                    rateRange: RateRange(minBasisPoints: 350, maxBasisPoints: 500), termRange: TermRange(minMonths: 3, maxMonths: 36),
                    repaymentMethods: RepaymentMethod.allCases, autoApproval: AutoApprovalRules([.withinEstimatedQuota]),
                    status: .online))
                ids.append(try #require(Int64(product.id)))
            }
            let score = try #require(try await EvaluationStore(database: app.db).current(SampleFiles.firmA)).score
            let quota = QuotaEstimate.amount(range, score: score)
            #expect(quota >= range.minCents)

            // The whole estimate at once: approved.
            var reply = try await post(app, "/api/v1/applications", token: f.firmAToken, Self.body(ids[0], quota))
            #expect(reply.status == .created)
            #expect(try Self.status(reply) == "approved")
            // The same product again, while the first is open: refused, nothing stored.
            reply = try await post(app, "/api/v1/applications", token: f.firmAToken, Self.body(ids[0], range.minCents))
            #expect(reply.status == .conflict)
            #expect((try reply.json()["message"] as? String)?.contains("未办结的申请") == true)
            // Another product with the same rule: the estimate is used up, so a person decides, and says why.
            reply = try await post(app, "/api/v1/applications", token: f.firmAToken, Self.body(ids[1], range.minCents))
            #expect(reply.status == .created)
            #expect(try Self.status(reply) == "submitted")
            let steps = try #require(try reply.json()["steps"] as? [[String: Any]])
            #expect(steps.contains { ($0["note"] as? String ?? "").contains("已占用") })
            let mine = try await ApplicationStore(database: app.db).applications(uscc: SampleFiles.firmA)
            #expect(mine.items.count == 2)
        }
    }

    @Test(arguments: Backend.allCases)
    func fiftyParallelIdenticalApplicationsMakeOne(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            try await Self.consent(app, f)
            let body = try json(Self.body(f.autoProductID, 20_000_000))
            let token = f.firmAToken
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await send(app, .POST, "/api/v1/applications", token: token, body: body, contentType: "application/json").status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 49)
            #expect(try await ApplicationStore(database: app.db).applications(uscc: SampleFiles.firmA).total == 1)
        }
    }

    static func consent(_ app: Application, _ f: MarketFixtures) async throws {
        #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
        #expect(try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
            "categories": ["tax", "social"], "purposes": ["loan_application", "post_loan"],
            "validUntil": Day.today().adding(days: 365).description]).status == .created)
    }

    static func body(_ productID: Int64, _ cents: Int64) -> [String: Any] {
        ["productID": productID, "amountCents": cents, "termMonths": 12, "method": "equal_installment", "purpose": "采购原材料"]
    }

    static func status(_ reply: Reply) throws -> String? {
        ((try reply.json()["application"] as? [String: Any])?["state"] as? [String: Any])?["status"] as? String
    }
}
