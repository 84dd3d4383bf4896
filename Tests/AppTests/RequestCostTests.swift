import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// What a request costs the server (issue 10, "fixed cost of a request"): a visitor's pages write no session
/// to the database, the static files come from memory with an ETag, and the health check reads no table.
@Suite struct RequestCostTests {
    @Test(arguments: Backend.allCases)
    func visitorsPagesWriteNoSession(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            _ = try await Fixtures.seed(app)
            for path in ["/login", "/register", "/public/products", "/public/commitments"] {
                let reply = try await send(app, .GET, path, headers: ["Accept": "text/html"])
                #expect(reply.status == .ok, "\(path)")
                #expect(reply.headers.setCookie?["xyd_session"] == nil, "\(path) made a session")
            }
            #expect(try await count(app, "_fluent_sessions") == 0)
            // The login form still carries a token, checked against the visitor's own form cookie.
            var browser = ConsoleTests.Browser(app: app)
            let page = try await browser.get("/login")
            #expect(browser.cookie.hasPrefix("xyd_form="))
            let forged = try await browser.post("/login", form: ["username": "admin", "password": Fixtures.password, "csrf": "x"])
            #expect(forged.status == .forbidden)
            let signedIn = try await browser.post("/login", form: ["username": "admin", "password": Fixtures.password,
                                                                    "csrf": ConsoleTests.Browser.csrf(in: page.body)])
            #expect(signedIn.status == .seeOther)
            #expect(try await count(app, "_fluent_sessions") == 1)
        }
    }

    @Test func staticFilesComeFromMemoryWithAnETag() async throws {
        try await withTestApp(.sqlite) { app in
            let first = try await send(app, .GET, "/static/app.css")
            #expect(first.status == .ok && first.headers.contentType == .css && first.body.contains("{"))
            let etag = try #require(first.headers.first(name: .eTag))
            let again = try await send(app, .GET, "/static/app.css", headers: ["If-None-Match": etag])
            #expect(again.status == .notModified && again.body.isEmpty)
            #expect(try await send(app, .GET, "/static/nope.css").status == .notFound)
            #expect(try await send(app, .GET, "/healthz").status == .ok)
        }
    }
}
