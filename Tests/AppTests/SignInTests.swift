import Persistence
import NIOHTTP1
import App
import Domain
import Foundation
import Services
import Testing
import TestSupport
import VaporTesting

/// Sign-in throttling (per client address, quietly per account), account review and self-registration checks,
/// through the web forms.
@Suite struct SignInTests {
    func attempt(_ browser: inout ConsoleTests.Browser, _ user: String, _ password: String) async throws -> Reply {
        let page = try await browser.get("/login")
        return try await browser.post("/login", form: ["username": user, "password": password,
                                                        "csrf": ConsoleTests.Browser.csrf(in: page.body)])
    }

    /// Guessing slows the guesser's address, not the account: after five failures the address waits 1 s, then
    /// 2 s, … (the app's clock is stopped here and moved by the test), while the account's owner can still sign in.
    @Test(arguments: Backend.allCases)
    func repeatedFailuresSlowTheAddressNotTheAccount(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            _ = try await Fixtures.seed(app)
            let time = TestClock(at: Date())
            app.platform = app.platform.on(time.clock)
            var browser = ConsoleTests.Browser(app: app)
            for user in ["admin", "admin", "nobody", "admin", "scjgj"] {
                let reply = try await attempt(&browser, user, "wrong-password")
                #expect(reply.status == .unauthorized)
                #expect(reply.body.contains("用户名或密码不正确"))
            }
            // Waiting: even the right password is refused, with the time left.
            let waiting = try await attempt(&browser, "admin", Fixtures.password)
            #expect(waiting.status == .tooManyRequests)
            #expect(waiting.body.contains("登录失败次数过多，请 1 秒后再试"))
            #expect(waiting.headers.first(name: .retryAfter) == "1")
            time.advance(seconds: 1)
            // One more failure doubles the wait.
            #expect(try await attempt(&browser, "admin", "wrong-password").body.contains("用户名或密码不正确"))
            #expect(try await attempt(&browser, "admin", Fixtures.password).body.contains("请 2 秒后再试"))
            time.advance(seconds: 2)
            // The account itself was never locked: its owner signs in once the address's wait is over.
            #expect(try await attempt(&browser, "admin", Fixtures.password).status == .seeOther)
            let admin = try #require(try await app.accounts.user(username: "admin"))
            #expect(admin.failedLogins == 0 && admin.lockedUntil == nil)
        }
    }

    /// A stranger learns neither which names exist nor which accounts are locked: an unknown name, a wrong
    /// password and a locked account (even with the right password) read the same.
    @Test(arguments: Backend.allCases)
    func unknownNamesAndLockedAccountsReadLikeAWrongPassword(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            _ = try await Fixtures.seed(app)
            var browser = ConsoleTests.Browser(app: app)
            func message(_ reply: Reply) -> String? {
                guard let start = reply.body.range(of: "用户名或密码不正确") else { return nil }
                return String(reply.body[start.lowerBound...].prefix(40))
            }
            let wrong = try await attempt(&browser, "admin", "wrong-password")
            let unknown = try await attempt(&browser, "nobody", "wrong-password")
            // The account's own ceiling (50 failures in a row by default) has locked scjgj.
            let clerk = try #require(try await app.accounts.user(username: "scjgj"))
            try await app.accounts.recordLogin(userID: clerk.id, failures: 0, lockedUntil: epochMillis() + 15 * 60_000)
            let locked = try await attempt(&browser, "scjgj", Fixtures.password)
            for reply in [wrong, unknown, locked] {
                #expect(reply.status == .unauthorized)
                #expect(message(reply) != nil && message(reply) == message(wrong))
                #expect(!reply.body.contains("锁定") && !reply.body.contains("不存在"))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func registrationIsCheckedAndPendingUntilConfirmed(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            var browser = ConsoleTests.Browser(app: app)
            // Step one: the code goes to the phone typed.
            var page = try await browser.get("/register")
            let csrf = ConsoleTests.Browser.csrf(in: page.body)
            _ = try await browser.post("/register/code", form: ["phone": "13912345678", "csrf": csrf])
            page = try await browser.get("/register?phone=13912345678")
            #expect(page.body.contains("验证码已发送至 139****5678"))
            let code = try #require(app.smsOutbox?.lastCode(to: "13912345678"))
            func register(_ form: [String: String], file: String = "%PDF-1.4 营业执照") async throws -> String {
                let page = try await browser.get("/register")
                _ = try await browser.upload("/register", fields: form.merging(["csrf": ConsoleTests.Browser.csrf(in: page.body)]) { a, _ in a },
                                             fileName: "营业执照.pdf", file: file)
                return try await browser.get("/register").body + (try await browser.get("/login").body)
            }
            let base = ["uscc": SampleFiles.firmA, "legal_rep": "王伟", "phone": "13912345678", "username": "haiyun",
                        "password": Fixtures.password, "code": code, "consent[]": "yes"]
            // The legal representative must match the registration; the USCC must be valid and registered; consent and
            // the licence are required — each said under its field, what was typed kept.
            var answer = try await register(base.merging(["legal_rep": "张三"]) { _, b in b })
            #expect(answer.contains("法定代表人") && answer.contains("form-echo") && answer.contains("\"haiyun\""))
            #expect(try await register(base.merging(["uscc": "91210202MA0000001Z"]) { _, b in b }).contains("统一社会信用代码"))
            answer = try await register(base.filter { $0.key != "consent[]" }, file: "")
            #expect(answer.contains("请阅读并同意《个人信息处理规则》") && answer.contains("请上传营业执照或授权委托书"))
            #expect(try await app.accounts.user(username: "haiyun") == nil)
            #expect(try await register(base).contains("注册已提交"))
            let user = try #require(try await app.accounts.user(username: "haiyun"))
            #expect(user.status == .pending)
            #expect(user.role == .enterprise && user.uscc == SampleFiles.firmA)
            #expect(try await attempt(&browser, "haiyun", Fixtures.password).body.contains("账号尚在审核中"))
            // The code is used up: a second registration with it is refused.
            #expect(try await register(base.merging(["username": "haiyun2"]) { _, b in b }).contains("请先获取验证码"))

            // The operator sees the claim beside the registry, the evidence, and downloads the licence; it rejects with a
            // reason the applicant reads when signing in.
            let review = try await send(app, .GET, "/console/accounts", token: f.centerToken)
            #expect(review.body.contains("姓名一致") && review.body.contains("已同意（版本 \(RegistrationConsent.version)）"))
            #expect(review.body.contains("/console/accounts/\(user.id)/document"))
            let document = try await send(app, .GET, "/console/accounts/\(user.id)/document", token: f.centerToken)
            #expect(document.status == .ok && document.body == "%PDF-1.4 营业执照")
            #expect(try await send(app, .GET, "/console/accounts/\(user.id)/document", token: f.courtToken).status == .forbidden)
            var center = ConsoleTests.Browser(app: app)
            _ = try await center.signIn("admin")
            let accounts = try await center.get("/console/accounts")
            _ = try await center.post("/console/accounts/\(user.id)/reject",
                                      form: ["reason": "授权委托书未加盖公章", "csrf": ConsoleTests.Browser.csrf(in: accounts.body)])
            #expect(try await app.accounts.user(username: "haiyun")?.status == .disabled)
            #expect(try await attempt(&browser, "haiyun", Fixtures.password).body.contains("注册未通过信用中心审核：授权委托书未加盖公章"))
        }
    }

    /// An id planted before sign-in (an attacker's own session id, set in the victim's browser) must not become
    /// the victim's signed-in session: sign-in issues a new id and the old one is gone.
    @Test(arguments: Backend.allCases)
    func signingInRotatesTheSessionAndTheCookieIsSecure(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            _ = try await Fixtures.seed(app)
            // The attacker's session: signed in as the department clerk, then the cookie planted in the victim's browser.
            var attacker = ConsoleTests.Browser(app: app)
            var page = try await attacker.get("/login")
            #expect(try await attacker.post("/login", form: ["username": "scjgj", "password": Fixtures.password,
                                                              "csrf": ConsoleTests.Browser.csrf(in: page.body)]).status == .seeOther)
            let planted = attacker.cookie
            #expect(planted.hasPrefix("xyd_session="))
            var victim = ConsoleTests.Browser(app: app)
            victim.cookie = planted
            page = try await victim.get("/login")
            let reply = try await victim.post("/login", form: ["username": "admin", "password": Fixtures.password,
                                                                "csrf": ConsoleTests.Browser.csrf(in: page.body)])
            #expect(reply.status == .seeOther)
            let setCookie = try #require(reply.headers.first(name: .setCookie))
            #expect(setCookie.contains("Secure") && setCookie.contains("HttpOnly"))
            #expect(victim.cookie.hasPrefix("xyd_session=") && victim.cookie != planted)
            #expect(try await victim.get("/console").body.contains("信用中心管理员"))
            // The planted id signs nobody in any more, least of all as the victim.
            let after = try await attacker.get("/console")
            #expect(after.status != .ok && !after.body.contains("信用中心管理员"))
        }
    }

    @Test func theSecureFlagCanBeTurnedOffForPlainHTTPDevelopment() throws {
        #expect(try AppConfig.load([:]).secureCookies)
        #expect(try !AppConfig.load(["XYD_SECURE_COOKIES": "false"]).secureCookies)
        #expect(throws: AppConfig.Problems.self) { try AppConfig.load(["XYD_SECURE_COOKIES": "maybe"]) }
    }

    /// Another site can make a signed-in firm's browser send a request with its session cookie: an API write
    /// resting on the cookie alone is refused; with the page's CSRF token in the header it goes through.
    @Test(arguments: Backend.allCases)
    func cookieAPIWritesNeedTheCSRFHeader(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            _ = try await MarketplaceAPITests.setUp(app)
            var browser = ConsoleTests.Browser(app: app)
            #expect(try await attempt(&browser, "firm-a", Fixtures.password).status == .seeOther)
            let body = try json(["categories": ["tax"], "purposes": ["loan_application"],
                                 "validUntil": Day.today().adding(days: 30).description])
            var headers = browser.headers
            var reply = try await send(app, .POST, "/api/v1/authorisations", body: body, contentType: "application/json",
                                       headers: headers)
            #expect(reply.status == .forbidden)
            #expect((try reply.json()["message"] as? String)?.contains("X-CSRF-Token") == true)
            headers.add(name: "X-CSRF-Token", value: "forged")
            reply = try await send(app, .POST, "/api/v1/authorisations", body: body, contentType: "application/json", headers: headers)
            #expect(reply.status == .forbidden)
            #expect(try await count(app, "authorisations") == 0)
            // Reads need no token; the token of a page of this session makes the write legitimate.
            let page = try await browser.get("/firm/authorisations")
            #expect(page.status == .ok)
            headers = browser.headers
            headers.add(name: "X-CSRF-Token", value: ConsoleTests.Browser.csrf(in: page.body))
            reply = try await send(app, .POST, "/api/v1/authorisations", body: body, contentType: "application/json", headers: headers)
            #expect(reply.status == .created)
        }
    }
}
