import Fluent
@testable import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import NIOConcurrencyHelpers
import Vapor
import VaporTesting

/// Profiles and credit reports are kept as built JSON between requests; these tests show that whatever
/// changes a firm's data (a new batch, an objection, a re-evaluation) is in the very next answer.
@Suite struct ReadCacheTests {
    static func setUp(_ app: Application) async throws -> MarketFixtures {
        let base = try await Fixtures.seed(app)
        try await upload(app, "market.registration", SampleFiles.registrations, token: base.marketToken)
        try await app.reevaluate()
        return try await MarketFixtures.seed(app, base: base)
    }

    func records(_ doc: [String: Any]) -> [[String: Any]] {
        (doc["groups"] as? [[String: Any]] ?? []).flatMap { $0["records"] as? [[String: Any]] ?? [] }
    }

    @Test(arguments: Backend.allCases)
    func keptReportsFollowEveryChange(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Self.setUp(app)
            let firmA = SampleFiles.firmA
            var reply = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "institutions": [String(f.bankA.id)], "categories": Array(app.platform.catalog.authorisedCategories),
                "purposes": ["loan_application"], "validUntil": Day.today().adding(days: 30).description])
            #expect(reply.status == .created)
            let authorisationID = try #require(try reply.json()["id"] as? String)

            // The assembled report is exactly the documented shape, and a second read answers the same profile.
            reply = try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankAToken)
            #expect(reply.status == .ok)
            #expect(reply.headers.contentType == .json)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let decoded = try decoder.decode(MarketAPI.ReportResponse.self, from: Data(reply.body.utf8))
            #expect(decoded.uscc == firmA)
            #expect(decoded.authorisationID == authorisationID)
            #expect(decoded.profile.uscc == firmA)
            #expect(decoded.profile.registered)
            let first = reply.body
            // (The encoder orders an object's keys freely, so compare from the kept profile on.)
            func profilePart(_ body: String) -> Substring { body.range(of: "\"profile\":").map { body[$0.lowerBound...] } ?? "" }
            let second = try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankAToken).body
            #expect(!profilePart(first).isEmpty && profilePart(second) == profilePart(first))
            #expect(!records(try reply.json()["profile"] as? [String: Any] ?? [:]).contains { $0["recordID"] as? String == "AB7" })

            // A new batch: the next report and the firm's own profile show the record.
            reply = try await upload(app, "market.abnormal", """
                record_id,uscc,listed_on,reason,authority
                AB7,\(firmA),2026-03-02,未按期公示年度报告,大连市市场监督管理局

                """, token: f.base.marketToken)
            #expect(reply.status == .created || reply.status == .ok)
            var report = try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankAToken).json()
            var shown = records(report["profile"] as? [String: Any] ?? [:]).first { $0["recordID"] as? String == "AB7" }
            #expect(shown?["underObjection"] as? Bool == false)
            let own = try await send(app, .GET, "/api/v1/enterprises/\(firmA)", token: f.firmAToken).json()
            #expect(records(own).contains { $0["recordID"] as? String == "AB7" })

            // An objection: the record is marked at once.
            reply = try await post(app, "/api/v1/objections", token: f.firmAToken,
                                   ["dataset": "market.abnormal", "recordID": "AB7", "reason": "已按期公示"])
            #expect(reply.status == .created)
            report = try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankAToken).json()
            shown = records(report["profile"] as? [String: Any] ?? [:]).first { $0["recordID"] as? String == "AB7" }
            #expect(shown?["underObjection"] as? Bool == true)

            // A re-evaluation written straight to the database (as another process would): the report carries it.
            let before = (report["profile"] as? [String: Any])?["evaluation"] as? [String: Any]
            var evaluation = try #require(try await app.evaluationStore.current(firmA))
            evaluation.score = (before?["score"] as? Int ?? 0) == 123 ? 124 : 123
            try await EvaluationStore(database: app.db).save([evaluation])
            report = try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankAToken).json()
            #expect(((report["profile"] as? [String: Any])?["evaluation"] as? [String: Any])?["score"] as? Int == evaluation.score)
        }
    }

    @Test(arguments: Backend.allCases)
    func keptProductsAndConsentsFollowEveryChange(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Self.setUp(app)
            let apply: [String: Any] = ["productID": f.autoProductID, "amountCents": 20_000_000, "termMonths": 12,
                                        "method": "equal_installment", "purpose": "采购原材料"]
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            var reply = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax"], "purposes": ["loan_application"], "validUntil": Day.today().adding(days: 30).description])
            let authorisationID = try #require(try reply.json()["id"] as? String)
            // Each accepted application is cancelled at once: a firm may have one open application per product.
            func applyAndCancel() async throws {
                let reply = try await post(app, "/api/v1/applications", token: f.firmAToken, apply)
                #expect(reply.status == .created)
                let application = try #require(try reply.json()["application"] as? [String: Any])
                let id = try #require(application["id"] as? Int)
                let approved = (application["state"] as? [String: Any])?["status"] as? String == "approved"
                let closed = try await post(app, "/api/v1/applications/\(id)/events", token: f.firmAToken,
                                            ["action": approved ? "cancel" : "withdraw", "reason": "不再需要"])
                #expect(closed.status == .ok, "\(closed.body)")
            }
            try await applyAndCancel()

            // The commitment invalidated behind the API's back (as another process would): refused at once.
            let commitments = CommitmentStore(database: app.db)
            let signed = try #require(try await commitments.commitments(uscc: SampleFiles.firmA).first(where: \.isInForce))
            try await commitments.invalidate(id: signed.id, reason: "测试")
            reply = try await post(app, "/api/v1/applications", token: f.firmAToken, apply)
            #expect(reply.status == .conflict)
            #expect((try reply.json()["message"] as? String)?.contains("信用承诺书") == true)
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            try await applyAndCancel()

            // The authorisation revoked: no application and no report.
            #expect(try await send(app, .POST, "/api/v1/authorisations/\(authorisationID)/revoke", token: f.firmAToken).status == .ok)
            #expect(try await post(app, "/api/v1/applications", token: f.firmAToken, apply).status == .conflict)
            reply = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax"], "purposes": ["loan_application"], "validUntil": Day.today().adding(days: 30).description])
            try await applyAndCancel()

            // The product taken offline straight in the database: no longer found, nor listed for sale.
            let listed = try await send(app, .GET, "/api/v1/products", token: f.firmAToken).body
            #expect(listed.contains("\"id\":\"\(f.autoProductID)\""))
            let products = ProductStore(database: app.db)
            var product = try #require(try await products.product(id: f.autoProductID))
            product.status = .offline
            try await products.save(product)
            #expect(try await post(app, "/api/v1/applications", token: f.firmAToken, apply).status == .notFound)
            #expect(!(try await send(app, .GET, "/api/v1/products", token: f.firmAToken).body.contains("\"id\":\"\(f.autoProductID)\"")))
            #expect(!(try await send(app, .GET, "/public/products", headers: ["Accept": "text/html"]).body.contains(product.name)))
        }
    }

    @Test func theWriteGateLetsOneWriterInAtATime() async throws {
        let gate = WriteGate(enabled: true)
        let inside = NIOLockedValueBox((now: 0, most: 0, order: [Int]()))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<20 {
                group.addTask {
                    try await gate.run {
                        inside.withLockedValue { $0.now += 1; $0.most = max($0.most, $0.now); $0.order.append(n) }
                        try await Task.sleep(for: .milliseconds(2))
                        inside.withLockedValue { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seen = inside.withLockedValue { $0 }
        #expect(seen.most == 1)
        #expect(seen.order.count == 20)
    }

    @Test func groupCommitGivesEachCallerItsOwnResultAndIsolatesFailures() async throws {
        let commits = NIOLockedValueBox<[[Int]]>([])
        let committer = GroupCommit<Int, Int>(maxBatch: 8) { items in
            commits.withLockedValue { $0.append(items) }
            try await Task.sleep(for: .milliseconds(5))
            if items.contains(13) { throw DomainError.conflict("13 不能提交") }
            return items.map { $0 * 10 }
        }
        let results = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
            for n in 0..<40 {
                group.addTask {
                    do { return (n, .success(try await committer.submit(n))) } catch { return (n, .failure(error)) }
                }
            }
            var all: [Int: Result<Int, any Error>] = [:]
            for await (n, result) in group { all[n] = result }
            return all
        }
        for n in 0..<40 {
            if n == 13 {
                #expect(throws: DomainError.self) { try results[n]?.get() }
            } else {
                #expect(try results[n]?.get() == n * 10)
            }
        }
        let batches = commits.withLockedValue { $0 }
        #expect(batches.allSatisfy { $0.count <= 8 })
        #expect(batches.count < 40, "concurrent items share commits")
    }
}
