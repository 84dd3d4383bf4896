import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import VaporTesting

/// A compensation fund covers revolving lines as it covers loans (issue 15 §2), on both databases: a line is checked
/// against each fund when it opens (its limit, rate and term; key `line:<id>`), the fund's book counts its outstanding
/// and overdue principal, and when it defaults its lender claims on it like a loan: the loss is the line's outstanding
/// principal, shared by the scheme's rules to the cent.
@Suite struct CreditLineFundTests {
    @Test(arguments: Backend.allCases)
    func aLineIsRegisteredWhenItOpensAndClaimedOnWhenItDefaults(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let (f, clock) = try await CreditLineTests.world(app)
            let center = f.base.centerToken, bank = f.bankAToken
            // A Guangxi-style 4:3:2:1 guarantee scheme for Dalian firms, bank A signed on, ¥1,000,000 of capital.
            #expect(try await post(app, "/api/v1/fund/programmes", token: center, [
                "template": "guangxi-4321", "code": "dl-4321", "name": "大连市政府性融资担保风险分担", "region": "大连市",
                "districtPrefixes": ["2102"]]).status == .created)
            #expect(try await post(app, "/api/v1/fund/programmes/dl-4321/agreements", token: center, [
                "institutionId": f.bankA.id, "signedOn": Day.today().adding(days: -365).description]).status == .created)
            #expect(try await post(app, "/api/v1/fund/programmes/dl-4321/journal", token: center, [
                "kind": "capital", "amountCents": 100_000_000, "memo": "首期资金到账"]).status == .created)
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)

            // Pre-approval on bank A's guaranteed product; firm A accepts: the line is registered at once, for its limit.
            _ = try await CreditLineTests.run(app, bank, product: f.manualProductID, validUntil: clock.clock.today.adding(days: 10))
            let offerID = try #require(try CreditLineTests.array(try await send(app, .GET, "/api/v1/preapproval/offers", token: f.firmAToken))
                .first?["id"] as? Int)
            let line = try await send(app, .POST, "/api/v1/preapproval/offers/\(offerID)/accept", token: f.firmAToken).json()
            let lineID = try #require(line["id"] as? Int)
            let registrations = try #require(try await send(app, .GET, "/api/v1/fund/registrations", token: bank).json()["items"] as? [[String: Any]])
            let registration = try #require(registrations.first { $0["loanId"] as? String == "line:\(lineID)" }, "\(registrations)")
            #expect(registration["coverage"] != nil, "\(registration)")
            #expect(registration["amount"] as? Int == CreditLineTests.limitCents)
            // The daily sweep finds nothing left to check.
            #expect(try await FundRegistrations.sweep(app.services) == 0)

            // ¥100,000 drawn; a hundred days past maturity it is 次级 and the guarantor has paid.
            #expect(try await post(app, "/api/v1/credit-lines/\(lineID)/draws", token: f.firmAToken, ["amountCents": 10_000_000]).status == .created)
            let maturesOn = try #require(Day(iso: line["maturesOn"] as? String ?? ""))
            clock.set(maturesOn.adding(days: 100).description)
            try await MarketActions.reclassifyLoans(app.services)
            let dashboard = try await send(app, .GET, "/api/v1/fund/programmes/dl-4321/dashboard", token: center).json()
            #expect(dashboard["coveredLoans"] as? Int == 1 && dashboard["outstandingCents"] as? Int == 10_000_000, "\(dashboard)")
            let row = try #require((dashboard["institutions"] as? [[String: Any]])?.first)
            #expect(row["overdueCents"] as? Int == 10_000_000)

            // The claim names the line: the loss is its outstanding principal, shared 4:3:2:1 to the cent.
            var attachments: [[String: Any]] = []
            for kind in ["application_form", "loan_contract", "guarantee_payment_proof"] {
                attachments.append(["kind": kind, "key": try await FundClaimTests.material(app, bank, kind)])
            }
            attachments.append(["kind": "truthfulness_statement", "key": try await FundClaimTests.material(app, bank, "truthfulness_statement"),
                                "signedBy": "张三"])
            var body: [String: Any] = ["scheme": "dl-4321", "lineId": lineID, "guaranteePaidOn": clock.clock.today.description,
                                       "attachments": attachments]
            let estimate = try await post(app, "/api/v1/fund/claims/estimate", token: bank, body)
            let payable = try estimate.json()["payable"] as? Bool
            #expect(estimate.status == .ok && payable == true, "\(estimate.body)")
            #expect(try await post(app, "/api/v1/fund/claims", token: f.bankBToken, body).status == .notFound, "another bank's line")
            body["loanId"] = 1
            #expect(try await post(app, "/api/v1/fund/claims", token: bank, body).status == .unprocessableEntity, "a loan or a line, not both")
            body["loanId"] = nil
            let filed = try await post(app, "/api/v1/fund/claims", token: bank, body)
            #expect(filed.status == .created, "\(filed.body)")
            let claim = try filed.json()
            #expect((claim["claim"] as? [String: Any])?["coverage"].flatMap { ($0 as? [String: Any])?["loanId"] as? String } == "line:\(lineID)")
            let computation = try #require(claim["computation"] as? [String: Any])
            #expect(computation["principalLoss"] as? Int == 10_000_000)
            #expect((computation["parties"] as? [[String: Any]])?.map { $0["amount"] as? Int ?? 0 } == [4_000_000, 3_000_000, 2_000_000, 1_000_000])
            #expect(computation["fundShare"] as? Int == 1_000_000)
            #expect(try await post(app, "/api/v1/fund/claims", token: bank, body).status == .conflict, "one live claim per line")

            // The bank's fund page names the line and links its claim form.
            let page = try await send(app, .GET, "/bank/fund", token: bank)
            #expect(page.body.contains("循环额度 #\(lineID)") && page.body.contains("loan=line:\(lineID)"))
            let form = try await send(app, .GET, "/bank/fund/new-claim?scheme=dl-4321&loan=line:\(lineID)", token: bank)
            #expect(form.status == .ok && form.body.contains("循环额度 #\(lineID)"), "\(form.status)")
        }
    }
}
