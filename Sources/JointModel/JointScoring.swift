import Foundation

// Scoring with a joint model needs both parts. For firms aligned by a fresh PSI run, the center sends its partial
// linear score w_h·x_h per firm; the bank adds its own w_g·x_g + b and applies the sigmoid. The bank gets one
// probability per firm and never a feature. Sending w_h·x_h in clear reveals no more than the probability itself:
// the bank knows w_g·x_g + b, so it could compute w_h·x_h = logit(p) − (w_g·x_g + b) from p anyway.

/// center → bank: partial scores for the aligned firms, in aligned order.
public struct HostScoreShare: Sendable, Codable, Equatable {
    public let runId: String
    public let ids: [String]
    public let partialScores: [Double]
}

extension HeteroLRHostModel {
    /// The center's share for the aligned firms (`features` rows in the order of `ids`, columns as in training).
    public func scoreShare(ids: [String], features: FeatureMatrix) throws -> HostScoreShare {
        guard features.names == featureNames else { throw JointModelError.malformedMessage("特征列与模型不一致") }
        guard features.rows == ids.count else { throw JointModelError.dimensionMismatch(expected: ids.count, got: features.rows) }
        return HostScoreShare(runId: runId, ids: ids, partialScores: features.linearScores(weights))
    }
}

extension HeteroLRGuestModel {
    /// The default probability per aligned firm, combining the center's share with the bank's own part.
    public func probabilities(share: HostScoreShare, features: FeatureMatrix) throws -> [String: Double] {
        guard share.runId == runId else { throw JointModelError.malformedMessage("评分份额属于另一个模型") }
        guard features.names == featureNames else { throw JointModelError.malformedMessage("特征列与模型不一致") }
        guard features.rows == share.ids.count, share.partialScores.count == share.ids.count else {
            throw JointModelError.dimensionMismatch(expected: share.ids.count, got: features.rows)
        }
        let own = features.linearScores(weights)
        var out: [String: Double] = [:]
        for (k, id) in share.ids.enumerated() { out[id] = Logistic.sigmoid(own[k] + intercept + share.partialScores[k]) }
        return out
    }
}
