import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// The credit report a lender reads (issue 16): laid out after the national standard — numbered and timestamped, the
/// authorisation named, a summary of flags first (a dataset not authorised reads 未授权, never 无), the firm's loans
/// on the platform with other lenders unnamed — and a verification code anyone can check against the log; a changed
/// read no longer verifies.
@Suite struct CreditReportPageTests {
    static func field(_ label: String, in body: String) throws -> String {
        let start = try #require(body.range(of: "<dt>\(label)</dt>"))
        let rest = body[start.upperBound...]
        let dd = try #require(rest.range(of: "<dd"))
        let open = try #require(rest.range(of: ">", range: dd.lowerBound..<rest.endIndex))
        let close = try #require(rest.range(of: "</dd>"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test(arguments: Backend.allCases)
    func aReportIsNumberedSummarisedAndVerifiable(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            #expect(try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "institutions": [String(f.bankA.id)], "categories": ["tax"], "purposes": ["loan_application", "post_loan"],
                "validUntil": Day.today().adding(days: 365).description]).status == .created)
            let applied = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.manualProductID, "amountCents": 20_000_000, "termMonths": 12, "method": "equal_installment", "purpose": "周转"])
            let id = try #require((try applied.json()["application"] as? [String: Any])?["id"] as? Int, "\(applied.body)")

            let page = try await send(app, .GET, "/bank/applications/\(id)/report", token: f.bankAToken)
            #expect(page.status == .ok)
            #expect(page.body.contains("公共信用信息报告（授权查询版）") && page.body.contains("信息概要") && page.body.contains("在本平台的融资"))
            #expect(page.body.contains("打印 / 另存为 PDF"))
            let number = try Self.field("报告编号", in: page.body)
            let code = try Self.field("验证码", in: page.body)
            #expect(number.hasPrefix("XYD-R-") && code.count == 16)
            #expect(try Self.field("查询机构", in: page.body) == "甲银行")
            // Tax is authorised, social insurance is not: its arrears flag says so instead of "无".
            let summary = try #require(page.body.range(of: "report-summary").map { String(page.body[$0.lowerBound...].prefix(4_000)) })
            #expect(summary.contains("欠税") && summary.contains("社保欠费") && summary.contains("未授权"))

            // Anyone checks the pair; a wrong code, or a changed read, does not verify.
            let encoded = number.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? number
            var verify = try await send(app, .GET, "/public/reports/verify?number=\(encoded)&code=\(code)")
            #expect(verify.status == .ok && verify.body.contains("核验通过") && verify.body.contains("甲银行") && verify.body.contains(SampleFiles.firmA))
            let wrong = String(code.dropLast()) + (code.hasSuffix("0") ? "1" : "0")
            verify = try await send(app, .GET, "/public/reports/verify?number=\(encoded)&code=\(wrong)")
            #expect(verify.body.contains("核验未通过") && !verify.body.contains(SampleFiles.firmA))
            #expect(try await send(app, .GET, "/public/reports/verify?number=\(encoded)&code=xyz").status == .unprocessableEntity)
            #expect(try await send(app, .GET, "/public/reports/verify").body.contains("输入报告上的编号与验证码"))
            let sql = try #require(app.db as? any SQLDatabase)
            let accessID = try #require(Int64(number.dropFirst("XYD-R-".count)))
            try await sql.raw("UPDATE access_log SET actor = 'someone-else' WHERE id = \(bind: accessID)").run()
            verify = try await send(app, .GET, "/public/reports/verify?number=\(encoded)&code=\(code)")
            #expect(verify.body.contains("核验未通过"))
        }
    }
}
