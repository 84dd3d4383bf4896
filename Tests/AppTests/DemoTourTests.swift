@testable import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// The demo city the README's first command starts (a smaller one), walked as each of its users would: from the
/// landing page, every link a page offers is followed (two of each shape, so that every kind of page is seen).
/// Every page answers, and every page follows the platform's one way of writing figures (thousands separated, no
/// space before 元 or 万元, two decimals after ¥) and shows no internal code or Swift text (issue 16).
@Suite struct DemoTourTests {
    /// The demo's users: the credit center, three departments, two banks' staff and an admin, a guarantor, the fund's
    /// finance bureau and treasury, the demo firm, and a visitor.
    static let users = ["admin", "scjgj", "ggsy", "fy", "dlbank-admin", "dlbank-staff", "ccbdl-staff", "dlguarantee-admin", "jrj",
                        "czj", "firm-demo", nil]

    @Test(arguments: Backend.allCases)
    func everyPageOfEveryRoleAnswersWithOneNumberFormat(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            try await DemoCommand.prepare(app, options: .init(arguments: ["--enterprises", "150", "--months", "12"]))
            var visited = 0
            let mustSee = ["admin": ["/console/quarantine", "/console/unlinked", "/console/demands", "/console/fund"],
                           "dlbank-staff": ["/bank/applications", "/bank/demands"], "firm-demo": ["/firm/loans", "/firm/demands", "/firm/objections"],
                           "ggsy": ["/console/objections", "/console/quarantine"]]
            for user in Self.users {
                var tour = Tour(app: app, rules: try Self.rules())
                try await tour.signIn(user)
                try await tour.walk(limit: 160)
                #expect(tour.problems.isEmpty, "\(user ?? "访客")：\n\(tour.problems.prefix(20).joined(separator: "\n"))")
                #expect(tour.visited.count > (user == nil ? 8 : 10), "\(user ?? "访客") saw only \(tour.visited.sorted())")
                for path in mustSee[user ?? ""] ?? [] { #expect(tour.visited.contains(path), "\(user ?? "") never reached \(path)") }
                visited += tour.visited.count
            }
            #expect(visited > 200)
        }
    }

    /// The rules a page's visible text must follow, each a pattern that must not occur (NSRegularExpression: Swift's
    /// Regex has no lookbehind).
    static func rules() throws -> [(String, NSRegularExpression)] {
        try [
            ("金额缺千分位", #"(?<![\d,.])\d{4,}(\.\d+)?\s?(万元|元)"#),
            ("金额与单位之间有空格", #"\d\s+(万元|元)(?![/（(])"#),
            ("¥ 金额缺千分位", #"¥\d{4,}"#),
            ("¥ 金额不是两位小数", #"¥[\d,]+\.\d(?!\d)"#),
            ("内部代码", #"\b[a-z]+_[a-z_]+\b"#),
            ("程序文字", #"DomainError|Swift\.|CodingKeys|Optional\(|Fatal error"#),
        ].map { ($0.0, try NSRegularExpression(pattern: $0.1)) }
    }

    /// A visitor's session that follows links.
    struct Tour {
        let app: Application
        var cookie = ""
        var visited: Set<String> = []
        var problems: [String] = []
        var queue: [String] = []

        mutating func signIn(_ user: String?) async throws {
            let login = try await get("/login")
            guard let user else { queue = ["/"]; return }
            let csrf = ConsoleTests.Browser.csrf(in: login.body)
            let form = ["username": user, "password": DemoCommand.password, "csrf": csrf]
                .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            let reply = try await send(app, .POST, "/login", body: form, contentType: "application/x-www-form-urlencoded", headers: headers)
            remember(reply)
            let landing = try #require(reply.headers.first(name: .location), "\(user) could not sign in: \(reply.status)")
            #expect(reply.status == .seeOther)
            queue = [landing]
        }

        let rules: [(String, NSRegularExpression)]

        mutating func walk(limit: Int) async throws {
            while !queue.isEmpty, visited.count < limit {
                let path = queue.removeFirst()
                guard visited.insert(path).inserted else { continue }
                var reply = try await get(path)
                if reply.status == .seeOther || reply.status == .found, let next = reply.headers.first(name: .location) {
                    reply = try await get(next)
                }
                guard reply.status == .ok else { problems.append("\(path)：\(reply.status.code)"); continue }
                guard reply.headers.contentType?.subType == "html" else { continue }
                check(path, Self.visibleText(reply.body))
                for link in Self.links(reply.body) where !visited.contains(link) && !queue.contains(link) {
                    let shape = Self.shape(link)
                    if visited.union(queue).filter({ Self.shape($0) == shape }).count < 2 { queue.append(link) }
                }
            }
        }

        mutating func check(_ path: String, _ text: String) {
            let whole = NSRange(text.startIndex..., in: text)
            for (name, rule) in rules {
                if let match = rule.firstMatch(in: text, range: whole), let range = Range(match.range, in: text) {
                    let start = text.index(range.lowerBound, offsetBy: -20, limitedBy: text.startIndex) ?? text.startIndex
                    let end = text.index(range.upperBound, offsetBy: 10, limitedBy: text.endIndex) ?? text.endIndex
                    problems.append("\(path)：\(name)「\(text[start..<end])」")
                }
            }
        }

        var headers: HTTPHeaders {
            var h = HTTPHeaders([("Accept", "text/html")])
            if !cookie.isEmpty { h.add(name: .cookie, value: cookie) }
            return h
        }

        mutating func get(_ path: String) async throws -> Reply {
            let reply = try await send(app, .GET, Self.encoded(path), headers: headers)
            remember(reply)
            return reply
        }

        mutating func remember(_ reply: Reply) {
            if let set = reply.headers.first(name: .setCookie), let pair = set.split(separator: ";").first { cookie = String(pair) }
        }

        /// Internal links worth following: not static files, not signing out.
        static func links(_ html: String) -> [String] {
            html.matches(of: #/href="([^"#]+)"/#).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
                .filter { $0.hasPrefix("/") && !$0.hasPrefix("//") && !$0.hasPrefix("/static") && !$0.contains("logout") }
        }

        /// A link's kind: its path with numbers and identifiers blanked, without the query.
        static func shape(_ link: String) -> String {
            let path = link.split(separator: "?", maxSplits: 1).first.map(String.init) ?? link
            return path.replacing(#/[0-9A-Z]{6,}|\d+/#, with: "N")
        }

        /// The text a reader sees: no scripts, styles, charts, code samples, form controls' options or monospaced
        /// identifiers (record numbers and codes are shown as sent).
        static func visibleText(_ html: String) -> String {
            var text = html
            for block in [#/(?s)<script.*?</script>/#, #/(?s)<style.*?</style>/#, #/(?s)<svg.*?</svg>/#, #/(?s)<code.*?</code>/#,
                          #/(?s)<select.*?</select>/#, #/(?s)<textarea.*?</textarea>/#, #/<[^>]*class="[^"]*mono[^"]*"[^>]*>[^<]*/#] {
                text = text.replacing(block, with: " ")
            }
            text = text.replacing(#/<[^>]+>/#, with: " ")
            for (entity, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " ")] {
                text = text.replacingOccurrences(of: entity, with: character)
            }
            return text
        }

        /// Non-ASCII characters percent-encoded, as a browser sends them.
        static func encoded(_ path: String) -> String {
            path.unicodeScalars.map { $0.isASCII ? String($0) : String($0).addingPercentEncoding(withAllowedCharacters: []) ?? "" }.joined()
        }
    }
}
