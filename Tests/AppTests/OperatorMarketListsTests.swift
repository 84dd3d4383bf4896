import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// The credit center's lists of the city's applications and loans (issue 16: "applications, loans and demands each
/// have a list page with filters and export"): counts by status, filters by firm words, institution, district, status,
/// day applied, loan state and class, an export of exactly what the filters select, and nobody else may see them.
@Suite struct OperatorMarketListsTests {
    @Test(arguments: Backend.allCases)
    func applicationsAndLoansAreFilteredAndExportedForTheCreditCenterOnly(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let center = f.base.centerToken
            // Firm A borrows ¥100,000 from bank A through the auto-approval product; firm B applies to bank A's manual product.
            for (token, signer) in [(f.firmAToken, "王伟"), (f.firmBToken, "李娜")] {
                #expect(try await post(app, "/api/v1/commitments", token: token, ["signer": signer]).status == .created)
                #expect(try await post(app, "/api/v1/authorisations", token: token, [
                    "institutions": [String(f.bankA.id)], "categories": ["tax"], "purposes": ["loan_application", "post_loan"],
                    "validUntil": Day.today().adding(days: 365).description]).status == .created)
            }
            let applied = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.autoProductID, "amountCents": 10_000_000, "termMonths": 12, "method": "equal_principal", "purpose": "周转"])
            let id = try #require((try applied.json()["application"] as? [String: Any])?["id"] as? Int, "\(applied.body)")
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.firmAToken, ["action": "sign_contract"]).status == .ok)
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken, ["action": "disburse"]).status == .ok)
            let other = try await post(app, "/api/v1/applications", token: f.firmBToken, [
                "productID": f.manualProductID, "amountCents": 30_000_000, "termMonths": 24, "method": "equal_installment", "purpose": "购置设备"])
            #expect(other.status == .created, "\(other.body)")

            // Both applications, counted by status; each filter narrows them.
            var page = try await send(app, .GET, "/console/applications", token: center)
            #expect(page.status == .ok)
            #expect(page.body.contains("大连海韵科技有限公司") && page.body.contains("大连北港物流有限公司"))
            #expect(page.body.contains("申请（共 2 笔）") && page.body.contains("¥300,000.00") && page.body.contains("甲银行"))
            page = try await send(app, .GET, "/console/applications?status=submitted", token: center)
            #expect(page.body.contains("大连北港物流有限公司") && !page.body.contains("大连海韵科技有限公司"))
            page = try await send(app, .GET, "/console/applications?q=%E6%B5%B7%E9%9F%B5", token: center)  // 海韵
            #expect(page.body.contains("大连海韵科技有限公司") && !page.body.contains("大连北港物流有限公司"))
            page = try await send(app, .GET, "/console/applications?district=210211", token: center)
            #expect(page.body.contains("大连北港物流有限公司") && !page.body.contains("大连海韵科技有限公司"))
            page = try await send(app, .GET, "/console/applications?institution=\(f.bankB.id)", token: center)
            #expect(page.body.contains("没有符合条件的申请"))
            page = try await send(app, .GET, "/console/applications?from=\(Day.today().adding(days: 1))", token: center)
            #expect(page.body.contains("没有符合条件的申请"))
            page = try await send(app, .GET, "/console/applications?from=\(Day.today())&to=\(Day.today())", token: center)
            #expect(page.body.contains("申请（共 2 笔）"))
            page = try await send(app, .GET, "/console/applications?from=2026-13-40", token: center)
            #expect(page.status == .unprocessableEntity && page.body.contains("申请日期从"))

            // The export holds exactly what the filters select.
            var csv = try await send(app, .GET, "/console/applications.csv", token: center)
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            var lines = csv.body.split(whereSeparator: \.isNewline)
            #expect(lines.count == 3 && lines[0].contains("申请编号,"))
            csv = try await send(app, .GET, "/console/applications.csv?status=disbursed", token: center)
            lines = csv.body.split(whereSeparator: \.isNewline)
            #expect(lines.count == 2 && lines[1].contains("大连海韵科技有限公司") && lines[1].contains("100000.00") && lines[1].contains("已放款"))

            // The one loan, with its lender, principal and state; the filters by state and class.
            page = try await send(app, .GET, "/console/loans", token: center)
            #expect(page.status == .ok && page.body.contains("大连海韵科技有限公司") && page.body.contains("¥100,000.00") && page.body.contains("还款中"))
            #expect(try await send(app, .GET, "/console/loans?state=settled", token: center).body.contains("没有符合条件的贷款"))
            #expect(try await send(app, .GET, "/console/loans?state=open&class=normal&district=210202", token: center).body.contains("大连海韵科技有限公司"))
            #expect(try await send(app, .GET, "/console/loans?class=bogus", token: center).status == .unprocessableEntity)
            csv = try await send(app, .GET, "/console/loans.csv?institution=\(f.bankA.id)", token: center)
            lines = csv.body.split(whereSeparator: \.isNewline)
            #expect(lines.count == 2 && lines[0].contains("贷款编号,") && lines[1].contains("甲银行") && lines[1].contains("正常"))

            // Institutions and firms keep to their own portals.
            for path in ["/console/applications", "/console/applications.csv", "/console/loans", "/console/loans.csv"] {
                #expect(try await send(app, .GET, path, token: f.bankAToken).status == .forbidden, "\(path)")
                #expect(try await send(app, .GET, path, token: f.firmAToken).status == .forbidden, "\(path)")
            }
        }
    }
}
