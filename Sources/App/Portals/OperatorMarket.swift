import Domain
import Persistence
import Vapor
import Views

/// The operator's side of the marketplace: product review, the commitment template and signed commitments,
/// paper authorisations, and the marketplace at a glance.
struct OperatorMarket {
    func register(_ routes: any RoutesBuilder) {
        let console = routes.grouped("console")
        console.get("market", use: overview)
        console.get("products", use: products)
        console.post("products", ":id", ":action", use: review)
        console.get("commitments", use: commitments)
        console.post("commitments", "template", use: publishTemplate)
        console.post("authorisations", use: recordOffline)
    }

    /// The marketplace at a glance.
    func overview(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let s = try await MarketStats.load(req.db, today: Day.today().description)
        return Portal.html(OperatorMarketPage.render(.init(context: Portal.context(req, principal), figures: .init(
            institutions: s.institutions, productsByStatus: s.productsByStatus, enterpriseAccountsByStatus: s.enterpriseAccountsByStatus,
            commitmentsInForce: s.commitmentsInForce, authorisationsActive: s.authorisationsActive,
            accessesLast30Days: s.accessesLast30Days, applicationsByStatus: s.applicationsByStatus, demandsByStatus: s.demandsByStatus,
            meanMinutesToTake: s.meanMinutesToTake, loans: s.loans, loansOverdue: s.loansOverdue, outstandingCents: s.outstandingCents,
            loansByClass: s.loansByClass))))
    }

    func products(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let names = Institution.names(try await req.accounts.institutions())
        let pending = try await req.productStore.products(status: .pendingReview)
        let online = try await req.productStore.products(status: .online)
        return Portal.html(OperatorProductsPage.render(.init(context: Portal.context(req, principal), pending: pending, online: online,
                                                            institutionNames: names)))
    }

    func review(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/products") { principal in
            guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可审核产品") }
            guard let id = req.parameters.get("id", as: Int64.self), let product = try await req.productStore.product(id: id) else {
                throw DomainError.notFound("该产品")
            }
            struct Form: Content { var reason: String? }
            let action: ProductAction = switch req.parameters.get("action") ?? "" {
            case "approve": .approve
            case "reject": .reject(reason: (try? req.content.decode(Form.self).reason) ?? "")
            default: throw DomainError.notFound("该操作")
            }
            let next = try product.applying(action, policy: req.platform.productPolicy)
            try await req.productStore.save(next)
            return Portal.done(req, to: "/console/products", "产品“\(next.name)”：\(next.status.label)")
        }
    }

    func commitments(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let template = try await req.commitmentStore.latestTemplate()
        let signed = try await req.commitmentStore.inForce(paging: try req.paging())
        let categories = req.catalog.authorisedCategories
        return Portal.html(OperatorCommitmentsPage.render(.init(
            context: Portal.context(req, principal), template: template, signed: signed.items.map(\.commitment),
            window: PageWindow(signed),
            categories: req.catalog.categories.map {
                CategoryChoice(id: $0.id, name: $0.name, needsAuthorisation: categories.contains($0.id))
            }, today: .today())))
    }

    func publishTemplate(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/commitments") { principal in
            guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可维护承诺书模板") }
            struct Form: Content { var title: String?; var body: String? }
            let form = try req.content.decode(Form.self)
            let template = try await req.commitmentStore.publishTemplate(
                title: try Validate.text(form.title, field: "标题", max: 60), body: try Validate.text(form.body, field: "正文", max: 20_000),
                by: principal.name)
            return Portal.done(req, to: "/console/commitments", "已发布第 \(template.version) 版承诺书")
        }
    }

    func recordOffline(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/commitments") { principal in
            guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可登记线下授权") }
            struct Form: Content { var uscc: String?; var scan_ref: String?; var categories: [String]?; var valid_until: String? }
            let form = try req.content.decode(Form.self)
            let uscc = try USCC.validated(form.uscc ?? "")
            guard try await req.registry.enterprise(uscc) != nil else { throw DomainError.notFound("该企业的登记信息") }
            let authorisation = try Authorisations.make(
                uscc: uscc, institutions: ["all"], categories: form.categories ?? [],
                purposes: AuthorisationPurpose.allCases.map(\.rawValue), validUntil: try Validate.day(form.valid_until, field: "有效期至"),
                offline: true, scanReference: form.scan_ref)
            let stored = try await req.authorisationStore.create(authorisation, by: principal.displayName)
            return Portal.done(req, to: "/console/commitments", "已登记线下授权书 #\(stored.id)")
        }
    }
}
