import Foundation

/// Computes the public credit evaluation of firms from their stored records. Pure and deterministic:
/// the same records, day and model always give the same evaluation.
public enum Evaluator {
    public static func evaluate(uscc: String, records: [StoredRecord], asOf: Day, model: EvaluationModel) -> Evaluation {
        let byDataset = latestVersions(records.filter { $0.uscc == uscc })
        let periods = PublicationPeriods(model.penaltyRegimes)
        var lines: [ExplanationLine] = []
        for item in model.items {
            let records = byDataset[item.dataset] ?? []
            let outcome: RuleOutcome
            switch item.ruleKind {
            case .latestValue: outcome = item.evaluateLatest(records, asOf: asOf)
            case .countWithin: outcome = item.evaluateCount(records, asOf: asOf, periods: periods)
            case .activeListing: outcome = item.evaluateListing(records, asOf: asOf)
            case .trend: outcome = item.evaluateTrend(records, asOf: asOf)
            case nil: outcome = RuleOutcome()
            }
            lines += outcome.lines
        }
        let total = lines.reduce(model.baseScore) { $0 + $1.points }
        let score = min(max(total, model.minScore), model.maxScore)
        let subtotals = model.dimensions.map { d in
            DimensionSubtotal(id: d.id, name: d.name, points: lines.filter { $0.dimension == d.id }.reduce(0) { $0 + $1.points })
        }
        return Evaluation(uscc: uscc, asOf: asOf.description, modelVersion: model.version, baseScore: model.baseScore,
                          score: score, grade: model.grade(for: score), dimensions: subtotals, explanation: lines)
    }

    /// Evaluates every firm in `usccs` (default: every firm with records), sorted by USCC.
    public static func evaluateAll(records: [StoredRecord], usccs: [String]? = nil, asOf: Day,
                                   model: EvaluationModel) -> [Evaluation] {
        let byFirm = Dictionary(grouping: records, by: \.uscc)
        let firms = (usccs ?? Array(byFirm.keys)).sorted()
        return firms.map { evaluate(uscc: $0, records: byFirm[$0] ?? [], asOf: asOf, model: model) }
    }

    /// One record per dataset and record id, the highest version winning; each dataset sorted by id.
    static func latestVersions(_ records: [StoredRecord]) -> [String: [StoredRecord]] {
        var latest: [String: [String: StoredRecord]] = [:]
        for record in records {
            if let kept = latest[record.dataset]?[record.recordID],
               (kept.version, kept.batchID, kept.collectedAt) >= (record.version, record.batchID, record.collectedAt) { continue }
            latest[record.dataset, default: [:]][record.recordID] = record
        }
        return latest.mapValues { $0.values.sorted { $0.recordID < $1.recordID } }
    }
}
