import Domain
import Persistence
import Vapor

/// A firm's profile as one viewer may see it, with its evaluation and grade history: what the API and the
/// console both show.
struct LoadedProfile {
    let profile: CreditProfile
    let evaluation: Evaluation?
    let history: [EvaluationStore.Change]

    static func load(_ req: Request, uscc: String, viewer: Viewer) async throws -> LoadedProfile {
        let records = try await req.recordStore.records(uscc: uscc)
        guard !records.isEmpty else { throw DomainError.notFound("统一社会信用代码为 \(uscc) 的企业或其记录") }
        let evaluation = try await req.evaluationStore.current(uscc).map {
            Evaluations.visible($0, model: req.platform.evaluationModel, catalog: req.catalog, viewer: viewer)
        }
        return LoadedProfile(profile: CreditProfile.build(uscc: uscc, records: records, catalog: req.catalog, viewer: viewer),
                             evaluation: evaluation, history: try await req.evaluationStore.history(uscc))
    }
}
