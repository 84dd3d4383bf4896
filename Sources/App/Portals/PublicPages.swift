import Domain
import Persistence
import Services
import Vapor
import Views

/// Pages anyone may open: enterprise self-registration, the commitments published for public supervision
/// and the product supermarket.
struct PublicPages {
    func register(_ routes: any RoutesBuilder) {
        routes.get(use: home)
        routes.get("register", use: registerPage)
        routes.on(.POST, "register", body: .stream, use: registerFirm)
        routes.post("register", "code", use: registerCode)
        routes.get("public", "commitments", use: commitments)
        routes.get("public", "products", use: products)
        routes.get("public", "products", ":id", use: product)
        routes.get("public", "reports", "verify", use: verifyReport)
    }

    /// The frame for visitors: the public links instead of a user's navigation (the page's view sets the title).
    func context(_ req: Request) -> PageContext {
        let signedIn = req.optionalPrincipal
        let nav = signedIn.map { Navigation.items(for: $0, active: req.url.path) } ?? Navigation.visitor(active: req.url.path)
        return PageContext(title: "", userDisplayName: signedIn?.displayName ?? "访客",
                           roleLabel: signedIn.map(Navigation.roleLabel) ?? "未登录", csrfToken: req.csrfToken, navItems: nav,
                           flash: Portal.takeFlash(req), isSignedIn: signedIn != nil)
    }

    /// `/`: a signed-in user goes to their own home; a visitor sees the platform's figures, policies and answers.
    func home(_ req: Request) async throws -> Response {
        if let principal = req.optionalPrincipal { return req.redirect(to: principal.role.homePath) }
        let services = req.services
        let aggregate = try await Statistics(context: services).aggregate()
        let current = StatMonth(Day(services.clock.now()))
        let first = aggregate.months.first.map { min($0, current) } ?? current
        let totals = try aggregate.values(period: .months(first, current))
        var monthly: [(month: StatMonth, value: IndicatorValue)] = []
        if let amount = IndicatorCatalog.indicator("lending.loan_amount") {
            monthly = try aggregate.monthly(amount, months: current.adding(months: -11)...current)
        }
        return Portal.html(PublicHomePage.render(.init(context: context(req), totals: totals, monthly: monthly)))
    }

    func registerPage(_ req: Request) async throws -> Response {
        let phone = (req.query[String.self, at: "phone"] ?? "").filter(\.isNumber).prefix(11)
        return Portal.html(RegisterPage.render(.init(context: context(req), phone: String(phone))))
    }

    /// Sends the registration code to the phone typed in the first step.
    func registerCode(_ req: Request) async throws -> Response {
        struct Form: Content { var phone: String?; var csrf: String? }
        let form = try req.content.decode(Form.self)
        try req.checkCSRF(form.csrf)
        do {
            let masked = try await FirmRegistration.sendCode(req.services, phone: form.phone, from: ClientAddress(peer: req.remoteAddress))
            let phone = (form.phone ?? "").filter(\.isNumber)
            return Portal.done(req, to: "/register?phone=\(phone)", "验证码已发送至 \(masked)，请在第二步填写" + OneTimeCodes.deliveryNote(req.services))
        } catch let error as DomainError {
            return Portal.refused(req, to: "/register", error)
        }
    }

    /// The registration, with its document streamed in after the CSRF token is checked; on an error the form comes
    /// back with what was typed (never the password) and a message under each field.
    func registerFirm(_ req: Request) async throws -> Response {
        let upload = try MultipartUpload(request: req)
        try await upload.readFields()
        try req.checkCSRF(upload.fields["csrf"])
        let fields = upload.fields
        var echoed = fields.filter { !["csrf", "password", "code"].contains($0.key) }.mapValues { [$0] }
        if let consent = fields["consent[]"] { echoed["consent[]"] = [consent] }
        do {
            var bytes: [UInt8] = []
            if let name = upload.fileName, !name.isEmpty {
                for try await chunk in upload.file {
                    bytes += chunk
                    if bytes.count > RegistrationDocument.maxBytes { break }
                }
            }
            let registered = try await FirmRegistration.register(req.services, .init(
                uscc: fields["uscc"], legalRepresentative: fields["legal_rep"], phone: fields["phone"], username: fields["username"],
                password: fields["password"], code: fields["code"], consented: fields["consent[]"] == "yes",
                documentName: upload.fileName, document: bytes))
            return Portal.done(req, to: "/login", "注册已提交：\(registered.firmName ?? registered.uscc)。信用中心核实后即可登录。")
        } catch let error as DomainError {
            return Portal.refused(req, to: "/register?phone=\((fields["phone"] ?? "").filter(\.isNumber).prefix(11))", error, values: echoed)
        }
    }

    func commitments(_ req: Request) async throws -> Response {
        let page = try await req.commitmentStore.inForce(paging: try req.paging())
        return Portal.html(PublicCommitmentsPage.render(.init(context: context(req), commitments: page.items.map(\.commitment),
                                                             window: PageWindow(page))))
    }

    func products(_ req: Request) async throws -> Response {
        func text(_ name: String) -> String? { req.query[String.self, at: name]?.trimmingSpaces().nonEmpty.map { String($0.prefix(20)) } }
        let typed = PublicProductsPage.Typed(amountWan: text("amount") ?? "", termMonths: text("term") ?? "", maxRate: text("max_rate") ?? "")
        let search = ProductSearch(
            amount: try text("amount").map { Cents(try Money.cents($0, field: "需要金额（万元）").value * 10_000) },
            termMonths: try text("term").map { Int(try BoundedInteger.parse($0, field: "期限（月）", in: 1...360)) },
            type: ProductType(rawValue: text("type") ?? ""),
            maxRate: try text("max_rate").map { AnnualRate(basisPoints: try Money.basisPoints($0, field: "最高年利率")) },
            institutionID: text("institution"))
        let institutions = try await req.accounts.institutions()
        let list = try await req.services.readCache.onlineProducts(req.services).filter(search.matches)
        return Portal.html(PublicProductsPage.render(.init(context: context(req), search: search, typed: typed,
                                                          institutions: institutions, products: list)))
    }

    /// One product on sale; a product not on sale (draft, under review, offline) is not found.
    func product(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        guard let product = try await req.services.readCache.onlineProducts(req.services).first(where: { $0.id == id }) else {
            throw DomainError.notFound("该在售产品")
        }
        let institutions = Institution.names(try await req.accounts.institutions())
        let viewer: PublicProductPage.Viewer = switch req.optionalPrincipal?.role {
        case nil: .visitor
        case .enterprise?: .firm
        default: .other
        }
        return Portal.html(PublicProductPage.render(.init(context: context(req), product: product,
                                                         institutionName: institutions[product.institutionID] ?? "",
                                                         choices: Products.choices(req.catalog), viewer: viewer)))
    }

    /// A printed report checked by its number and code; an empty form first.
    func verifyReport(_ req: Request) async throws -> Response {
        let number = req.query[String.self, at: "number"]?.trimmingSpaces().prefix(40).description ?? ""
        let code = req.query[String.self, at: "code"]?.trimmingSpaces().prefix(40).description ?? ""
        var model = ReportVerifyPage.Model(context: context(req), number: number, code: code)
        if !number.isEmpty || !code.isEmpty {
            let result = try await ReportVerification.verify(req.services, number: number, code: code)
            var facts: [ReportVerifyPage.Pair] = []
            if result.isGenuine {
                let names = Institution.names(try await req.accounts.institutions())
                facts = [
                    .init("查询机构", result.institutionID.flatMap { names[String($0)] } ?? "—"),
                    .init("被查询企业", result.uscc ?? "—"),
                    .init("查询时间", result.at.map(Format.dateTime) ?? "—"),
                    .init("依据授权书", result.authorisationID.map { "#\($0)" } ?? "—"),
                    .init("透明日志位置", result.logIndex.map { "第 \($0) 条" } ?? "写入中"),
                ]
            }
            model.outcome = .init(isGenuine: result.isGenuine, message: result.message, facts: facts)
        }
        return Portal.html(ReportVerifyPage.render(model))
    }
}
