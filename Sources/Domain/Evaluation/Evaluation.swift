import Foundation

/// The result of evaluating one firm: score, grade, subtotals per dimension and the explanation.
public struct Evaluation: Codable, Sendable, Equatable {
    public var uscc: String
    public var asOf: String
    public var modelVersion: Int
    public var baseScore: Int
    public var score: Int
    public var grade: String
    public var dimensions: [DimensionSubtotal]
    /// Every item line that added or removed points, in model order.
    public var explanation: [ExplanationLine]
}

public struct DimensionSubtotal: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var points: Int
}

/// One reason for the score: the item, its points, a readable sentence and the records behind it.
public struct ExplanationLine: Codable, Sendable, Equatable {
    public var itemID: String
    public var title: String
    public var dimension: String
    public var points: Int
    public var text: String
    public var recordIDs: [String]
    /// Set when shown: a record behind this line is under an open objection (not stored).
    public var underObjection: Bool? = nil
}
