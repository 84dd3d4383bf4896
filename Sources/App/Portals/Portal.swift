import Domain
import Persistence
import Services
import Vapor
import Views

/// What every portal page shares: the page context (navigation from `Views.Navigation`), flash messages that
/// survive one redirect, and HTML responses with the standard headers.
enum Portal {
    /// The frame of a signed-in user's page; the page's view sets the title unless one is given here.
    static func context(_ req: Request, _ principal: Principal, title: String = "") -> PageContext {
        PageContext(title: title, userDisplayName: principal.displayName, roleLabel: Navigation.roleLabel(principal),
                    csrfToken: req.csrfToken, navItems: Navigation.items(for: principal, active: req.url.path),
                    flash: takeFlash(req))
    }

    static func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    /// Redirects after a successful form post, with a message shown once on the next page.
    static func done(_ req: Request, to path: String, _ message: String) -> Response {
        req.session.data["flash"] = "success:" + message
        return req.redirect(to: path)
    }

    /// Redirects back with an error message (a domain error's Chinese text).
    static func failed(_ req: Request, to path: String, _ message: String) -> Response {
        req.session.data["flash"] = "error:" + message
        return req.redirect(to: path)
    }

    /// Redirects back after a refused form: the message, and the form as sent (values and the problem of each
    /// field), so the page shows the form filled in with each reason under its field.
    static func refused(_ req: Request, to path: String, _ error: DomainError, values: [String: [String]]? = nil) -> Response {
        let problems: [FormProblem] = switch error {
        case .invalidFields(let problems): problems
        case .invalidInput(let field, let reason): [FormProblem(field: field, reason: reason)]
        default: []
        }
        let message = problems.isEmpty ? error.message
            : problems.count == 1 ? "提交的内容有误，请修改后重新提交：\(problems[0].text)"
            : "提交的内容有 \(problems.count) 处需要修改，见各项下方的说明："
        let echo = FormEcho(action: req.url.path, values: values ?? FormValues.echoed(req), problems: problems)
        if let data = try? JSONEncoder().encode(echo) { req.session.data["form"] = String(decoding: data, as: UTF8.self) }
        return failed(req, to: path, message)
    }

    static func takeFlash(_ req: Request) -> FlashMessage? {
        // No session, no message: asking the session would create one (a database row) for every visitor.
        guard req.hasSession, let raw = req.session.data["flash"] else { return nil }
        req.session.data["flash"] = nil
        let echo = req.session.data["form"].flatMap { try? JSONDecoder().decode(FormEcho.self, from: Data($0.utf8)) }
        req.session.data["form"] = nil
        let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return FlashMessage(kind: parts[0] == "error" ? .error : .success, text: parts[1], form: echo)
    }

    /// Runs a form action: checks CSRF, runs `action`, and turns a domain error into a flash on `back`
    /// instead of an error page, so the user stays where they were and reads why.
    static func form(_ req: Request, back: String,
                     _ action: (Principal) async throws -> Response) async throws -> Response {
        let principal = try req.principal()
        struct Token: Content { var csrf: String? }
        try req.checkCSRF(try req.content.decode(Token.self).csrf)
        do {
            return try await action(principal)
        } catch let error as DomainError {
            switch error {
            case .unauthenticated, .forbidden: throw error
            default: return refused(req, to: back, error)
            }
        }
    }
}
