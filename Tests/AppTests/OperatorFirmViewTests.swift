import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// What the credit center finds about a firm (issue 16): firms by the words of their name with their grade and a grade
/// filter, and on a firm's profile its loans with the lender, the authorisations it signed and who read its data.
@Suite struct OperatorFirmViewTests {
    @Test(arguments: Backend.allCases)
    func gradesAreListedAndFilteredAndTheProfileShowsLoansGrantsAndReads(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE evaluations SET grade = 'A' WHERE uscc = \(bind: SampleFiles.firmA)").run()
            try await sql.raw("UPDATE evaluations SET grade = 'C' WHERE uscc = \(bind: SampleFiles.firmB)").run()
            let center = f.base.centerToken

            var list = try await send(app, .GET, "/console/enterprises?grade=A", token: center)
            #expect(list.body.contains("大连海韵科技有限公司") && !list.body.contains("大连北港物流有限公司"), "only grade A")
            #expect(list.body.contains("信用等级") && list.body.contains(#"<option value="A" selected>A</option>"#))
            list = try await send(app, .GET, "/console/enterprises?q=%E6%B5%B7%E9%9F%B5%EF%BC%88%E7%A7%91%E6%8A%80%EF%BC%89", token: center)
            #expect(list.body.contains("大连海韵科技有限公司"), "海韵（科技） finds it by its words")

            // Firm A authorises bank A, which reads its report; it borrows from bank A through the auto-approval product.
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            #expect(try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "institutions": [String(f.bankA.id)], "categories": ["tax"], "purposes": ["loan_application", "post_loan"],
                "validUntil": Day.today().adding(days: 365).description]).status == .created)
            #expect(try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)/report", token: f.bankAToken).status == .ok)
            let applied = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.autoProductID, "amountCents": 10_000_000, "termMonths": 12, "method": "equal_principal", "purpose": "周转"])
            let id = try #require((try applied.json()["application"] as? [String: Any])?["id"] as? Int, "\(applied.body)")
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.firmAToken, ["action": "sign_contract"]).status == .ok)
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken, ["action": "disburse"]).status == .ok)

            let profile = try await send(app, .GET, "/console/enterprises/\(SampleFiles.firmA)", token: center)
            #expect(profile.status == .ok)
            #expect(profile.body.contains("贷款、授权与查询记录"))
            #expect(profile.body.contains("平台贷款（1 笔）") && profile.body.contains("¥100,000.00"))
            #expect(profile.body.contains("企业授权（1 份）") && profile.body.contains(">有效<"))
            #expect(profile.body.contains("最近的查询记录") && profile.body.contains("甲银行"))
            // A bank reading the same firm's report never sees the credit center's oversight.
            let report = try await send(app, .GET, "/bank/applications/\(id)/report", token: f.bankAToken)
            #expect(!report.body.contains("贷款、授权与查询记录"))
        }
    }
}
