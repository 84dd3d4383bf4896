import Domain
import Persistence
import Services
import Vapor
import Views

/// Pages anyone may open: enterprise self-registration, the commitments published for public supervision
/// and the product supermarket.
struct PublicPages {
    func register(_ routes: any RoutesBuilder) {
        routes.get("register", use: registerPage)
        routes.post("register", use: registerFirm)
        routes.get("public", "commitments", use: commitments)
        routes.get("public", "products", use: products)
    }

    /// The frame for visitors: the public links instead of a user's navigation (the page's view sets the title).
    func context(_ req: Request) -> PageContext {
        let signedIn = req.optionalPrincipal
        let nav = signedIn.map { Navigation.items(for: $0.role, active: req.url.path) } ?? Navigation.visitor(active: req.url.path)
        return PageContext(title: "", userDisplayName: signedIn?.displayName ?? "访客",
                           roleLabel: signedIn.map(Navigation.roleLabel) ?? "未登录", csrfToken: req.csrfToken, navItems: nav,
                           flash: Portal.takeFlash(req))
    }

    func registerPage(_ req: Request) async throws -> Response {
        Portal.html(RegisterPage.render(.init(context: context(req))))
    }

    struct RegisterForm: Content {
        var uscc: String?; var legal_rep: String?; var phone: String?; var username: String?; var password: String?; var csrf: String?
    }

    func registerFirm(_ req: Request) async throws -> Response {
        let form = try req.content.decode(RegisterForm.self)
        try req.checkCSRF(form.csrf)
        do {
            let uscc = try USCC.validated(form.uscc ?? "")
            let firm = try await req.registry.enterprise(uscc)
            let claimed = try Validate.text(form.legal_rep, field: "法定代表人姓名", max: 40)
            if case .rejected(let reason) = SelfRegistration.check(
                registryEntry: firm.map { RegisteredIdentity(name: $0.name, legalRepresentative: $0.legalRep) },
                claimedLegalRepresentative: claimed) {
                throw DomainError.invalidInput(field: "法定代表人姓名", reason: reason)
            }
            let username = try Validate.code(form.username, field: "登录用户名")
            let phone = try Validate.phone(form.phone)
            let hash = try await req.password.async.hash(try Validate.password(form.password))
            try await req.accounts.createUser(username: username, displayName: claimed, passwordHash: hash, role: .enterprise,
                                              departmentID: nil, uscc: uscc, phone: phone, status: .pending)
            return Portal.done(req, to: "/login", "注册已提交：\(firm?.name ?? uscc)。信用中心核实后即可登录。")
        } catch let error as DomainError {
            return Portal.failed(req, to: "/register", error.message)
        }
    }

    func commitments(_ req: Request) async throws -> Response {
        let page = try await req.commitmentStore.inForce(paging: try req.paging())
        return Portal.html(PublicCommitmentsPage.render(.init(context: context(req), commitments: page.items.map(\.commitment),
                                                             window: PageWindow(page))))
    }

    func products(_ req: Request) async throws -> Response {
        let type = ProductType(rawValue: req.query[String.self, at: "type"] ?? "")
        let institutionFilter = req.query[String.self, at: "institution"]?.nonEmpty
        let institutions = try await req.accounts.institutions()
        let list = try await req.productStore.products(status: .online).filter { p in
            (type == nil || p.type == type) && (institutionFilter == nil || p.institutionID == institutionFilter)
        }
        return Portal.html(PublicProductsPage.render(.init(context: context(req), type: type, institutionID: institutionFilter,
                                                          institutions: institutions, products: list)))
    }
}
