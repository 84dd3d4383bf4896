import Domain
import Persistence
import Services
import Vapor

/// 守信激励 over the API: the red list (public), its proposal and objections, the firms that repaid on time
/// (public, with their consent) and a firm's consent.
struct IncentivesAPI {
    func register(_ api: any RoutesBuilder) {
        api.get("red-list", use: list)
        api.post("red-list", "propose", use: propose)
        api.post("red-list", ":id", "objections", use: object)
        api.post("red-list", ":id", "answer", use: answer)
        api.get("on-time-repayers", use: onTime)
        api.post("publication-consent", use: consent)
    }

    /// Public: entries in publicity, objected to, and in effect.
    func list(_ req: Request) async throws -> PageResponse<RedListEntry> {
        PageResponse(try await req.services.incentiveStore.entries(statuses: [.inPublicity, .objecting, .valid], paging: try req.paging()))
    }

    func propose(_ req: Request) async throws -> RedLists.Summary {
        try await RedLists.propose(req.services, try req.principal(in: [.creditCenter]))
    }

    struct ObjectionBody: Content { var reason: String }

    func object(_ req: Request) async throws -> RedListEntry {
        let principal = try req.principal()
        let body = try req.content.decode(ObjectionBody.self)
        return try await RedLists.object(req.services, principal, id: req.parameters.get("id", as: Int64.self), reason: body.reason)
    }

    struct AnswerBody: Content { var uphold: Bool; var answer: String }

    func answer(_ req: Request) async throws -> RedListEntry {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(AnswerBody.self)
        return try await RedLists.answer(req.services, principal, id: req.parameters.get("id", as: Int64.self), uphold: body.uphold,
                                         answer: body.answer)
    }

    func onTime(_ req: Request) async throws -> [RedLists.OnTimeRepayer] {
        try await RedLists.onTimeRepayers(req.services)
    }

    struct ConsentBody: Content { var granted: Bool }

    func consent(_ req: Request) async throws -> ConsentBody {
        let principal = try req.principal(in: [.enterprise])
        let body = try req.content.decode(ConsentBody.self)
        try await RedLists.setConsent(req.services, principal, granted: body.granted)
        return body
    }
}

extension RedListEntry: Content {}
extension RedLists.Summary: Content {}
extension RedLists.OnTimeRepayer: Content {}
