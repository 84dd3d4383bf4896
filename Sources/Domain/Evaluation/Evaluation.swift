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
    /// Names of the dimensions left out for a viewer who may not read all of their data; then the score is
    /// left out too (it would give away their sum), and only the grade and the public dimensions are shown.
    public var withheldDimensions: [String]? = nil

    public var isScoreWithheld: Bool { !(withheldDimensions ?? []).isEmpty }
}

extension Evaluation {
    private enum CodingKeys: String, CodingKey {
        case uscc, asOf, modelVersion, baseScore, score, grade, dimensions, explanation, withheldDimensions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        uscc = try c.decode(String.self, forKey: .uscc)
        asOf = try c.decode(String.self, forKey: .asOf)
        modelVersion = try c.decode(Int.self, forKey: .modelVersion)
        baseScore = try c.decode(Int.self, forKey: .baseScore)
        withheldDimensions = try c.decodeIfPresent([String].self, forKey: .withheldDimensions)
        score = try c.decodeIfPresent(Int.self, forKey: .score) ?? 0
        grade = try c.decode(String.self, forKey: .grade)
        dimensions = try c.decode([DimensionSubtotal].self, forKey: .dimensions)
        explanation = try c.decode([ExplanationLine].self, forKey: .explanation)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uscc, forKey: .uscc)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(modelVersion, forKey: .modelVersion)
        try c.encode(baseScore, forKey: .baseScore)
        if !isScoreWithheld { try c.encode(score, forKey: .score) }
        try c.encode(grade, forKey: .grade)
        try c.encode(dimensions, forKey: .dimensions)
        try c.encode(explanation, forKey: .explanation)
        try c.encodeIfPresent(withheldDimensions, forKey: .withheldDimensions)
    }
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
