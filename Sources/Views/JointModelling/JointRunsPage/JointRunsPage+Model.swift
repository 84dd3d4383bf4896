import Domain
import Foundation

/// The joint-modelling runs (联合建模记录): for the credit center every bank's (/console/joint-runs), for a bank its
/// own (/bank/joint-runs). Each run with the center features that took part, how many firms were offered and aligned,
/// the key size, the model's digest (as in the transparency log) and the AUC the bank reported; below, the features
/// the center offers and whether a firm's authorisation must cover them.
public enum JointRunsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// Whether the institution column is shown (the credit center's view).
        public var showsInstitution: Bool
        public var runs: [Run]
        public var features: [Feature]

        public init(context: PageContext, showsInstitution: Bool, runs: [Run], features: [Feature]) {
            self.context = context; self.showsInstitution = showsInstitution; self.runs = runs; self.features = features
        }
    }

    public struct Run: Sendable, Equatable {
        public var runId: String
        public var name: String
        public var institutionName: String
        public var centerFeatureLabels: [String]
        public var bankFeatureCount: Int
        public var offeredCount: Int
        public var alignedCount: Int
        public var keyBits: Int
        public var modelDigest: String
        public var auc: Double?
        public var createdAt: Date

        public init(runId: String, name: String, institutionName: String, centerFeatureLabels: [String], bankFeatureCount: Int,
                    offeredCount: Int, alignedCount: Int, keyBits: Int, modelDigest: String, auc: Double?, createdAt: Date) {
            self.runId = runId; self.name = name; self.institutionName = institutionName; self.centerFeatureLabels = centerFeatureLabels
            self.bankFeatureCount = bankFeatureCount; self.offeredCount = offeredCount; self.alignedCount = alignedCount
            self.keyBits = keyBits; self.modelDigest = modelDigest; self.auc = auc; self.createdAt = createdAt
        }
    }

    public struct Feature: Sendable, Equatable {
        public var name: String
        public var label: String
        public var datasetName: String
        public var needsConsent: Bool
        public init(name: String, label: String, datasetName: String, needsConsent: Bool) {
            self.name = name; self.label = label; self.datasetName = datasetName; self.needsConsent = needsConsent
        }
    }
}
