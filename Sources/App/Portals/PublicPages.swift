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

    /// The frame for visitors: the public links instead of a user's navigation.
    func page(_ req: Request, title: String, subtitle: String? = nil, _ blocks: [PortalPage.Block]) -> Response {
        let signedIn = req.optionalPrincipal
        let nav = signedIn.map { Portal.navigation(for: $0, active: req.url.path) } ?? [
            NavItem(label: "产品超市", href: "/public/products", isActive: req.url.path == "/public/products"),
            NavItem(label: "信用承诺公示", href: "/public/commitments", isActive: req.url.path == "/public/commitments"),
            NavItem(label: "企业注册", href: "/register", isActive: req.url.path == "/register"),
            NavItem(label: "登录", href: "/login"),
        ]
        let context = PageContext(title: title, userDisplayName: signedIn?.displayName ?? "访客",
                                  roleLabel: signedIn.map(Portal.roleLabel) ?? "未登录", csrfToken: req.csrfToken, navItems: nav,
                                  flash: Portal.takeFlash(req))
        return Portal.html(PortalPage.render(PortalPage.Model(context: context, subtitle: subtitle, blocks: blocks)))
    }

    func registerPage(_ req: Request) async throws -> Response {
        page(req, title: "企业注册", subtitle: "使用统一社会信用代码注册，信用中心核实后开通", [
            .form(.init(title: "注册信息", id: "register", action: "/register", fields: [
                .init("uscc", "统一社会信用代码", isRequired: true, hint: "18 位，须已在本市登记"),
                .init("legal_rep", "法定代表人姓名", isRequired: true, hint: "须与登记信息一致"),
                .init("phone", "联系手机", kind: .tel, isRequired: true),
                .init("username", "登录用户名", isRequired: true, hint: "字母、数字"),
                .init("password", "密码", kind: .password, isRequired: true, hint: "至少 10 位"),
            ], submitLabel: "提交注册")),
        ])
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
        return self.page(req, title: "信用承诺公示", subtitle: "以下企业已签署信用承诺书，接受社会监督", [
            .table(.init(title: "已签署企业（\(page.total)）", id: "commitments",
                         headers: ["企业名称", "统一社会信用代码", "签署人", "签署时间", "承诺书版本", "内容摘要"],
                         rows: page.items.map { s in
                [.text(s.commitment.firmName), .mono(s.commitment.uscc), .text(s.commitment.signerName),
                 .text(Format.time(s.commitment.signedAt)), .text("第 \(s.commitment.templateVersion) 版"),
                 .mono(String(s.commitment.contentHash.prefix(16)) + "…")]
            }, emptyText: "暂无公示")),
            .pagination(Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/public/commitments")),
        ])
    }

    func products(_ req: Request) async throws -> Response {
        let type = ProductType(rawValue: req.query[String.self, at: "type"] ?? "")
        let institutionFilter = req.query[String.self, at: "institution"]?.nonEmpty
        let institutions = try await req.accounts.institutions()
        let names = Institution.names(institutions)
        let list = try await req.productStore.products(status: .online).filter { p in
            (type == nil || p.type == type) && (institutionFilter == nil || p.institutionID == institutionFilter)
        }
        return page(req, title: "产品超市", subtitle: "各金融机构在售的信易贷产品", [
            .form(.init(title: "筛选", id: "filter", action: "/public/products", method: .get, fields: [
                .init("type", "产品类型", kind: .options([("", "全部")] + ProductType.allCases.map { ($0.rawValue, $0.label) },
                                                         selected: type?.rawValue ?? "")),
                .init("institution", "金融机构", kind: .options([("", "全部")] + institutions.map { (String($0.id), $0.name) },
                                                               selected: institutionFilter ?? "")),
            ], submitLabel: "筛选")),
            .table(.init(title: "在售产品（\(list.count)）", id: "products",
                         headers: ["产品", "金融机构", "类型", "额度", "年利率", "期限", "申请条件"], rows: list.map { p in
                [.text(p.name), .text(names[p.institutionID] ?? ""), .text(p.type.label), .text(p.amountRange.text),
                 .text(p.rateRange.text), .text(p.termRange.text),
                 .text(p.eligibility.minimumGrade.map { "信用等级 \($0) 及以上" } ?? "不限等级")]
            }, emptyText: "暂无在售产品")),
        ])
    }
}
