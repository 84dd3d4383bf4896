import Foundation

/// How model log-odds become scorecard points.
///
/// `score = offset + factor × ln(good:bad odds)`, with `factor = pdo / ln 2` and
/// `offset = baseScore − factor × ln(baseOdds)`: an applicant whose good:bad odds are `baseOdds`
/// scores `baseScore`, and every `pdo` points more doubles the odds. Higher scores are better.
public struct ScalingConfig: Codable, Sendable, Equatable {
    /// The score at the base odds.
    public var baseScore: Double
    /// The good:bad odds that score `baseScore` (e.g. 50 for 50:1).
    public var baseOdds: Double
    /// Points to double the odds.
    public var pdo: Double
    /// Round every bin's points (and the base points) to whole numbers; the score is then their sum.
    public var roundPoints: Bool
    /// Spread the base points (intercept) evenly over the variables instead of listing them apart.
    public var distributeBasePoints: Bool

    public init(baseScore: Double = 600, baseOdds: Double = 50, pdo: Double = 20,
                roundPoints: Bool = false, distributeBasePoints: Bool = false) {
        self.baseScore = baseScore
        self.baseOdds = baseOdds
        self.pdo = pdo
        self.roundPoints = roundPoints
        self.distributeBasePoints = distributeBasePoints
    }

    /// Reads a configuration; absent keys take their default values.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScalingConfig()
        baseScore = try c.decodeIfPresent(Double.self, forKey: .baseScore) ?? d.baseScore
        baseOdds = try c.decodeIfPresent(Double.self, forKey: .baseOdds) ?? d.baseOdds
        pdo = try c.decodeIfPresent(Double.self, forKey: .pdo) ?? d.pdo
        roundPoints = try c.decodeIfPresent(Bool.self, forKey: .roundPoints) ?? d.roundPoints
        distributeBasePoints = try c.decodeIfPresent(Bool.self, forKey: .distributeBasePoints) ?? d.distributeBasePoints
    }

    /// Points per unit of natural log-odds.
    public var factor: Double { pdo / log(2) }
    /// The score at log-odds 0 (even odds).
    public var offset: Double { baseScore - factor * log(baseOdds) }

    /// The score of good:bad log-odds.
    public func score(logOddsGood: Double) -> Double { offset + factor * logOddsGood }

    /// The score of a probability of bad (clamped away from 0 and 1).
    public func score(probabilityOfBad p: Double) -> Double {
        let q = min(max(p, 1e-15), 1 - 1e-15)
        return score(logOddsGood: log((1 - q) / q))
    }

    /// The probability of bad at a score.
    public func probabilityOfBad(score: Double) -> Double {
        let logOddsGood = (score - offset) / factor
        return 1 / (1 + exp(logOddsGood))
    }

    /// Points of a bin: `−factor × coefficient × WOE` (WOE positive = riskier, so fewer points).
    public func points(coefficient: Double, woe: Double) -> Double {
        let value = -factor * coefficient * woe
        return value == 0 ? 0 : value  // no negative zero in files
    }

    /// Points carried by the intercept: `offset − factor × intercept`.
    public func basePoints(intercept: Double) -> Double { offset - factor * intercept }

    func validate() throws(ScorecardError) {
        guard baseScore.isFinite else { throw .invalidConfiguration("基准分 baseScore 须为有限数") }
        guard baseOdds > 0, baseOdds.isFinite else { throw .invalidConfiguration("基准好坏比 baseOdds 须大于 0") }
        guard pdo > 0, pdo.isFinite else { throw .invalidConfiguration("翻倍分值 pdo 须大于 0") }
    }
}
