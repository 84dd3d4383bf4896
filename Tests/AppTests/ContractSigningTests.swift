import App
import CreditLog
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import VaporTesting

/// The loan contract (issue 16): the firm reads the key terms and the whole plan, signs with the code sent to its
/// phone (never without it), and the firm and the lender download the signed PDF whose SHA-256 is in the log.
@Suite struct ContractSigningTests {
    @Test(arguments: Backend.allCases)
    func theFirmSignsWithACodeAndBothSidesGetTheLoggedPDF(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            #expect(try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "institutions": [String(f.bankA.id)], "categories": ["tax"], "purposes": ["loan_application", "post_loan"],
                "validUntil": Day.today().adding(days: 365).description]).status == .created)
            let reply = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                "productID": f.manualProductID, "amountCents": 12_000_000, "termMonths": 12, "method": "equal_principal", "purpose": "扩大生产"])
            let id = try #require((try reply.json()["application"] as? [String: Any])?["id"] as? Int)
            for body: [String: Any] in [["action": "accept"],
                                        ["action": "approve", "amountCents": 12_000_000, "rateBasisPoints": 435, "termMonths": 12,
                                         "method": "equal_principal"]] {
                #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken, body).status == .ok)
            }
            // Over the API, signing without the code is refused.
            let bare = try await send(app, .POST, "/api/v1/applications/\(id)/events", token: f.firmAToken,
                                      body: #"{"action":"sign_contract"}"#, contentType: "application/json")
            #expect(bare.status == .unprocessableEntity)
            #expect((try bare.json()["message"] as? String)?.contains("验证码") == true)

            var firm = ConsoleTests.Browser(app: app)
            _ = try await firm.signIn("firm-a")
            var page = try await firm.get("/firm/applications/\(id)")
            #expect(page.body.contains("/firm/applications/\(id)/contract") && !page.body.contains("/firm/applications/\(id)/sign\""))
            page = try await firm.get("/firm/applications/\(id)/contract")
            let number = "XYD-C-" + String(repeating: "0", count: 10 - String(id).count) + String(id)
            #expect(page.body.contains(number) && page.body.contains("甲银行") && page.body.contains("首期还款") && page.body.contains("还款总额"))
            #expect(page.body.contains("第 12 期") && page.body.contains("¥120,000.00"))
            let csrf = ConsoleTests.Browser.csrf(in: page.body)

            // The code goes to the firm's phone; a wrong code and a missing consent are refused, nothing signed.
            _ = try await firm.post("/firm/applications/\(id)/contract/code", form: ["csrf": csrf])
            page = try await firm.get("/firm/applications/\(id)/contract")
            #expect(page.body.contains("验证码已发送至 138****0001"))
            let code = try #require(app.smsOutbox?.lastCode(to: "13800000001"))
            let wrong = code == "000000" ? "111111" : "000000"
            _ = try await firm.post("/firm/applications/\(id)/contract/sign", form: ["csrf": csrf, "code": wrong, "agree[]": "yes"])
            page = try await firm.get("/firm/applications/\(id)/contract")
            #expect(page.body.contains("验证码不正确，还可尝试 4 次"))
            _ = try await firm.post("/firm/applications/\(id)/contract/sign", form: ["csrf": csrf, "code": code])
            page = try await firm.get("/firm/applications/\(id)/contract")
            #expect(page.body.contains("请先阅读并勾选同意合同条款"))
            #expect(try await app.applicationStore.application(id: Int64(id))?.state.status == .approved)

            let signed = try await firm.post("/firm/applications/\(id)/contract/sign", form: ["csrf": csrf, "code": code, "agree[]": "yes"])
            #expect(signed.status == .seeOther)
            #expect(try await app.applicationStore.application(id: Int64(id))?.state.status == .contractSigned)
            page = try await firm.get("/firm/applications/\(id)/contract")
            #expect(page.body.contains("以短信验证码（138****0001）签署") && page.body.contains("/firm/applications/\(id)/contract.pdf"))

            // The PDF: a PDF, the contract's words in it, its digest in the header and in the log.
            let pdf = try await firm.get("/firm/applications/\(id)/contract.pdf")
            #expect(pdf.status == .ok && pdf.body.hasPrefix("%PDF-1.4"))
            #expect(pdf.headers.first(name: .contentType) == "application/pdf")
            let hex = "借款合同".unicodeScalars.map { String(format: "%04X", $0.value) }.joined()
            #expect(pdf.body.contains("<" + hex + ">"))
            // Its cross-reference table points at each object (a reader opens it without repair).
            let bytes = Array(pdf.body.utf8)
            let xrefAt = try #require(Int(pdf.body.components(separatedBy: "startxref\n").last?.split(separator: "\n").first ?? ""))
            let table = String(decoding: bytes[xrefAt...], as: UTF8.self).split(separator: "\n")
            #expect(table.first == "xref")
            for (number, line) in table.dropFirst(3).prefix { $0.hasSuffix(" n ") || $0.hasSuffix(" n") }.enumerated() {
                let offset = try #require(Int(line.prefix(10)))
                #expect(String(decoding: bytes[offset..<offset + 12], as: UTF8.self).hasPrefix("\(number + 1) 0 obj"))
            }
            let sha = try #require(pdf.headers.first(name: "X-Content-SHA256"))
            #expect(sha == LogEntry.digest(of: Array(pdf.body.utf8)))
            let checkpoint = try await app.signLogCheckpoint()
            let entries = try await app.logStore.entries(from: 0, to: checkpoint.size).map { try LogEntry(canonicalBytes: Array($0.entry.utf8)) }
            #expect(entries.contains { $0.kind == .applicationDecision && $0.attributes["contract"] == sha
                && $0.attributes["application"] == String(id) })

            // The lender gets the same file; another bank and another firm do not.
            let lender = try await send(app, .GET, "/api/v1/applications/\(id)/contract.pdf", token: f.bankAToken)
            #expect(lender.status == .ok && lender.headers.first(name: "X-Content-SHA256") == sha)
            #expect(try await send(app, .GET, "/api/v1/applications/\(id)/contract.pdf", token: f.bankBToken).status == .notFound)
            #expect(try await send(app, .GET, "/api/v1/applications/\(id)/contract.pdf", token: f.firmBToken).status == .notFound)
            // Signed once: no second code, no second signature; the bank disburses.
            #expect(try await send(app, .POST, "/api/v1/applications/\(id)/contract-code", token: f.firmAToken).status == .conflict)
            #expect(try await post(app, "/api/v1/applications/\(id)/events", token: f.bankAToken, ["action": "disburse"]).status == .ok)
        }
    }
}
