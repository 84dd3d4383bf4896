import App
import Domain
import Foundation
import Services
import Testing
import TestSupport
import VaporTesting

/// The API fuzzer (issue 10): every operation of the served OpenAPI document, called by nobody and by each
/// kind of caller with careful and with hostile input, must hold to its contract. No answer is a 5xx; every
/// status is documented; operations that need a token refuse without one and public ones do not; every
/// JSON error is `{"error", "message"}` with a Chinese message; every JSON success matches its schema.
/// Deterministic (a fixed seed); a failure names the request so it can be replayed.
@Suite struct APIFuzzTests {
    static let seed: UInt64 = 20_261_205
    static let requestsPerCaller = 8

    @Test func everyOperationHoldsToItsContract() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            #expect(try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax"], "purposes": ["loan_application"], "validUntil": Day.today().adding(days: 30).description,
            ]).status == .created)
            // A loan with a repayment, an objection and a repair application, so that lists have items to check.
            let manual = try #require(try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.manualProductID, "amountCents": 12_000_000, "termMonths": 12, "purpose": "扩大生产", "method": "equal_principal",
            ]).json()["application"] as? [String: Any])["id"] as? Int
            _ = manual
            let other = try await IsolationTests.otherTenantObjects(app, f)
            _ = try await post(app, "/api/v1/loans/\(other.loan)/repayments", token: f.bankBToken,
                               ["day": Day.today().description, "amountCents": 100_000])
            try await upload(app, "market.abnormal", """
                record_id,uscc,listed_on,reason,authority
                AB1,\(SampleFiles.firmA),2026-03-02,未按期公示年度报告,大连市市场监督管理局

                """, token: f.base.marketToken)
            try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.base.marketToken)
            #expect(try await post(app, "/api/v1/objections", token: f.firmAToken,
                                   ["dataset": "market.abnormal", "recordID": "AB1", "reason": "已补报", "attachments": ["回执"]]).status == .created)
            _ = try await post(app, "/api/v1/repairs", token: f.firmAToken, ["recordID": "P1", "proof": "已整改", "signer": "王伟"])
            // A 申报清单 entry, so that the recommendation lists have an item to check against their schema.
            #expect(try await post(app, "/api/v1/recommendations", token: f.firmAToken,
                                   ["amountCents": 50_000_000, "termMonths": 12, "purpose": "采购原材料"]).status == .created)
            // A post-loan alert for bank B about firm B (its loan above): a baseline, then a new court listing.
            _ = try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmB])
            try await upload(app, "judicial.dishonest", """
                record_id,uscc,case_no,listed_on,removed_on,obligation
                DF1,\(SampleFiles.firmB),（2026）辽0211执1号,\(Day.today().description),,给付货款

                """, token: f.base.courtToken)
            #expect(try await MonitoringScan.scan(app.services, firms: [SampleFiles.firmB]).opened == 1)
            let document = try OpenAPIDocument(data: Data(try await send(app, .GET, "/openapi.json").body.utf8))
            let hints: [String: [String]] = [
                "uscc": [SampleFiles.firmA, SampleFiles.firmB], "code": [SampleFiles.firmA, "91210202MA0000001"],
                "dataset": ["admin.penalty", "market.registration", "tax.payment"], "record": ["P1", "R1"],
                "id": ["1", "2", "3"], "productID": [String(f.autoProductID), String(f.manualProductID)],
                "size": ["1", "2"], "old": ["1"], "new": ["2"], "index": ["0"],
            ]
            var generator = RequestGenerator(document: document, hints: hints, seed: Self.seed)
            let callers: [(String, String?)] = [("nobody", nil), ("center", f.base.centerToken), ("department", f.base.marketToken),
                                                ("bank", f.bankAToken), ("firm", f.firmAToken)]
            var failures: [String] = []
            var sent = 0
            for operation in document.operations where !["/metrics"].contains(operation.path) {
                for (who, token) in callers {
                    for n in 0..<Self.requestsPerCaller {
                        var request = generator.request(for: operation, hostile: n % 2 == 1)
                        if n == 7, request.contentType == "application/json" { request.contentType = "text/plain" }
                        let reply = try await send(app, HTTPMethod(rawValue: request.method.uppercased()), request.path, token: token,
                                                   body: request.body, contentType: request.contentType)
                        sent += 1
                        for problem in Self.problems(reply, operation, document, authenticated: token != nil) {
                            failures.append("[\(who)] \(request) → \(reply.status.code): \(problem)")
                        }
                    }
                }
            }
            #expect(sent >= document.operations.count * callers.count * Self.requestsPerCaller - callers.count * Self.requestsPerCaller)
            let report = failures.prefix(80).joined(separator: "\n")
            #expect(failures.isEmpty, "\(failures.count) of \(sent) requests broke the contract:\n\(report)")
        }
    }

    static func problems(_ reply: Reply, _ operation: OpenAPIDocument.Operation, _ document: OpenAPIDocument,
                         authenticated: Bool) -> [String] {
        var problems: [String] = []
        let status = Int(reply.status.code)
        if status >= 500 { problems.append("server error: \(reply.body.prefix(200))") }
        if !operation.documentedStatuses.contains(String(status)) {
            problems.append("status \(status) not documented (\(operation.documentedStatuses.sorted().joined(separator: ",")))")
        }
        // Limits on the request itself (path length) are checked before who is asking.
        if !authenticated, !operation.isPublic, status != 401, status != 414 { problems.append("needs a token but answered without one") }
        if operation.isPublic, status == 401 { problems.append("public but asked for a token") }
        let isJSON = reply.headers.contentType?.subType == "json"
        guard isJSON, let value = try? JSONSerialization.jsonObject(with: Data(reply.body.utf8), options: [.fragmentsAllowed]) else {
            if status >= 400, operation.path.hasPrefix("/api/") { problems.append("error without a JSON body") }
            return problems
        }
        if status >= 400 {
            let error = value as? [String: Any]
            if !(error?["error"] is String) { problems.append("error body without \"error\"") }
            let message = error?["message"] as? String ?? ""
            if !message.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) {
                problems.append("error message not in Chinese: \(message.prefix(120))")
            }
        } else if let schema = document.responseSchema(operation, status: status) {
            problems += document.violations(of: value, against: schema).prefix(5)
        }
        return problems
    }
}
