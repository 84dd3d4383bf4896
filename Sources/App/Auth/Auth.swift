import Domain
import Persistence
import Services
import Vapor

/// Resolves who is calling: a bearer API token (machine clients) or a signed-in web session.
///
/// A future-based middleware, not an `AsyncMiddleware`: Vapor runs each async middleware in a task of its
/// own (a thread hand-off there and back per layer), and on SQLite a bearer token is read on the event loop
/// through `QuickReads` (an indexed read of one row, prepared once) with no hand-off at all. A session, or a
/// token on PostgreSQL, is resolved in one task; a visitor with neither needs none.
struct PrincipalMiddleware: Middleware {
    struct Key: StorageKey { typealias Value = Principal }
    static let csrfHeader = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let resolved: EventLoopFuture<Void>
        if let bearer = request.headers.bearerAuthorization, let quick = request.application.runtime.quickReads,
           let lookup = try? AccountStore.principal(forToken: bearer.token, quick: quick) {
            do {
                try Self.admit(lookup.principal, to: request)
                resolved = request.eventLoop.makeSucceededVoidFuture()
            } catch {
                resolved = request.eventLoop.makeFailedFuture(error)
            }
        } else if request.headers.bearerAuthorization == nil, !request.hasSession {
            // A visitor (public pages, the login page): nobody to look up, no task.
            resolved = request.eventLoop.makeSucceededVoidFuture()
        } else {
            resolved = request.eventLoop.makeFutureWithTask { try await Self.resolve(request) }
        }
        return resolved.flatMap { next.respond(to: request) }.map { response in
            if let token = request.storage[NewFormToken.self] {
                response.cookies[Self.formTokenCookie] = HTTPCookies.Value(
                    string: token, maxAge: 8 * 3600, path: "/", isSecure: request.application.config.secureCookies, isHTTPOnly: true,
                    sameSite: .strict)
            }
            return response
        }
    }

    /// A bearer token's principal, which must exist and, for a write, be allowed to write.
    private static func admit(_ principal: Principal?, to request: Request) throws {
        guard let principal else { throw DomainError.unauthenticated }
        if principal.scope == .read, request.method != .GET, request.method != .HEAD {
            throw DomainError.forbidden("该访问令牌为只读令牌，不能执行写操作")
        }
        request.storage[Key.self] = principal
    }

    private static func resolve(_ request: Request) async throws {
        if let bearer = request.headers.bearerAuthorization {
            try admit(try await request.accounts.principal(forToken: bearer.token), to: request)
        } else if request.hasSession, let id = request.session.data["uid"].flatMap(Int64.init),
                  let user = try await request.accounts.user(id: id), user.status == .active {
            // A browser sends the session cookie with any site's request, so an API write that rests on the
            // cookie alone could come from another site: it needs the session's CSRF token in a header.
            // (Web forms carry the token as a field and check it in their handlers.)
            if request.urlPath.hasPrefix("/api/"), ![.GET, .HEAD, .OPTIONS].contains(request.method) {
                guard request.csrfMatches(request.headers.first(name: Self.csrfHeader)) else {
                    throw DomainError.forbidden("以登录会话调用接口写入数据时，须在 X-CSRF-Token 请求头中附上页面的 CSRF 令牌；程序调用请改用 API 访问令牌")
                }
            }
            request.storage[Key.self] = try await request.accounts.principal(for: user)
        }
    }

    /// The cookie holding a visitor's form token (see `Request.csrfToken`).
    static let formTokenCookie = "xyd_form"
    struct NewFormToken: StorageKey { typealias Value = String }
}

extension Request {
    /// The caller, or 401.
    func principal() throws -> Principal {
        guard let principal = storage[PrincipalMiddleware.Key.self] else { throw DomainError.unauthenticated }
        return principal
    }

    var optionalPrincipal: Principal? { storage[PrincipalMiddleware.Key.self] }

    /// The caller, who must hold one of the roles.
    func principal(in roles: Set<Role>) throws -> Principal {
        let principal = try principal()
        guard roles.contains(principal.role) else { throw DomainError.forbidden("需要\(roles.map(\.label).sorted().joined(separator: "或"))权限") }
        return principal
    }

    /// Gives the signed-in session a new id: the id the browser had before signing in (which someone else may
    /// have planted) is deleted with its data, and the middleware issues a fresh one with the response.
    func rotateSession() async throws {
        if let old = session.id { try await application.sessions.driver.deleteSession(old, for: self).get() }
        session.id = nil
    }

    /// The CSRF token for the forms of this page: the session's, made on first use. A visitor without a
    /// session (the login and registration pages, the public pages) gets one in a cookie of its own instead
    /// (double submit), so that showing a page to a visitor writes no session to the database.
    var csrfToken: String {
        guard hasSession else {
            if let token = storage[PrincipalMiddleware.NewFormToken.self] { return token }
            if let cookie = cookies[PrincipalMiddleware.formTokenCookie]?.string, cookie.utf8.count == 32 { return cookie }
            let token = [UInt8].random(count: 24).base64String()
            storage[PrincipalMiddleware.NewFormToken.self] = token
            return token
        }
        if let token = session.data["csrf"] { return token }
        let token = [UInt8].random(count: 24).base64String()
        session.data["csrf"] = token
        return token
    }

    /// Rejects a form post whose CSRF token does not match the session's.
    func checkCSRF(_ submitted: String?) throws {
        guard csrfMatches(submitted) else { throw DomainError.forbidden("表单已过期或来源不明，请刷新页面后重试") }
    }

    /// Whether `submitted` is the session's CSRF token (compared in constant time).
    func csrfMatches(_ submitted: String?) -> Bool {
        let expected = hasSession ? session.data["csrf"] : nil
        guard let expected = expected ?? cookies[PrincipalMiddleware.formTokenCookie]?.string, let submitted, !submitted.isEmpty,
              expected.utf8.count == submitted.utf8.count else { return false }
        return zip(expected.utf8, submitted.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
    }
}
