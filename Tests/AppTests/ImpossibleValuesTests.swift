import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import VaporTesting

/// Impossible values are refused with the field named (issue 16): an approval above the amount the firm asked for, and
/// a financing demand beyond what a firm of its size could mean (5亿 over 240 months from a small firm).
@Suite struct ImpossibleValuesTests {
    @Test(arguments: Backend.allCases)
    func approvalAboveTheRequestAndOversizedDemandsAreRefused(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            _ = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax"], "purposes": ["loan_application"], "validUntil": Day.today().adding(days: 30).description])
            let applied = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.manualProductID, "amountCents": 12_000_000, "termMonths": 12, "method": "equal_principal", "purpose": "扩大生产"])
            let id = try #require((try applied.json()["application"] as? [String: Any])?["id"] as? Int)
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken, ["action": "accept"]).status == .ok)
            let above = try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken, [
                "action": "approve", "amountCents": 12_000_001, "rateBasisPoints": 435, "termMonths": 12, "method": "equal_principal"])
            #expect(above.status == .unprocessableEntity)
            #expect(above.body.contains("不能超过企业申请的¥120,000.00"), "\(above.body)")
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken, [
                "action": "approve", "amountCents": 10_000_000, "rateBasisPoints": 435, "termMonths": 12, "method": "equal_principal"]).status == .ok)

            // Firm A is 小型 in the registry: up to 5,000万元 and ten years.
            let services: ServiceContext = app.services
            let firm = Principal(name: "firm-a", displayName: "王伟", role: .enterprise, department: nil, uscc: SampleFiles.firmA)
            func publish(_ yuan: Int64, _ months: Int) async throws -> FinancingDemand {
                try await Demands.publish(services, firm, .init(amount: Cents(yuan: yuan), termMonths: months, purpose: "周转", urgency: .withinMonth))
            }
            await #expect(throws: DomainError.invalidInput(field: "amount", reason: "小型企业的单笔融资需求不超过5,000.00万元，请核对金额（单位：元）")) {
                _ = try await publish(500_000_000, 24)
            }
            await #expect(throws: DomainError.invalidInput(field: "termMonths", reason: "融资期限不超过120个月（10年）")) {
                _ = try await publish(1_000_000, 240)
            }
            #expect(try await publish(1_000_000, 36).status == .open)
        }
    }
}
