import Domain
import Persistence
import Services
import Vapor
import Views

/// 失信惩戒 in the portals: the firm's 告知书 (prior notices of listings, with its objection, and lenders' overdue
/// notices), the credit center's listing procedure, and the bank's overdue report on a loan.
struct ListingPortals {
    func register(_ routes: any RoutesBuilder) {
        routes.get("firm", "notices", use: notices)
        routes.post("firm", "notices", "listing-objection", use: listingObjection)
        routes.get("console", "listings", use: listings)
        routes.post("console", "listings", use: proposeListing)
        routes.post("console", "listings", "step", use: listingStep)
        routes.post("bank", "loans", ":id", "default-report", use: reportDefault)
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
}
