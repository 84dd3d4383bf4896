import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// Loan pages name the lender and its officer; the firm's home shows each running loan's next installment and a red
/// banner once one is overdue (issue 16).
@Suite struct FirmLoanRemindersTests {
    @Test(arguments: Backend.allCases)
    func theHomePageRemindsAndWarnsAndLoanPagesNameTheLender(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            #expect(try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "institutions": [String(f.bankA.id)], "categories": ["tax"], "purposes": ["loan_application", "post_loan"],
                "validUntil": Day.today().adding(days: 365).description]).status == .created)
            let reply = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.manualProductID, "amountCents": 12_000_000, "termMonths": 12, "method": "equal_principal", "purpose": "扩大生产"])
            let id = try #require((try reply.json()["application"] as? [String: Any])?["id"] as? Int)
            // Approved, signed and disbursed 40 days ago: the first installment fell due about ten days ago.
            let now = moveClock(app, to: Day.today().adding(days: -40))
            for (token, body) in [(f.bankAToken, ["action": "accept"] as [String: Any]),
                                  (f.bankAToken, ["action": "approve", "amountCents": 12_000_000, "rateBasisPoints": 435, "termMonths": 12,
                                                  "method": "equal_principal"]),
                                  (f.firmAToken, ["action": "sign_contract"]),
                                  (f.bankAToken, ["action": "disburse"])] {
                #expect(try await post(app, "/api/v1/applications/\(id)/events", token: token, body).status == .ok)
            }
            var home = try await send(app, .GET, "/firm", token: f.firmAToken)
            #expect(home.body.contains("近期还款") && home.body.contains("正常") && !home.body.contains("已逾期"))
            app.platform = now
            home = try await send(app, .GET, "/firm", token: f.firmAToken)
            #expect(home.body.range(of: "已逾期 [0-9]+ 天，逾期金额", options: .regularExpression) != nil && home.body.contains("甲银行"))
            #expect(home.body.contains("notice-danger") || home.body.contains("danger"))

            let loans = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/loans", token: f.firmAToken).body.utf8))
                as? [[String: Any]] ?? []
            let loanID = try #require(loans.first?["id"] as? Int)
            for (path, token) in [("/firm/loans/\(loanID)", f.firmAToken), ("/bank/loans/\(loanID)", f.bankAToken)] {
                let page = try await send(app, .GET, path, token: token)
                #expect(page.body.contains("贷款机构") && page.body.contains("甲银行") && page.body.contains("经办人"), "\(path)")
            }
        }
    }
}
