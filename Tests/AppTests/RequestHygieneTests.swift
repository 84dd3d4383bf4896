import App
import Domain
import Foundation
import Services
import Testing
import TestSupport
import VaporTesting

/// The "should fix" items of the hardening issue: malformed bodies answered in Chinese naming the field,
/// authorisations checked against the catalog and the registry, no open redirect, security headers, literal
/// search text, spreadsheet-safe exports.
@Suite struct RequestHygieneTests {
    @Test(arguments: Backend.allCases)
    func malformedBodiesAreAnsweredInChineseNamingTheField(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let cases: [(String, String, String)] = [
                ("/api/v1/authorisations", #"{"categories": ["tax"], "purposes": ["loan_application"]}"#, "validUntil"),
                ("/api/v1/authorisations", #"{"categories": "tax", "purposes": [], "validUntil": "2026-01-01"}"#, "categories"),
                ("/api/v1/applications", #"{"productID": "x", "amountCents": 1, "termMonths": 12, "purpose": "p"}"#, "productID"),
                ("/api/v1/applications", #"{"productID": 1, "amountCents": 1, "termMonths": null, "purpose": "p"}"#, "termMonths"),
                ("/api/v1/commitments", #"{"signer": "#, ""),
            ]
            for (path, body, field) in cases {
                let reply = try await send(app, .POST, path, token: f.firmAToken, body: body, contentType: "application/json")
                #expect(reply.status == .unprocessableEntity, "\(path) \(body)")
                let json = try reply.json()
                #expect(json["error"] as? String == "invalid_input")
                let message = json["message"] as? String ?? ""
                #expect(field.isEmpty || message.contains(field), "\(message)")
                #expect(!message.contains("CodingKeys") && !message.contains("No such key") && message.unicodeScalars.contains { $0.value >= 0x4E00 },
                        "\(message)")
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func authorisationsAreCheckedAgainstTheCatalogAndTheRegistry(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let valid: [String: Any] = ["institutions": [String(f.bankA.id)], "categories": ["tax"], "purposes": ["loan_application"],
                                        "validUntil": Day.today().adding(days: 365).description]
            let cases: [([String: Any], String)] = [
                (["categories": ["tax", "horoscope"]], "horoscope"),
                (["institutions": ["999999"]], "999999"),
                (["purposes": ["loan_application", "resale"]], "resale"),
                (["validUntil": "5011-01-01"], "最长 3 年"),
            ]
            for (change, phrase) in cases {
                let reply = try await post(app, "/api/v1/authorisations", token: f.firmAToken, valid.merging(change) { _, b in b })
                #expect(reply.status == .unprocessableEntity, "\(change)")
                #expect((try reply.json()["message"] as? String)?.contains(phrase) == true, "\(reply.body)")
            }
            #expect(try await count(app, "authorisations") == 0)
            #expect(try await post(app, "/api/v1/authorisations", token: f.firmAToken, valid).status == .created)
        }
    }

    @Test func aNextPathWithControlCharactersIsNotFollowed() async throws {
        try await withTestApp(.sqlite) { app in
            _ = try await Fixtures.seed(app)
            for next in ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example"] {
                var browser = ConsoleTests.Browser(app: app)
                let page = try await browser.get("/login")
                let reply = try await browser.post("/login", form: ["username": "admin", "password": Fixtures.password, "next": next,
                                                                     "csrf": ConsoleTests.Browser.csrf(in: page.body)])
                #expect(reply.headers.first(name: .location) == "/console", "\(next.debugDescription)")
            }
        }
    }

    @Test func pagesAndAPIResponsesCarryTheSecurityHeaders() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Fixtures.seed(app)
            let page = try await send(app, .GET, "/login", headers: ["Accept": "text/html"])
            #expect(page.headers.first(name: "Content-Security-Policy")?.contains("script-src 'self'") == true)
            #expect(page.headers.first(name: "Referrer-Policy") == "same-origin")
            #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let api = try await send(app, .GET, "/api/v1/enterprises", token: f.centerToken)
            #expect(api.headers.first(name: .cacheControl) == "no-store")
            #expect(api.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let error = try await send(app, .GET, "/api/v1/enterprises")
            #expect(error.status == .unauthorized && error.headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test(arguments: Backend.allCases)
    func searchTextIsLiteral(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            for q in ["%", "_", "9%", "\\"] {
                let reply = try await send(app, .GET, "/api/v1/enterprises?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                                           token: f.centerToken)
                #expect(try reply.json()["total"] as? Int == 0, "\(q): \(reply.body.prefix(200))")
            }
            #expect(try await send(app, .GET, "/api/v1/enterprises?q=9121", token: f.centerToken).json()["total"] as? Int == 2)
            // Words of the name in any order of width and punctuation (issue 16): 大连海韵科技有限公司.
            for q in ["大连 科技", "海韵（科技）", "海韵(科技)", "大连　海韵"] {
                let reply = try await send(app, .GET, "/api/v1/enterprises?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                                           token: f.centerToken)
                #expect(try reply.json()["total"] as? Int == 1, "\(q): \(reply.body.prefix(200))")
            }
            #expect(try await send(app, .GET, "/api/v1/enterprises?q=%E5%A4%A7%E8%BF%9E%20%E5%85%AC%E5%8F%B8", token: f.centerToken)
                .json()["total"] as? Int == 2, "大连 公司: both firms")
        }
    }

    @Test func exportedCellsCannotRunFormulas() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Fixtures.seed(app)
            let file = """
            record_id,uscc,decision_no,decided_on,authority,severity,violation,amount
            P1,91210202MA0000001Z,=HYPERLINK("http://evil.example"),2025-03-01,大连市市场监督管理局,一般,@SUM(A1),-100

            """
            let b = try batch(try await upload(app, "admin.penalty", file, token: f.marketToken))
            #expect(b["rejected"] as? Int == 1)
            let id = try #require(b["id"] as? Int)
            let csv = try await send(app, .GET, "/api/v1/batches/\(id)/quarantine.csv", token: f.marketToken).body
            #expect(csv.contains(#""'=HYPERLINK(""http://evil.example"")""#), "\(csv)")
            #expect(csv.contains(",'@SUM(A1),'-100"), "\(csv)")
        }
        #expect(CSVWriting.spreadsheetSafe("大连") == "大连")
        #expect(CSVWriting.spreadsheetSafe("+86") == "'+86")
    }
}
