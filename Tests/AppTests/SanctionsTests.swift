import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// 失信联合惩戒 (issue 12 §3, effects): a firm on a list fed in by a court is refused new applications and
/// 推荐清单 entries by the published measures, each named with its listing and legal basis; the listing is flagged
/// on the credit center's profile page; once the court removes it, nothing is refused any more.
@Suite struct SanctionsTests {
    @Test(arguments: Backend.allCases)
    func aListedFirmIsRefusedByThePublishedMeasuresUntilItIsRemoved(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            _ = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax"], "purposes": ["loan_application"], "validUntil": Day.today().adding(days: 30).description])
            #expect(try await upload(app, "judicial.dishonest", """
                record_id,uscc,case_no,listed_on,removed_on,obligation
                DX,\(SampleFiles.firmA),（2026）辽0202执9号,2026-01-10,,给付货款

                """, token: f.base.courtToken).status == .created)
            let apply: [String: Any] = ["productID": f.manualProductID, "amountCents": 12_000_000, "termMonths": 12, "purpose": "扩大生产"]
            let refused = try await post(app, "/api/v1/applications", token: f.firmAToken, apply)
            #expect(refused.status == .conflict)
            let message = try refused.json()["message"] as? String ?? ""
            for part in ["新增融资申请受限", "失信被执行人名单", "（2026）辽0202执9号", "限制新增融资申请"] {
                #expect(message.contains(part), "\(part) in \(message)")
            }
            let declared = try await post(app, "/api/v1/recommendations", token: f.firmAToken,
                                          ["amountCents": 10_000_000, "termMonths": 12, "purpose": "采购原材料"])
            #expect(declared.status == .conflict)
            #expect((try declared.json()["message"] as? String ?? "").contains("限制列入推荐清单"))
            var admin = ConsoleTests.Browser(app: app)
            #expect(try await admin.signIn("admin").status == .seeOther)
            #expect(try await admin.get("/console/enterprises/\(SampleFiles.firmA)").body.contains("失信惩戒："))
            // The court removes the listing: the measures stop.
            #expect(try await upload(app, "judicial.dishonest", """
                record_id,uscc,case_no,listed_on,removed_on,obligation
                DX,\(SampleFiles.firmA),（2026）辽0202执9号,2026-01-10,2026-03-01,给付货款

                """, token: f.base.courtToken).status == .created)
            #expect(try await post(app, "/api/v1/applications", token: f.firmAToken, apply).status == .created)
            #expect(!(try await admin.get("/console/enterprises/\(SampleFiles.firmA)").body.contains("失信惩戒：")))
        }
    }
}
