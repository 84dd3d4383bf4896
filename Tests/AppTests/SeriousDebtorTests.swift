import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import VaporTesting

/// The derived 严重失信债务人 list (issue 12 §3), on both databases: a court's 失信被执行人 record whose creditor is a
/// bank and whose amount is above the list rules' threshold (¥1,000,000.00, strictly) is proposed for listing once,
/// with the firm's legal representative marked; a record at the threshold, one whose creditor is a person and a
/// removed one are not; the proposal then waits for the credit center's procedure.
@Suite struct SeriousDebtorTests {
    @Test(arguments: Backend.allCases)
    func aBankCreditorAboveTheAmountIsProposedOnce(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let a = SampleFiles.firmA, b = SampleFiles.firmB
            #expect(try await upload(app, "judicial.dishonest", """
                record_id,uscc,case_no,listed_on,removed_on,obligation,creditor_name,creditor_type,amount,court
                SD1,\(a),（2026）辽0202执101号,2026-03-02,,偿还借款本金,大连银行股份有限公司,银行,1000000.01,大连市中山区人民法院
                SD2,\(a),（2026）辽0202执102号,2026-03-02,,偿还借款本金,大连银行股份有限公司,银行,1000000.00,大连市中山区人民法院
                SD3,\(b),（2026）辽0202执103号,2026-03-02,,偿还借款本金,王某某,自然人,5000000,大连市中山区人民法院
                SD4,\(b),（2025）辽0202执104号,2025-03-02,2025-09-01,偿还借款本金,大连农村商业银行股份有限公司,农村商业银行,3000000,大连市中山区人民法院
                SD5,\(b),（2026）辽0202执105号,2026-03-02,,给付货款,,,,

                """, token: f.base.courtToken).status == .created)
            let first = try await SeriousDebtors.derive(app.services, firms: [a, b])
            #expect(first == .init(read: 3, qualified: 1, proposed: 1), "SD4 removed, SD5 without creditor: \(first)")
            #expect(try await SeriousDebtors.derive(app.services, firms: [a, b]).proposed == 0, "one proposal per case")

            let page = try await send(app, .GET, "/api/v1/listings", token: f.base.centerToken).json()
            let items = try #require(page["items"] as? [[String: Any]])
            #expect(items.count == 1)
            let entry = try #require(items.first)
            #expect(entry["kind"] as? String == "严重失信债务人" && entry["status"] as? String == "proposed")
            #expect(entry["basisDocumentNumber"] as? String == "（2026）辽0202执101号")
            let reason = entry["reason"] as? String ?? ""
            #expect(reason.contains("大连银行股份有限公司") && reason.contains("超过"), "\(reason)")
            let roles = (entry["parties"] as? [[String: Any]])?.compactMap { $0["role"] as? String }
            #expect(roles == ["subject", "legal_representative"], "the legal representative is marked with the firm")
            // The proposal is the procedure's first step: nothing is refused until the firm is listed.
            #expect(try await send(app, .GET, "/api/v1/listings", token: f.firmAToken).json()["total"] as? Int == 1)
            #expect(try await send(app, .GET, "/api/v1/listings", token: f.firmBToken).json()["total"] as? Int == 0)
        }
    }
}
