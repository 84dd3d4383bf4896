import Domain
import Persistence
import Services
import Vapor

/// The recommendation lists over the API: firms declare, departments refer, the credit center screens, reviews
/// and pushes (一键推送); institutions read the firms pushed to them and report contact, credit and loans.
struct RecommendationsAPI {
    func register(_ api: any RoutesBuilder) {
        api.get("recommendations", use: entries)
        api.post("recommendations", use: declare)
        api.post("recommendations", "screen", use: screen)
        api.post("recommendations", "push", use: push)
        api.get("recommendations", ":id", use: entry)
        api.post("recommendations", ":id", "review", use: review)
        api.post("recommendations", ":id", "objections", use: object)
        api.get("recommendation-pushes", use: pushes)
        api.get("recommendation-pushes", ":id", use: pushRecord)
        api.post("recommendation-pushes", ":id", "response", use: respond)
    }

    func entries(_ req: Request) async throws -> PageResponse<RecommendationEntry> {
        let principal = try req.principal()
        let statuses: [RecommendationStatus] = try Self.statuses(req.query[String.self, at: "status"], what: "状态")
        let filter = RecommendationStore.Filter(statuses: statuses, text: req.query[String.self, at: "q"])
        return PageResponse(try await Recommendations.entries(req.services, principal, filter: filter, paging: try req.paging()))
    }

    /// `status` as a comma-separated list of statuses; an unknown one is a 422 naming the choices.
    static func statuses<Status: RawRepresentable & CaseIterable>(_ text: String?, what: String) throws -> [Status]
    where Status.RawValue == String {
        guard let text, !text.isEmpty else { return [] }
        return try text.split(separator: ",").map { part in
            guard let status = Status(rawValue: String(part)) else {
                throw DomainError.invalidInput(field: "status", reason: "未知的\(what)“\(Echo.short(String(part)))”，可选："
                                               + Status.allCases.map(\.rawValue).joined(separator: "、"))
            }
            return status
        }
    }

    struct DeclareBody: Content {
        var uscc: String?
        var amountCents: Int64
        var termMonths: Int
        var purpose: String
        var note: String?
        var visit: Bool?
    }

    func declare(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise, .department, .creditCenter])
        let body = try req.content.decode(DeclareBody.self)
        let entry = try await Recommendations.declare(req.services, principal, .init(
            uscc: body.uscc, amount: Cents(body.amountCents), termMonths: body.termMonths, purpose: body.purpose,
            note: body.note ?? "", visit: body.visit ?? false))
        return try await entry.encodeResponse(status: .created, for: req)
    }

    func entry(_ req: Request) async throws -> RecommendationEntry {
        try await Recommendations.entry(req.services, try req.principal(), id: req.parameters.get("id", as: Int64.self))
    }

    func screen(_ req: Request) async throws -> RecommendationScreening.Summary {
        try await RecommendationScreening.screenDeclared(req.services, try req.principal(in: [.creditCenter]))
    }

    struct ReviewBody: Content { var approve: Bool; var note: String? }

    func review(_ req: Request) async throws -> RecommendationEntry {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(ReviewBody.self)
        return try await Recommendations.review(req.services, principal, id: req.parameters.get("id", as: Int64.self),
                                                approve: body.approve, note: body.note ?? "")
    }

    struct ObjectionBody: Content { var reason: String }

    func object(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let body = try req.content.decode(ObjectionBody.self)
        let objection = try await Recommendations.object(req.services, principal, id: req.parameters.get("id", as: Int64.self),
                                                         reason: body.reason)
        return try await objection.encodeResponse(status: .created, for: req)
    }

    struct PushBody: Content { var entryIDs: [Int64]; var institutionIDs: [Int64]? }

    func push(_ req: Request) async throws -> RecommendationPushes.Summary {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(PushBody.self)
        return try await RecommendationPushes.push(req.services, principal, entryIDs: body.entryIDs, institutionIDs: body.institutionIDs)
    }

    /// A push with its light and the days left on the day asked.
    struct PushView: Content {
        var push: RecommendationPush
        var light: PushLight
        var daysLeft: Int?
        init(_ push: RecommendationPush, today: Day) {
            self.push = push; light = push.light(on: today); daysLeft = push.daysLeft(on: today)
        }
    }

    func pushes(_ req: Request) async throws -> PageResponse<PushView> {
        let principal = try req.principal()
        let statuses: [PushStatus] = try Self.statuses(req.query[String.self, at: "status"], what: "推送状态")
        let overdue = try BoundedFlag.parse(req.query[String.self, at: "overdue"], field: "overdue")
        let page = try await RecommendationPushes.pushes(req.services, principal, statuses: statuses, overdueOnly: overdue,
                                                         paging: try req.paging())
        let today = req.services.clock.today
        return PageResponse(ResultPage(items: page.items.map { PushView($0, today: today) }, page: page.page,
                                       perPage: page.perPage, total: page.total))
    }

    func pushRecord(_ req: Request) async throws -> PushView {
        let push = try await RecommendationPushes.push(req.services, try req.principal(), id: req.parameters.get("id", as: Int64.self))
        return PushView(push, today: req.services.clock.today)
    }

    struct ResponseBody: Content {
        struct Loan: Content {
            var amountCents: Int64
            var rateBasisPoints: Int
            var disbursedOn: String
            var creditLoan: Bool
            var firstLoan: Bool
            var renewalWithoutRepayment: Bool
        }
        /// contacted / granted / disbursed / declined
        var kind: String
        var note: String?
        var grantedAmountCents: Int64?
        var loan: Loan?
        var reason: String?
        var help: String?

        func response() throws -> PushResponse {
            switch kind {
            case "contacted": return .contacted(note: note ?? "")
            case "granted":
                guard let amount = grantedAmountCents else {
                    throw DomainError.invalidInput(field: "grantedAmountCents", reason: "授信时请填写授信金额（分）")
                }
                return .granted(amountCents: amount, note: note ?? "")
            case "disbursed":
                guard let loan else { throw DomainError.invalidInput(field: "loan", reason: "放款时请填写贷款信息") }
                guard let day = Day(iso: loan.disbursedOn) else {
                    throw DomainError.invalidInput(field: "loan.disbursedOn", reason: "放款日期须为 YYYY-MM-DD")
                }
                return .disbursed(PushLoan(amountCents: loan.amountCents, rateBasisPoints: loan.rateBasisPoints, disbursedOn: day,
                                           creditLoan: loan.creditLoan, firstLoan: loan.firstLoan,
                                           renewalWithoutRepayment: loan.renewalWithoutRepayment), note: note ?? "")
            case "declined": return .declined(reason: reason ?? "", help: help ?? "")
            default:
                throw DomainError.invalidInput(field: "kind", reason: "反馈类型须为 contacted（已对接）、granted（已授信）、disbursed（已放款）或 declined（婉拒）")
            }
        }
    }

    func respond(_ req: Request) async throws -> PushView {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let body = try req.content.decode(ResponseBody.self)
        let push = try await RecommendationPushes.respond(req.services, principal, id: req.parameters.get("id", as: Int64.self),
                                                          try body.response())
        return PushView(push, today: req.services.clock.today)
    }
}

extension RecommendationEntry: Content {}
extension RecommendationScreening.Summary: Content {}
extension RecommendationPushes.Summary: Content {}
extension RecommendationPush: Content {}
