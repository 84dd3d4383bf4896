import Domain
import Persistence
import Services
import Vapor
import Views

/// What every portal page shares: the navigation of each role, the page context, flash messages that
/// survive one redirect, and HTML responses with the standard headers.
enum Portal {
    /// The main navigation of a role, `active` being the current path's section.
    static func navigation(for principal: Principal, active: String) -> [NavItem] {
        let items: [(String, String)] = switch principal.role {
        case .creditCenter:
            [("概览", "/console"), ("企业", "/console/enterprises"), ("批次", "/console/batches"),
             ("上传数据", "/console/upload"), ("撮合概况", "/console/market"), ("机构", "/console/institutions"), ("账户审核", "/console/accounts"),
             ("产品审核", "/console/products"), ("承诺书", "/console/commitments"), ("异议", "/console/objections"),
             ("信用修复", "/console/repairs"), ("数据目录", "/console/catalog")]
        case .department:
            [("批次", "/console/batches"), ("上传数据", "/console/upload"), ("异议处理", "/console/objections"),
             ("数据目录", "/console/catalog")]
        case .institutionAdmin, .institutionStaff:
            [("工作台", "/bank"), ("产品", "/bank/products"), ("需求池", "/bank/demands"), ("申请", "/bank/applications"),
             ("贷款", "/bank/loans")] + (principal.role == .institutionAdmin ? [("员工", "/bank/staff")] : [])
        case .enterprise:
            [("首页", "/firm"), ("信用画像", "/firm/profile"), ("信用承诺", "/firm/commitment"),
             ("授权管理", "/firm/authorisations"), ("融资需求", "/firm/demands"), ("产品与测额", "/firm/products"),
             ("我的申请", "/firm/applications"), ("我的贷款", "/firm/loans"), ("异议", "/firm/objections"),
             ("信用修复", "/firm/repairs")]
        }
        // The longest matching prefix is the active item ("/bank/products/3" → 产品, "/bank" → 工作台).
        let best = items.filter { active == $0.1 || active.hasPrefix($0.1 + "/") }.max { $0.1.count < $1.1.count }
        return items.map { NavItem(label: $0.0, href: $0.1, isActive: $0.1 == best?.1) }
    }

    static func roleLabel(_ principal: Principal) -> String {
        switch principal.role {
        case .creditCenter: "信用中心"
        case .department: "部门：\(principal.department?.name ?? "")"
        case .institutionAdmin, .institutionStaff: "\(principal.institution?.name ?? "金融机构") · \(principal.role.label)"
        case .enterprise: "企业用户"
        }
    }

    static func context(_ req: Request, _ principal: Principal, title: String) -> PageContext {
        PageContext(title: title, userDisplayName: principal.displayName, roleLabel: roleLabel(principal),
                    csrfToken: req.csrfToken, navItems: navigation(for: principal, active: req.url.path),
                    flash: takeFlash(req))
    }

    /// A portal page: the blocks under the standard frame.
    static func page(_ req: Request, _ principal: Principal, title: String, subtitle: String? = nil,
                     actions: [PortalPage.Link] = [], _ blocks: [PortalPage.Block]) -> Response {
        html(PortalPage.render(PortalPage.Model(context: context(req, principal, title: title), subtitle: subtitle,
                                                actions: actions, blocks: blocks)))
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

    static func takeFlash(_ req: Request) -> FlashMessage? {
        guard let raw = req.session.data["flash"] else { return nil }
        req.session.data["flash"] = nil
        let parts = raw.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return FlashMessage(kind: parts[0] == "error" ? .error : .success, text: parts[1])
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
            default: return failed(req, to: back, error.message)
            }
        }
    }
}

extension PortalPage.Field.Kind {
    /// A select of `(value, label)` pairs with `selected` chosen.
    static func options(_ pairs: [(String, String)], selected: String? = nil) -> Self {
        .select(pairs.map { SelectOption(value: $0.0, label: $0.1, isSelected: $0.0 == selected) })
    }
}
