import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import VaporTesting

/// The platform-run listing procedure (issue 12 §3), on both databases: proposed with its basis and removal
/// conditions, prior written notice, an objection within the window answered in writing, no listing before the
/// window ends, then listed and published — from then on the published measures refuse the firm's applications —
/// and removed when the conditions are met, after which nothing is refused.
@Suite struct ListingProcedureTests {
    @Test(arguments: Backend.allCases)
    func aFirmIsNoticedMayObjectIsListedThenRemoved(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let clock = TestClock(Day.today().description)
            app.platform = app.platform.on(clock.clock)
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            _ = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax"], "purposes": ["loan_application"], "validUntil": Day.today().adding(days: 90).description])
            let center = f.base.centerToken
            #expect(try await post(app, "/api/v1/listings", token: center, [
                "uscc": SampleFiles.firmA, "kind": "失信被执行人", "basisDocumentNumber": "x", "reason": "x", "removalConditions": "x",
            ]).status == .unprocessableEntity, "court lists are not listed on the platform")
            let proposed = try await post(app, "/api/v1/listings", token: center, [
                "uscc": SampleFiles.firmA, "kind": "涉金融严重失信", "basisDocumentNumber": "大金罚〔2026〕3号",
                "reason": "骗取贷款，受到较重行政处罚", "removalConditions": "履行处罚决定并满一年未再发生同类行为",
                "legalRepresentative": ["name": "王伟", "id": "210202198001011234"],
            ])
            #expect(proposed.status == .created, "\(proposed.body)")
            let entry = try proposed.json()
            let id = try #require(Int((entry["id"] as? String ?? "").split(separator: ":").last.map(String.init) ?? ""))
            #expect((entry["parties"] as? [[String: Any]])?.count == 2, "the legal representative is marked with the firm")
            func step(_ token: String, _ action: String, _ text: String = "") async throws -> Reply {
                try await post(app, "/api/v1/listings/\(id)/steps", token: token, ["action": action, "text": text])
            }
            #expect(try await step(center, "list").status == .conflict, "no listing without the prior notice")
            #expect(try await step(center, "notify", " ").status == .unprocessableEntity, "the notice states reasons and rights")
            let noticed = try await step(center, "notify", "拟将贵企业列入涉金融严重失信人名单，事由：…；依据：…；贵企业可在异议期内陈述申辩。").json()
            let windowEnds = try #require(Day(iso: noticed["objectionWindowEnds"] as? String ?? ""))
            #expect(try await step(f.firmBToken, "object", "与我无关").status == .notFound, "only the firm itself objects")
            #expect(try await step(f.firmAToken, "object", "处罚已履行完毕").json()["status"] as? String == "objecting")
            #expect(try await step(center, "reject_objection", "处罚履行不影响认定，维持").json()["status"] as? String == "noticed")
            // The window runs to its last day; listing waits until it is over.
            clock.set(windowEnds.description)
            #expect(try await step(center, "list").status == .conflict)
            // Bank A monitors firm A (post-loan authorisation naming it): the listing reaches it as an alert at once.
            _ = try await app.services.authorisationStore.create(Authorisation(
                id: "", uscc: SampleFiles.firmA, scope: .institutions([String(f.bankA.id)]), categories: ["tax"],
                purposes: [.postLoan], validFrom: .today(), validUntil: Day.today().adding(days: 90), signedAt: Date()), by: "王伟")
            #expect(try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmA]).baselined == 1)
            clock.set(windowEnds.adding(days: 1).description)
            #expect(try await step(center, "list").json()["status"] as? String == "listed")
            let alerts = try await send(app, .GET, "/api/v1/risk-alerts", token: f.bankAToken)
            #expect(alerts.body.contains("涉金融严重失信"), "\(alerts.body.prefix(300))")
            #expect(try await send(app, .GET, "/api/v1/risk-alerts", token: f.bankBToken).json()["total"] as? Int == 0)
            #expect(try await step(center, "publish").json()["status"] as? String == "published")
            let apply: [String: Any] = ["productID": f.manualProductID, "amountCents": 12_000_000, "termMonths": 12, "purpose": "扩大生产"]
            let refused = try await post(app, "/api/v1/applications", token: f.firmAToken, apply)
            #expect(refused.status == .conflict)
            #expect((try refused.json()["message"] as? String ?? "").contains("涉金融严重失信人名单"))
            #expect(try await send(app, .GET, "/api/v1/listings", token: f.firmAToken).json()["total"] as? Int == 1)
            #expect(try await send(app, .GET, "/api/v1/listings", token: f.bankAToken).status == .forbidden)
            // The statistics count firm A as listed from the day it was listed.
            #expect(try await send(app, .POST, "/api/v1/stats/refresh", token: center).status == .ok)
            let listedMonth = StatMonth(windowEnds.adding(days: 1))
            let listed = try await StatisticsTests.values(app, center, "from=\(listedMonth)&to=\(listedMonth)")
            #expect(listed["risk.listed_firms"] == 1 && listed["risk.new_listings"] == 1, "\(listed)")
            #expect(try await send(app, .GET, "/api/v1/stats/verify", token: center).json()["matches"] as? Bool == true)
            #expect(try await step(center, "remove", "已履行并满一年").json()["status"] as? String == "removed")
            #expect(try await post(app, "/api/v1/applications", token: f.firmAToken, apply).status == .created)
        }
    }
}
