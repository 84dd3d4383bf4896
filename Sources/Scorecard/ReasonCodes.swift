import Foundation

/// What one variable gave an applicant.
public struct VariableContribution: Codable, Sendable, Equatable {
    public var variable: String
    /// The applicant's bin, or nil when the value had no bin (unseen category, missing without a
    /// missing bin, text in a numeric variable): it then gets WOE 0 and the neutral points.
    public var bin: Int?
    public var binLabel: String
    public var woe: Double
    public var points: Double
    /// The most points any bin of this variable gives.
    public var maxPoints: Double
}

/// A reason code: a variable that cost the applicant points, with how many.
public struct ReasonCode: Codable, Sendable, Equatable {
    public var variable: String
    public var binLabel: String
    public var points: Double
    public var maxPoints: Double
    /// `maxPoints − points`, always > 0.
    public var pointsLost: Double
}

/// Ranks the variables by the points an applicant lost against each variable's best bin.
public enum ReasonCodes {
    /// The `count` variables with the largest point shortfall (`maxPoints − points`), largest first;
    /// variables where nothing was lost are left out; ties keep the scorecard's variable order.
    public static func rank(_ contributions: [VariableContribution], count: Int) -> [ReasonCode] {
        struct Candidate {
            var index: Int
            var lost: Double
        }
        var candidates: [Candidate] = []
        for (index, item) in contributions.enumerated() {
            let lost = item.maxPoints - item.points
            if lost > 1e-9 { candidates.append(Candidate(index: index, lost: lost)) }
        }
        candidates.sort { a, b in a.lost != b.lost ? a.lost > b.lost : a.index < b.index }
        return candidates.prefix(max(count, 0)).map { candidate in
            let item = contributions[candidate.index]
            return ReasonCode(variable: item.variable, binLabel: item.binLabel, points: item.points,
                              maxPoints: item.maxPoints, pointsLost: candidate.lost)
        }
    }
}
