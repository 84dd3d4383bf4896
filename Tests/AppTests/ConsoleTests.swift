import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// The web console as a clerk uses it: sign in with CSRF, lists, profile, batches.
@Suite struct ConsoleTests {
    struct Browser {
        let app: Application
        var cookie = ""

        mutating func get(_ path: String) async throws -> Reply {
            let reply = try await send(app, .GET, path, headers: headers)
            remember(reply)
            return reply
        }

        mutating func upload(_ path: String, fields: [String: String], fileName: String, file: String) async throws -> Reply {
            let boundary = "xydboundary7MA4YWxk"
            var body = ""
            for (name, value) in fields {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n\(file)\r\n--\(boundary)--\r\n"
            let reply = try await send(app, .POST, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)", headers: headers)
            remember(reply)
            return reply
        }

        mutating func post(_ path: String, form: [String: String]) async throws -> Reply {
            let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&")
            let reply = try await send(app, .POST, path, body: body, contentType: "application/x-www-form-urlencoded", headers: headers)
            remember(reply)
            return reply
        }

        var headers: HTTPHeaders {
            var h = HTTPHeaders([("Accept", "text/html")])
            if !cookie.isEmpty { h.add(name: .cookie, value: cookie) }
            return h
        }

        mutating func remember(_ reply: Reply) {
            if let set = reply.headers.first(name: .setCookie), let pair = set.split(separator: ";").first {
                cookie = String(pair)
            }
        }

        static func csrf(in html: String) -> String {
            guard let range = html.range(of: "name=\"csrf\" value=\"") else { return "" }
            return String(html[range.upperBound...].prefix { $0 != "\"" })
        }

        mutating func signIn(_ user: String) async throws -> Reply {
            let page = try await get("/login")
            return try await post("/login", form: ["username": user, "password": Fixtures.password, "csrf": Self.csrf(in: page.body)])
        }
    }

    @Test(arguments: Backend.allCases)
    func creditCenterSignsInSearchesAndReadsAProfile(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken)
            var browser = Browser(app: app)
            let redirect = try await browser.get("/console")
            #expect(redirect.status == .seeOther)
            #expect(redirect.headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await browser.signIn("admin").status == .seeOther)
            let list = try await browser.get("/console/enterprises?q=海韵")
            #expect(list.status == .ok)
            #expect(list.body.contains("大连海韵科技有限公司"))
            #expect(!list.body.contains("大连北港物流有限公司"))
            let profile = try await browser.get("/console/enterprises/\(SampleFiles.firmA)")
            #expect(profile.body.contains("虚假宣传"))
            #expect(profile.body.contains("市场监管局"))
            let dashboard = try await browser.get("/console")
            #expect(dashboard.body.contains("<svg"))
        }
    }

    /// A clerk uploads a file with errors in the browser and lands on the batch page with its quarantine.
    @Test(arguments: Backend.allCases)
    func clerkUploadsAFileAndReadsTheQuarantine(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            _ = try await Fixtures.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("scjgj")
            let form = try await browser.get("/console/upload")
            #expect(form.body.contains("market.registration"))
            #expect(!form.body.contains("value=\"judicial.case\""), "only datasets the department may send are offered")
            let csrf = Browser.csrf(in: form.body)
            let forged = try await browser.upload("/console/upload", fields: ["dataset": "admin.penalty", "csrf": "x"],
                                                  fileName: "p.csv", file: SampleFiles.penaltiesWithErrors)
            #expect(forged.status == .forbidden)
            #expect(try await count(app, "batches") == 0)
            let sent = try await browser.upload("/console/upload", fields: ["dataset": "admin.penalty", "csrf": csrf],
                                                fileName: "处罚.csv", file: SampleFiles.penaltiesWithErrors)
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers.first(name: .location))
            let detail = try await browser.get(location)
            #expect(detail.body.contains("处罚.csv"))
            #expect(detail.body.contains("晚于今天"))
            #expect(detail.body.contains("quarantine.csv"))
            let refused = try await browser.upload("/console/upload", fields: ["dataset": "judicial.case", "csrf": csrf],
                                                   fileName: "j.csv", file: "record_id,uscc\n")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("无权报送"))
        }
    }

    @Test func loginNeedsTheCSRFTokenAndTheRightPassword() async throws {
        try await withTestApp(.sqlite) { app in
            _ = try await Fixtures.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.get("/login")
            let forged = try await browser.post("/login", form: ["username": "admin", "password": Fixtures.password, "csrf": "forged"])
            #expect(forged.status == .forbidden)
            let page = try await browser.get("/login")
            let wrong = try await browser.post("/login", form: ["username": "admin", "password": "nope", "csrf": Browser.csrf(in: page.body)])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("用户名或密码不正确"))
        }
    }

    @Test(arguments: Backend.allCases)
    func departmentSeesItsOwnBatchesAndQuarantineButNoProfiles(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let mine = try #require(try batch(try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken))["id"] as? Int)
            let theirs = try #require(try batch(try await upload(app, "judicial.case", "record_id,uscc,case_no,filed_on,role\nJ1,\(SampleFiles.firmA),(2025)辽0202民初1号,2025-02-01,被告\n", token: f.courtToken))["id"] as? Int)
            var browser = Browser(app: app)
            _ = try await browser.signIn("scjgj")
            let list = try await browser.get("/console/batches")
            #expect(list.body.contains("/console/batches/\(mine)"))
            #expect(!list.body.contains("/console/batches/\(theirs)\""))
            let detail = try await browser.get("/console/batches/\(mine)")
            #expect(detail.body.contains("晚于今天"))
            #expect(try await browser.get("/console/batches/\(theirs)").status == .notFound)
            #expect(try await browser.get("/console/enterprises").status == .forbidden)
        }
    }
}
