import Foundation
import Testing
@testable import Scorecard

@Suite("Scorecard L2 penalty chosen by inner validation")
struct ScorecardPenaltyTests {
    /// Rows with one real risk driver (`score`, numeric) and six regions-like categories of 40 levels each whose
    /// true effects are small: their WOE, measured on the rows the regression is fitted to, promises more than it
    /// holds on new rows.
    static func manyLevelsCSV(rows: Int, seed: UInt64) -> String {
        var effects = SyntheticCreditData.Random(seed: 77)
        let levelEffects = (0..<6).map { _ in (0..<40).map { _ in 0.25 * effects.normal() } }
        var random = SyntheticCreditData.Random(seed: seed)
        var lines = ["score,c0,c1,c2,c3,c4,c5,bad"]
        for _ in 0..<rows {
            let score = random.normal()
            var z = -1.5 + 0.8 * score
            var cells: [String] = [String(format: "%.3f", score)]
            for c in 0..<6 {
                let level = random.uniformInt(40)
                z += levelEffects[c][level]
                cells.append("L\(level)")
            }
            let bad = random.uniform() < LogisticRegression.sigmoid(z) ? 1 : 0
            lines.append((cells + [String(bad)]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func logLikelihood(_ model: ScorecardModel, _ table: ScorecardTable) throws -> Double {
        let scores = try model.score(table: table)
        let column = try #require(table.header.firstIndex(of: "bad"))
        var total = 0.0
        for (score, target) in zip(scores, table.columns[column]) {
            let p = min(max(score.probabilityOfBad, 1e-12), 1 - 1e-12)
            total += target == "1" ? log(p) : log(1 - p)
        }
        return total
    }

    @Test("Many-level categories with weak effects get a larger penalty than l2, and new rows are predicted better")
    func penaltyRaisedForOverfittingWOE() throws {
        let train = try ScorecardTable(csv: Data(Self.manyLevelsCSV(rows: 3000, seed: 1).utf8))
        let fresh = try ScorecardTable(csv: Data(Self.manyLevelsCSV(rows: 20000, seed: 2).utf8))
        let chosen = try ScorecardModel.train(table: train, target: "bad")
        var fixedConfig = ScorecardConfig()
        fixedConfig.l2Factors = [1]
        let fixed = try ScorecardModel.train(table: train, target: "bad", config: fixedConfig)
        #expect(fixed.training.l2 == fixedConfig.l2)
        let l2 = try #require(chosen.training.l2)
        #expect(l2 > chosen.config.l2, "the inner folds should ask for more shrinkage")
        let gain = try Self.logLikelihood(chosen, fresh) - Self.logLikelihood(fixed, fresh)
        #expect(gain > 50, "log-likelihood gain on 20,000 new rows: \(gain)")
    }

    @Test("A penalty factor below 1 is refused, and l2Factors reads back from JSON")
    func penaltyFactorsConfig() throws {
        var config = ScorecardConfig()
        config.l2Factors = [0.5, 1]
        #expect(throws: ScorecardError.self) { try config.validate() }
        config.l2Factors = [1, 4]
        #expect(try JSONDecoder().decode(ScorecardConfig.self, from: JSONEncoder().encode(config)) == config)
    }
}
