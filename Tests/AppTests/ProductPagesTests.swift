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
                        "min_term": "6", "max_term": "24", "methods[]": "equal_installment", "min_grade": "B", "min_years": "1",
                        "industries[]": "I", "districts[]": "210202", "introduction": "面向科技型小微企业的纯信用贷款",
                        "conditions": "纳税信用 B 级及以上", "materials": "营业执照", "process": "在线申请、审批、签约、放款",
                        "contact_name": "张经理", "contact_phone": "0411-12345678"]
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
            // The supermarket: filtered by what a firm needs, each product on a page of its own with how to apply.
            func publicList(_ query: String) async throws -> String { try await send(app, .GET, "/public/products" + query).body }
            #expect(try await publicList("?amount=50&term=12&max_rate=4").contains("甲行新产品"), "¥500,000 for 12 months at up to 4 %")
            #expect(try await !publicList("?amount=100").contains("甲行新产品"), "¥1,000,000 is above its maximum")
            #expect(try await !publicList("?term=36").contains("甲行新产品"))
            #expect(try await !publicList("?max_rate=3").contains("甲行新产品"), "its lowest rate is 3.5 %")
            #expect(try await !publicList("?type=guaranteed").contains("甲行新产品"))
            #expect(try await send(app, .GET, "/public/products?amount=abc").status == .unprocessableEntity)
            let detail = try await send(app, .GET, "/public/products/\(id)")
            #expect(detail.status == .ok)
            #expect(detail.body.contains("产品介绍") && detail.body.contains("面向科技型小微企业的纯信用贷款") && detail.body.contains("所需材料"))
            #expect(detail.body.contains("张经理 0411-12345678") && detail.body.contains("甲银行"))
            #expect(detail.body.contains("信息传输、软件和信息技术服务业") && detail.body.contains("中山区"), "industries and districts by name")
            #expect(detail.body.contains("登录后申请") && detail.body.contains("/login?next=%2Ffirm%2Fproducts%3Fproduct%3D\(id)"))
            #expect(try await send(app, .GET, "/public/products/\(id)", token: f.firmAToken).body.contains("申请该产品"))
            #expect(try await send(app, .GET, "/public/products/\(id)", token: f.bankBToken).body.contains("仅企业用户可在线申请"))
            #expect(try await send(app, .GET, "/public/products/\(f.draftProductID)").status == .notFound, "a draft is not on sale")
            #expect(try await send(app, .GET, "/public/products/\(id)", token: f.bankAToken).status == .ok)
            // A wrong contact phone is refused under its own input.
            page = try await bank.get("/bank/products")
            reply = try await bank.post("/bank/products", form: form.merging(["csrf": ConsoleTests.Browser.csrf(in: page.body), "name": "甲行另一产品",
                                                                               "contact_phone": "abc"]) { _, b in b })
            page = try await bank.get("/bank/products")
            #expect(page.body.contains("应为手机号码或固定电话"))
            #expect(page.body.contains(#""field":"contact_phone""#))
            // Online products cannot be edited until taken offline.
            page = try await bank.get("/bank/products/\(id)")
            _ = try await bank.post("/bank/products/\(id)/update", form: form.merging(["csrf": ConsoleTests.Browser.csrf(in: page.body)]) { _, b in b })
            #expect(try await bank.get("/bank/products/\(id)").body.contains("不能修改"))
        }
    }
}
