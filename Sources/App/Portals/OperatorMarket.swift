import Fluent
import Domain
import Persistence
import Services
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
        let s = try await MarketStats.load(req.db, today: req.platform.clock.today.description)
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
            struct Form: Content { var reason: String? }
            let action: ProductAction = switch req.parameters.get("action") ?? "" {
            case "approve": .approve
            case "reject": .reject(reason: (try? req.content.decode(Form.self).reason) ?? "")
            default: throw DomainError.notFound("该操作")
            }
            let next = try await ProductActions.act(req.services, principal, id: req.parameters.get("id", as: Int64.self), action)
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
            }, today: req.platform.clock.today)))
    }

    func publishTemplate(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/commitments") { principal in
            struct Form: Content { var title: String?; var body: String? }
            let form = try req.content.decode(Form.self)
            let template = try await Commitments.publishTemplate(req.services, principal, title: form.title, body: form.body)
            return Portal.done(req, to: "/console/commitments", "已发布第 \(template.version) 版承诺书")
        }
    }

    func recordOffline(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/commitments") { principal in
            struct Form: Content { var uscc: String?; var scan_ref: String?; var categories: [String]?; var valid_until: String? }
            let form = try req.content.decode(Form.self)
            let stored = try await Authorisations.recordOffline(
                req.services, principal, uscc: try USCC.validated(form.uscc ?? ""), categories: form.categories ?? [],
                validUntil: try Validate.day(form.valid_until, field: "有效期至"), scanReference: form.scan_ref)
            return Portal.done(req, to: "/console/commitments", "已登记线下授权书 #\(stored.id)")
        }
    }
}
