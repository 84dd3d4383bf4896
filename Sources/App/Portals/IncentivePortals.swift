import Domain
import Persistence
import Services
import Vapor
import Views

/// 守信激励 in the portals: the public red list and on-time repayers, the credit center's list, the firm's page and consent.
struct IncentivePortals {
    func register(_ routes: any RoutesBuilder) {
        routes.get("public", "red-list", use: publicList)
        routes.post("public", "red-list", "objections", use: object)
        routes.get("public", "on-time", use: onTime)
        routes.get("console", "red-list", use: operatorList)
        routes.post("console", "red-list", "propose", use: propose)
        routes.post("console", "red-list", "answer", use: answer)
        routes.get("firm", "incentives", use: firmPage)
        routes.post("firm", "incentives", "consent", use: consent)
    }

    func publicList(_ req: Request) async throws -> Response {
        let page = try await req.services.incentiveStore.entries(statuses: [.inPublicity, .objecting, .valid], paging: try req.paging())
        return Portal.html(PublicRedListPage.render(.init(
            context: PublicPages().context(req), entries: page.items,
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/public/red-list"),
            mayObject: req.optionalPrincipal != nil, today: req.services.clock.today)))
    }

    func object(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/public/red-list") { principal in
            struct Form: Content { var entry: String?; var reason: String? }
            let form = try req.content.decode(Form.self)
            let entry = try await RedLists.object(req.services, principal, id: form.entry.flatMap { Int64($0) }, reason: form.reason ?? "")
            return Portal.done(req, to: "/public/red-list", "已对“\(entry.name)”提出异议，信用中心将书面答复")
        }
    }

    func onTime(_ req: Request) async throws -> Response {
        let firms = try await RedLists.onTimeRepayers(req.services).map {
            PublicOnTimePage.Firm(name: $0.name, uscc: $0.uscc, since: $0.since, installmentsPaid: $0.installmentsPaid, loans: $0.loans)
        }
        return Portal.html(PublicOnTimePage.render(.init(context: PublicPages().context(req), firms: firms)))
    }

    func operatorList(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let page = try await req.services.incentiveStore.entries(statuses: [], paging: try req.paging())
        return Portal.html(OperatorRedListPage.render(.init(
            context: Portal.context(req, principal), entries: page.items,
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/red-list"),
            today: req.services.clock.today)))
    }

    func propose(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/red-list") { principal in
            let s = try await RedLists.propose(req.services, principal)
            let refused = s.refusals.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: "，")
            return Portal.done(req, to: "/console/red-list",
                               "已筛选 \(s.candidates) 户（规则第 \(s.version) 版）：\(s.proposed) 户进入公示，\(s.skipped) 户已在名单中"
                               + (refused.isEmpty ? "" : "；不符合条件：\(refused)"))
        }
    }

    func answer(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/red-list") { principal in
            struct Form: Content { var entry: String?; var uphold: String?; var answer: String? }
            let form = try req.content.decode(Form.self)
            let entry = try await RedLists.answer(req.services, principal, id: form.entry.flatMap { Int64($0) }, uphold: form.uphold == "true",
                                                  answer: form.answer ?? "")
            return Portal.done(req, to: "/console/red-list", "已答复：\(entry.name) \(entry.status.label)")
        }
    }

    func firmPage(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let uscc = try principal.requireEnterprise()
        let entry = try await req.services.incentiveStore.liveEntry(uscc: uscc)
        let valid = try await RedLists.validEntry(req.services, uscc: uscc)
        return Portal.html(FirmIncentivesPage.render(.init(
            context: Portal.context(req, principal), entry: entry, incentive: valid.flatMap { RedLists.incentiveText($0, req.services) },
            consents: try await req.services.incentiveStore.consent(uscc: uscc, kind: RedLists.onTimeConsent),
            today: req.services.clock.today)))
    }

    func consent(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/incentives") { principal in
            struct Form: Content { var granted: String? }
            let granted = try req.content.decode(Form.self).granted == "true"
            try await RedLists.setConsent(req.services, principal, granted: granted)
            return Portal.done(req, to: "/firm/incentives", granted ? "已同意公示按时还款情况" : "已撤回公示同意")
        }
    }
}
