import Domain
import Persistence
import Services
import Vapor

/// Objections and credit repair over the API: a firm files and follows its objections and repair
/// applications; the source department answers objections; the credit center decides repairs.
struct RemediesAPI {
    func register(_ api: any RoutesBuilder) {
        api.get("objections", use: objections)
        api.post("objections", use: file)
        api.get("objections", ":id", use: objection)
        api.post("objections", ":id", "resolve", use: resolve)
        api.get("repairs", use: repairs)
        api.post("repairs", use: applyRepair)
        api.post("repairs", ":id", "decision", use: decide)
    }

    func objections(_ req: Request) async throws -> [Objection] {
        try await Remedies.visible(req.services, try req.principal())
    }

    struct FileBody: Content { var dataset: String; var recordID: String; var reason: String; var attachments: [String]? }

    func file(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let body = try req.content.decode(FileBody.self)
        let objection = try await Remedies.file(req.services, principal, .init(dataset: body.dataset, recordID: body.recordID,
                                                                      reason: body.reason, attachments: body.attachments ?? []))
        return try await objection.encodeResponse(status: .created, for: req)
    }

    func objection(_ req: Request) async throws -> Objection {
        try await Remedies.objection(req.services, try req.principal(), id: req.parameters.get("id", as: Int64.self))
    }

    struct ResolveBody: Content { var action: ObjectionAction; var note: String?; var reason: String? }

    /// confirm / correct / reject by the department (or the credit center); withdraw by the firm.
    func resolve(_ req: Request) async throws -> Objection {
        let principal = try req.principal(in: [.enterprise, .department, .creditCenter])
        let body = try req.content.decode(ResolveBody.self)
        return try await Remedies.resolve(req.services, principal, id: req.parameters.get("id", as: Int64.self), action: body.action,
                                          note: body.reason ?? body.note ?? "")
    }

    struct RepairsResponse: Content {
        struct Penalty: Content {
            var dataset: String
            var recordID: String
            var severity: String
            var decidedOn: String?
            /// eligible / too_early / expired / not_published
            var eligibility: String
            var earliestRepairDay: String?
            var explanation: String
            var application: RepairApplication?
        }
        var penalties: [Penalty]?
        var applications: [RepairApplication]
    }

    /// A firm: its penalties with their eligibility and its applications; the credit center: every application.
    func repairs(_ req: Request) async throws -> RepairsResponse {
        let principal = try req.principal(in: [.enterprise, .creditCenter])
        guard principal.role == .enterprise else { return RepairsResponse(penalties: nil, applications: try await req.remedyStore.repairs()) }
        let uscc = try principal.requireEnterprise()
        let penalties = try await Remedies.penalties(req.services, uscc: uscc).map { p in
            RepairsResponse.Penalty(dataset: p.record.dataset, recordID: p.record.recordID, severity: p.severity,
                                    decidedOn: p.decided?.description, eligibility: Self.code(p.eligibility),
                                    earliestRepairDay: p.eligibility.earliest?.description, explanation: p.eligibility.label,
                                    application: p.application)
        }
        return RepairsResponse(penalties: penalties, applications: try await req.remedyStore.repairs(uscc: uscc))
    }

    static func code(_ eligibility: RepairEligibility) -> String {
        switch eligibility {
        case .eligible: "eligible"
        case .tooEarly: "too_early"
        case .expired: "expired"
        case .notPublished: "not_published"
        }
    }

    struct ApplyBody: Content { var recordID: String; var proof: String; var attachments: [String]?; var signer: String }

    func applyRepair(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let body = try req.content.decode(ApplyBody.self)
        let repair = try await Remedies.applyRepair(req.services, principal, .init(recordID: body.recordID, proof: body.proof,
                                                                          attachments: body.attachments ?? [], signer: body.signer))
        return try await repair.encodeResponse(status: .created, for: req)
    }

    struct DecisionBody: Content { var approve: Bool; var note: String? }

    func decide(_ req: Request) async throws -> RepairApplication {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(DecisionBody.self)
        return try await Remedies.decideRepair(req.services, principal, id: req.parameters.get("id", as: Int64.self),
                                               approve: body.approve, note: body.note ?? "")
    }
}
