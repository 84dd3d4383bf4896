import Vapor
import NIOHTTP1
import Fluent
import App
import Domain
import Foundation
import Persistence
import Testing
import TestSupport

/// A bank drafts a product, edits it, submits it; the operator reviews it; it appears in the supermarket.
@Suite struct ProductPagesTests {
    @Test(arguments: Backend.allCases)
    func draftReviewOnline(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let base = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: base.marketToken)
            let f = try await MarketFixtures.seed(app, base: base)
            var bank = ConsoleTests.Browser(app: app)
            _ = try await bank.signIn("banka-admin")
            var page = try await bank.get("/bank/products")
            var form = ["csrf": ConsoleTests.Browser.csrf(in: page.body), "name": "甲行新产品", "type": "pure_credit",
                        "min_amount": "50000", "max_amount": "800000", "min_rate": "3.5", "max_rate": "6.0",
                        "min_term": "6", "max_term": "24", "methods[]": "equal_installment", "min_grade": "B", "min_years": "1"]
            // Saving with a rate above the cap (4.35 % + 30 % = 5.65 %) and a minimum above the maximum is refused at once:
            // both reasons, each under its input, and the form comes back as typed.
            form["min_amount"] = "900000"
            var reply = try await bank.post("/bank/products", form: form)
            #expect(reply.headers.first(name: .location) == "/bank/products")
            page = try await bank.get("/bank/products")
            #expect(page.body.contains("5.65%"), "the reason names the cap")
            #expect(page.body.contains("2 处需要修改"))
            let echo = try #require(page.body.range(of: "<script type=\"application/json\" id=\"form-echo\">").map { page.body[$0.upperBound...] })
            let json = String(echo[..<(echo.range(of: "</script>")?.lowerBound ?? echo.endIndex)])
            let sent = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(sent["action"] as? String == "/bank/products")
            #expect((sent["values"] as? [String: [String]])?["name"] == ["甲行新产品"], "what was typed comes back")
            #expect((sent["values"] as? [String: [String]])?["csrf"] == nil, "never the CSRF token")
            let fields = ((sent["problems"] as? [[String: String]]) ?? []).compactMap { $0["field"] }
            #expect(Set(fields) == ["max_rate", "max_amount"], "each problem is named by its input")
            #expect(try await ProductStore(database: app.db).products(institutionID: f.bankA.id).allSatisfy { $0.name != "甲行新产品" })
            // Corrected, it is saved as a draft.
            form["min_amount"] = "50000"
            form["csrf"] = ConsoleTests.Browser.csrf(in: page.body)
            reply = try await bank.post("/bank/products", form: form)
            #expect(reply.headers.first(name: .location) == "/bank/products")
            form["max_rate"] = "5.6"
            reply = try await bank.post("/bank/products", form: form)
            let location = try #require(reply.headers.first(name: .location))
            let id = String(location.split(separator: "/").last ?? "")
            #expect(Int64(id) != nil)
            page = try await bank.get("/bank/products/\(id)")
            #expect(page.body.contains("草稿"))
            // Edit the draft, then submit.
            form["max_rate"] = "5.5"
            form["csrf"] = ConsoleTests.Browser.csrf(in: page.body)
            _ = try await bank.post("/bank/products/\(id)/update", form: form)
            page = try await bank.get("/bank/products/\(id)")
            #expect(page.body.contains("5.50%"))
            _ = try await bank.post("/bank/products/\(id)/submit", form: ["csrf": ConsoleTests.Browser.csrf(in: page.body)])
            #expect(try await ProductStore(database: app.db).product(id: Int64(id) ?? 0)?.status == .pendingReview)
            // Not in the supermarket yet; bank B cannot see it.
            #expect(!(try await send(app, .GET, "/public/products").body.contains("甲行新产品")))
            #expect(try await send(app, .GET, "/bank/products/\(id)", token: f.bankBToken).status == .notFound)

            var admin = ConsoleTests.Browser(app: app)
            _ = try await admin.signIn("admin")
            page = try await admin.get("/console/products")
            #expect(page.body.contains("待审核：甲行新产品"))
            reply = try await admin.post("/console/products/\(id)/approve", form: ["csrf": ConsoleTests.Browser.csrf(in: page.body)])
            #expect(reply.status == .seeOther)
            #expect(try await send(app, .GET, "/public/products").body.contains("甲行新产品"))
            // Online products cannot be edited until taken offline.
            page = try await bank.get("/bank/products/\(id)")
            _ = try await bank.post("/bank/products/\(id)/update", form: form.merging(["csrf": ConsoleTests.Browser.csrf(in: page.body)]) { _, b in b })
            #expect(try await bank.get("/bank/products/\(id)").body.contains("不能修改"))
        }
    }
}
