import Domain
import Persistence
import Services
import Vapor
import Views

/// The recommendation lists in the portals: the credit center screens, reviews and pushes (/console/recommendations),
/// departments refer firms, firms declare (/firm/recommendation), institutions answer pushes (/bank/recommended),
/// and anyone reads the publicity (/public/recommendations).
struct RecommendationPortals {
    func register(_ routes: any RoutesBuilder) {
        let console = routes.grouped("console", "recommendations")
        console.get(use: list)
        console.post(use: refer)
        console.post("screen", use: screen)
        console.post("push", use: push)
        console.get(":id", use: detail)
        console.post(":id", "review", use: review)
        routes.get("firm", "recommendation", use: firmPage)
        routes.post("firm", "recommendation", use: declare)
        let bank = routes.grouped("bank", "recommended")
        bank.get(use: bankList)
        bank.get(":id", use: bankDetail)
        bank.post(":id", "response", use: respond)
        routes.get("public", "recommendations", use: publicity)
        routes.post("public", "recommendations", "objections", use: object)
    }

    // MARK: Credit center and departments

    func list(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        let status = req.query[String.self, at: "status"].flatMap { RecommendationStatus(rawValue: $0) }
        let query = req.query[String.self, at: "q"] ?? ""
        let paging = try req.paging()
        let page = try await Recommendations.entries(req.services, principal, filter: .init(statuses: status.map { [$0] } ?? [], text: query),
                                                     paging: paging)
        let isCenter = principal.role == .creditCenter
        let store = req.services.recommendationStore
        let today = req.services.clock.today
        let counts = isCenter ? try await store.counts() : [:]
        let l = isCenter ? try await store.lights(institutionID: nil, on: today) : (0, 0, 0, 0)
        let institutions = isCenter ? try await req.accounts.institutions().map { RecommendationsPage.Option(id: $0.id, name: $0.name) } : []
        let pagination = Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/recommendations",
                                    query: [QueryItem(name: "status", value: status?.rawValue ?? ""), QueryItem(name: "q", value: query)])
        return Portal.html(RecommendationsPage.render(.init(
            context: Portal.context(req, principal), isCreditCenter: isCenter, counts: counts,
            lights: .init(green: l.0, amber: l.1, red: l.2, decided: l.3), entries: page.items, pagination: pagination,
            status: status, query: query, institutions: institutions, today: today)))
    }

    struct DeclareForm: Content {
        var uscc: String?; var amount_yuan: String?; var term_months: String?; var purpose: String?; var note: String?; var source: String?
    }

    func refer(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/recommendations") { principal in
            let form = try req.content.decode(DeclareForm.self)
            let entry = try await Recommendations.declare(req.services, principal, try Self.input(form))
            return Portal.done(req, to: "/console/recommendations", Self.outcome(entry))
        }
    }

    static func input(_ form: DeclareForm) throws -> Recommendations.DeclareInput {
        .init(uscc: form.uscc, amount: try Money.cents(form.amount_yuan, field: "融资金额"),
              termMonths: try Validate.int(form.term_months, field: "期限", range: 1...360), purpose: form.purpose ?? "",
              note: form.note ?? "", visit: form.source == "visit")
    }

    static func outcome(_ entry: RecommendationEntry) -> String {
        switch entry.status {
        case .screened: "\(entry.firmName) 已加入申报清单并通过初筛，待信用中心审核"
        case .screenedOut: "\(entry.firmName) 已加入申报清单，但初筛未通过：\(entry.screening?.reasonText ?? "")"
        default: "\(entry.firmName) 已加入申报清单（\(entry.status.label)）"
        }
    }

    func screen(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/recommendations") { principal in
            let s = try await RecommendationScreening.screenDeclared(req.services, principal)
            return Portal.done(req, to: "/console/recommendations?status=screened",
                               "已初筛 \(s.screened) 户（规则第 \(s.version) 版）：通过 \(s.passed) 户，未通过 \(s.failed) 户")
        }
    }

    func push(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/recommendations?status=listed") { principal in
            struct Form: Content { var entries: [String]?; var institutions: [String]? }
            let form = try req.content.decode(Form.self)
            let entryIDs = (form.entries ?? []).compactMap { Int64($0) }
            let chosen = (form.institutions ?? []).compactMap { Int64($0) }
            let s = try await RecommendationPushes.push(req.services, principal, entryIDs: entryIDs,
                                                        institutionIDs: chosen.isEmpty ? nil : chosen)
            var message = "已推送 \(s.entries) 户企业，共 \(s.pushed) 次推送"
            if s.skipped > 0 { message += "；\(s.skipped) 次此前已推送，未重复推送" }
            if !s.unmatched.isEmpty { message += "；\(s.unmatched.map { "#\($0)" }.joined(separator: "、")) 没有匹配的机构，请手动选择" }
            return Portal.done(req, to: "/console/recommendations?status=pushed", message)
        }
    }

    func detail(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let entry = try await Recommendations.entry(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        let pushes = try await req.services.recommendationStore.pushes(entryID: entry.id)
        let suggestions = entry.status == .listed || entry.status == .pushed
            ? try await RecommendationPushes.suggestions(req.services, for: entry).map {
                RecommendationPage.Suggestion(institutionID: $0.institution.id, name: $0.institution.name, reason: $0.reason)
            } : []
        return Portal.html(RecommendationPage.render(.init(context: Portal.context(req, principal), entry: entry, pushes: pushes,
                                                           suggestions: suggestions, today: req.services.clock.today)))
    }

    func review(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        let back = "/console/recommendations/\(id.map(String.init) ?? "")"
        return try await Portal.form(req, back: back) { principal in
            struct Form: Content { var approve: String?; var note: String? }
            let form = try req.content.decode(Form.self)
            let entry = try await Recommendations.review(req.services, principal, id: id, approve: form.approve == "true",
                                                         note: form.note ?? "")
            return Portal.done(req, to: back, entry.status == .publicity
                               ? "已审核通过，公示至 \(entry.publicityUntil?.description ?? "")" : "已审核：不通过")
        }
    }

    // MARK: Firm

    func firmPage(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let page = try await Recommendations.entries(req.services, principal, filter: .init(), paging: Paging(page: 1, perPage: 50))
        var pushes: [RecommendationPush] = []
        for entry in page.items where entry.status == .pushed || entry.status == .removed {
            pushes += try await req.services.recommendationStore.pushes(entryID: entry.id)
        }
        return Portal.html(FirmRecommendationPage.render(.init(context: Portal.context(req, principal), entries: page.items,
                                                               pushes: pushes, today: req.services.clock.today)))
    }

    func declare(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/recommendation") { principal in
            let form = try req.content.decode(DeclareForm.self)
            let entry = try await Recommendations.declare(req.services, principal, try Self.input(form))
            return Portal.done(req, to: "/firm/recommendation", Self.outcome(entry))
        }
    }

    // MARK: Institutions

    func bankList(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let overdue = try BoundedFlag.parse(req.query[String.self, at: "overdue"], field: "overdue")
        let page = try await RecommendationPushes.pushes(req.services, principal, overdueOnly: overdue, paging: try req.paging())
        let today = req.services.clock.today
        let l = try await req.services.recommendationStore.lights(institutionID: try principal.requireInstitution().id, on: today)
        let pagination = Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/bank/recommended",
                                    query: [QueryItem(name: "overdue", value: overdue ? "true" : "")])
        return Portal.html(BankPushesPage.render(.init(context: Portal.context(req, principal), pushes: page.items, pagination: pagination,
                                                       overdueOnly: overdue, green: l.green, amber: l.amber, red: l.red,
                                                       decided: l.decided, today: today)))
    }

    func bankDetail(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let push = try await RecommendationPushes.push(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return Portal.html(BankPushPage.render(.init(context: Portal.context(req, principal), push: push, today: req.services.clock.today)))
    }

    func respond(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        let back = "/bank/recommended/\(id.map(String.init) ?? "")"
        return try await Portal.form(req, back: back) { principal in
            struct Form: Content {
                var kind: String?; var note: String?; var granted_yuan: String?; var amount_yuan: String?; var rate_percent: String?
                var disbursed_on: String?; var flags: [String]?; var reason: String?; var help: String?
            }
            let form = try req.content.decode(Form.self)
            let response: PushResponse
            switch form.kind {
            case "contacted": response = .contacted(note: form.note ?? "")
            case "granted": response = .granted(amountCents: try Money.cents(form.granted_yuan, field: "授信金额").value, note: form.note ?? "")
            case "declined": response = .declined(reason: form.reason ?? "", help: form.help ?? "")
            case "disbursed":
                guard let day = Day(iso: form.disbursed_on ?? "") else {
                    throw DomainError.invalidInput(field: "放款日期", reason: "请选择放款日期")
                }
                let flags = Set(form.flags ?? [])
                response = .disbursed(PushLoan(amountCents: try Money.cents(form.amount_yuan, field: "放款金额").value,
                                               rateBasisPoints: try Money.basisPoints(form.rate_percent, field: "年利率"),
                                               disbursedOn: day, creditLoan: flags.contains("credit"), firstLoan: flags.contains("first"),
                                               renewalWithoutRepayment: flags.contains("renewal")), note: form.note ?? "")
            default: throw DomainError.invalidInput(field: "kind", reason: "未知的反馈类型")
            }
            let push = try await RecommendationPushes.respond(req.services, principal, id: id, response)
            return Portal.done(req, to: back, "已记录：\(push.status.label)")
        }
    }

    // MARK: Publicity

    func publicity(_ req: Request) async throws -> Response {
        let page = try await req.services.recommendationStore.entries(.init(statuses: [.publicity]), paging: try req.paging())
        let pagination = Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/public/recommendations")
        return Portal.html(PublicRecommendationsPage.render(.init(context: PublicPages().context(req), entries: page.items,
                                                                  pagination: pagination, mayObject: req.optionalPrincipal != nil)))
    }

    func object(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/public/recommendations") { principal in
            struct Form: Content { var entry: String?; var reason: String? }
            let form = try req.content.decode(Form.self)
            let objection = try await Recommendations.object(req.services, principal, id: form.entry.flatMap { Int64($0) },
                                                             reason: form.reason ?? "")
            return Portal.done(req, to: "/public/recommendations", "异议 #\(objection.id) 已提交信用中心核查")
        }
    }
}
