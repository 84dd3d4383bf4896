import Domain
import Persistence
import Services
import Vapor
import Views

/// 守信激励 in the portals: the public red list and on-time repayers, the credit center's list, the firm's page.
struct IncentivePortals {
    func register(_ routes: any RoutesBuilder) {
        routes.get("public", "red-list", use: publicList)
        routes.post("public", "red-list", "objections", use: object)
        routes.get("public", "on-time", use: onTime)
        routes.get("console", "red-list", use: operatorList)
        routes.post("console", "red-list", "propose", use: propose)
        routes.post("console", "red-list", "answer", use: answer)
        routes.get("firm", "incentives", use: firmPage)
        routes.get("firm", "notices", use: notices)
        routes.post("firm", "notices", "listing-objection", use: listingObjection)
        routes.get("console", "listings", use: listings)
        routes.post("console", "listings", use: proposeListing)
        routes.post("console", "listings", "step", use: listingStep)
        routes.post("bank", "loans", ":id", "default-report", use: reportDefault)
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
            context: Portal.context(req, principal), entry: entry, incentive: valid.map(RedLists.incentiveText),
            consents: try await req.services.incentiveStore.consent(uscc: uscc, kind: RedLists.onTimeConsent),
            today: req.services.clock.today)))
    }

    /// The firm's written notices of lenders' overdue reports.
    func notices(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let page = try await DefaultReports.visible(req.services, principal, paging: Paging(page: 1, perPage: 100))
        let listings = try await Listings.visible(req.services, principal, paging: Paging()).items
        return Portal.html(FirmNoticesPage.render(.init(context: Portal.context(req, principal), reports: page.items, listings: listings)))
    }

    static func listingID(_ text: String?) -> Int64? {
        (text ?? "").split(separator: ":").last.flatMap { Int64($0) }
    }

    func listingObjection(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/notices") { principal in
            struct Form: Content { var entry: String?; var text: String? }
            let form = try req.content.decode(Form.self)
            _ = try await Listings.step(req.services, principal, id: Self.listingID(form.entry), .object(reason: form.text ?? ""))
            return Portal.done(req, to: "/firm/notices", "异议已提交，信用中心将书面答复")
        }
    }

    // MARK: Listings (credit center)

    func listings(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let page = try await Listings.visible(req.services, principal, paging: try req.paging())
        return Portal.html(OperatorListingsPage.render(.init(
            context: Portal.context(req, principal), entries: page.items,
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/listings"))))
    }

    func proposeListing(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/listings") { principal in
            struct Form: Content {
                var uscc: String?; var kind: String?; var basis: String?; var reason: String?; var act_ended_on: String?
                var removal_conditions: String?; var rep_name: String?; var rep_id: String?
            }
            let form = try req.content.decode(Form.self)
            guard let kind = ListKind(rawValue: form.kind ?? "") else { throw DomainError.invalidInput(field: "名单", reason: "请选择名单") }
            let entry = try await Listings.propose(req.services, principal, .init(
                uscc: form.uscc ?? "", kind: kind, basisDocumentNumber: form.basis ?? "", reason: form.reason ?? "",
                actEndedOn: Day(iso: form.act_ended_on ?? ""), removalConditions: form.removal_conditions ?? "",
                legalRepresentative: (form.rep_name ?? "").isEmpty ? nil : (form.rep_name ?? "", form.rep_id ?? "")))
            return Portal.done(req, to: "/console/listings", "已提出 \(entry.id)：请书面告知企业")
        }
    }

    func listingStep(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/listings") { principal in
            struct Form: Content { var entry: String?; var action: String?; var text: String? }
            let form = try req.content.decode(Form.self)
            let text = form.text ?? ""
            let event: ListingEvent
            switch form.action {
            case "notify": event = .notify(text: text)
            case "reject_objection": event = .rejectObjection(answer: text)
            case "uphold_objection": event = .upholdObjection(answer: text)
            case "list": event = .list
            case "publish": event = .publish
            case "remove": event = .remove(reason: text)
            default: throw DomainError.invalidInput(field: "步骤", reason: "请选择步骤")
            }
            let entry = try await Listings.step(req.services, principal, id: Self.listingID(form.entry), event)
            return Portal.done(req, to: "/console/listings", "\(entry.id)：\(entry.status.label)")
        }
    }

    func reportDefault(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        let back = "/bank/loans/\(id.map(String.init) ?? "")"
        return try await Portal.form(req, back: back) { principal in
            let report = try await DefaultReports.report(req.services, principal, loanID: id)
            return Portal.done(req, to: back, "已报送，平台已书面告知企业，履行期限至 \(report.deadline)")
        }
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
