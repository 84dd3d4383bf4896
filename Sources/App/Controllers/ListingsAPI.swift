import Domain
import Persistence
import Services
import Vapor

/// The platform-run listing procedure over the API: the credit center proposes, notifies, answers, lists,
/// publishes and removes; the firm reads its own entries and objects within the window.
struct ListingsAPI {
    func register(_ api: any RoutesBuilder) {
        api.get("listings", use: list)
        api.post("listings", use: propose)
        api.post("listings", ":id", "steps", use: step)
    }

    func list(_ req: Request) async throws -> PageResponse<ListingEntry> {
        PageResponse(try await Listings.visible(req.services, try req.principal(), paging: try req.paging()))
    }

    struct Person: Content { var name: String; var id: String }
    struct ProposeBody: Content {
        var uscc: String
        /// 涉金融严重失信 or 严重失信债务人.
        var kind: String
        var basisDocumentNumber: String
        var reason: String
        var actEndedOn: String?
        var removalConditions: String
        var legalRepresentative: Person?
        var actualController: Person?
    }

    func propose(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(ProposeBody.self)
        guard let kind = ListKind(rawValue: body.kind) else {
            throw DomainError.invalidInput(field: "kind", reason: "名单类型应为“涉金融严重失信”或“严重失信债务人”")
        }
        var ended: Day?
        if let text = body.actEndedOn, !text.isEmpty {
            guard let day = Day(iso: text) else { throw DomainError.invalidInput(field: "actEndedOn", reason: "日期须为 YYYY-MM-DD") }
            ended = day
        }
        let entry = try await Listings.propose(req.services, principal, .init(
            uscc: body.uscc, kind: kind, basisDocumentNumber: body.basisDocumentNumber, reason: body.reason, actEndedOn: ended,
            removalConditions: body.removalConditions, legalRepresentative: body.legalRepresentative.map { ($0.name, $0.id) },
            actualController: body.actualController.map { ($0.name, $0.id) }))
        return try await entry.encodeResponse(status: .created, for: req)
    }

    struct StepBody: Content { var action: String; var text: String? }

    func step(_ req: Request) async throws -> ListingEntry {
        let principal = try req.principal(in: [.creditCenter, .enterprise])
        let body = try req.content.decode(StepBody.self)
        let text = body.text ?? ""
        let event: ListingEvent = switch body.action {
        case "notify": .notify(text: text)
        case "object": .object(reason: text)
        case "reject_objection": .rejectObjection(answer: text)
        case "uphold_objection": .upholdObjection(answer: text)
        case "list": .list
        case "publish": .publish
        case "remove": .remove(reason: text)
        default: throw DomainError.invalidInput(field: "action", reason: "应为 notify、object、reject_objection、uphold_objection、list、publish 或 remove")
        }
        return try await Listings.step(req.services, principal, id: req.parameters.get("id", as: Int64.self), event)
    }
}

extension ListingEntry: Content {}
