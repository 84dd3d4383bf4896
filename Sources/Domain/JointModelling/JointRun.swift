import Foundation

/// One joint-modelling run between the credit center (host: the data hub's features) and a bank (guest: labels and
/// its own features), as recorded by the center: who, which center features, how many aligned firms, the joint
/// model's digest and the AUC the bank reported on its labels. Neither side's features nor the bank's labels.
public struct JointRun: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Trained and the center's score share handed out; the bank has not reported its AUC yet.
        case trained
        /// The bank reported the model's AUC on its labels.
        case evaluated
    }

    public var id: Int64
    /// The protocol's run identifier (also the PSI hash domain).
    public var runId: String
    /// The bank's name for the model (e.g. 2026 年预授信模型).
    public var name: String
    public var institutionID: Int64
    public var status: Status
    /// The center's feature names that took part, in training order.
    public var centerFeatures: [String]
    /// SHA-256 of the center's feature names and their catalog datasets (`JointRun.featureDigest`).
    public var featureDigest: String
    /// The bank's feature count (names stay with the bank).
    public var bankFeatureCount: Int
    /// Firms in the intersection (the training rows).
    public var alignedCount: Int
    /// How many of the center's ids entered the PSI (consented and in scope).
    public var offeredCount: Int
    /// SHA-256 over both parts' digests (`JointModelDigest`).
    public var modelDigest: String
    public var keyBits: Int
    /// The bank's AUC on its own labels over the aligned firms, once reported.
    public var auc: Double?
    public var createdAt: Date

    public init(id: Int64 = 0, runId: String, name: String, institutionID: Int64, status: Status, centerFeatures: [String],
                featureDigest: String, bankFeatureCount: Int, alignedCount: Int, offeredCount: Int, modelDigest: String,
                keyBits: Int, auc: Double? = nil, createdAt: Date) {
        self.id = id; self.runId = runId; self.name = name; self.institutionID = institutionID; self.status = status
        self.centerFeatures = centerFeatures; self.featureDigest = featureDigest; self.bankFeatureCount = bankFeatureCount
        self.alignedCount = alignedCount; self.offeredCount = offeredCount; self.modelDigest = modelDigest
        self.keyBits = keyBits; self.auc = auc; self.createdAt = createdAt
    }
}

/// What a firm sees of a run its data took part in: the model's name, the bank, the day. No features, no scores.
public struct JointRunParticipation: Sendable, Equatable {
    public var runId: String
    public var name: String
    public var institutionID: Int64
    public var institutionName: String
    public var day: Day

    public init(runId: String, name: String, institutionID: Int64, institutionName: String, day: Day) {
        self.runId = runId; self.name = name; self.institutionID = institutionID; self.institutionName = institutionName
        self.day = day
    }
}
