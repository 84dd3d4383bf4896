import Domain
import Persistence

/// A firm's profile as one viewer may see it, with its evaluation and grade history: what the API and the
/// console both show.
public struct LoadedProfile: Sendable {
    public let profile: CreditProfile
    public let evaluation: Evaluation?
    public let history: [EvaluationStore.Change]

    public static func load(_ context: ServiceContext, uscc: String, viewer: Viewer) async throws -> LoadedProfile {
        let records = try await context.recordStore.records(uscc: uscc)
        guard !records.isEmpty else { throw DomainError.notFound("统一社会信用代码为 \(uscc) 的企业或其记录") }
        let model = context.platform.evaluationModel
        // Explanation lines citing a record under an open objection say so (the flag is not stored).
        let disputed = Set(records.filter(\.underObjection).map { "\($0.dataset)\u{1F}\($0.recordID)" })
        let evaluation = try await context.evaluationStore.current(uscc).map { stored in
            var shown = Evaluations.visible(stored, model: model, catalog: context.catalog, viewer: viewer)
            guard !disputed.isEmpty else { return shown }
            shown.explanation = shown.explanation.map { line in
                var line = line
                let dataset = model.items.first { $0.id == line.itemID }?.dataset ?? ""
                if line.recordIDs.contains(where: { disputed.contains("\(dataset)\u{1F}\($0)") }) { line.underObjection = true }
                return line
            }
            return shown
        }
        // The score history would give the withheld score away; such a viewer sees the current grade only.
        let history = evaluation?.isScoreWithheld == true ? [] : try await context.evaluationStore.history(uscc)
        return LoadedProfile(profile: CreditProfile.build(uscc: uscc, records: records, catalog: context.catalog, viewer: viewer),
                             evaluation: evaluation, history: history)
    }
}
