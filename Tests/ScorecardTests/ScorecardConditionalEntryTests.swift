import Foundation
import Testing
@testable import Scorecard

/// The second chance of `ConditionalEntry`: a variable useless alone but predictive given the others enters the
/// scorecard with WOE conditional on the model; noise stays out.
@Suite("Scorecard conditional entry")
struct ScorecardConditionalEntryTests {
    /// A strong continuous `balance`, a `flag` held more often by high balances but lowering the risk at a given
    /// balance (so that alone it shows almost no risk difference: its IV is far below `minIV`), and a 3-level
    /// `channel` that is pure noise. About 7 % defaults.
    static func suppressedFlagCSV(rows: Int, seed: UInt64 = 11) -> (csv: String, folds: [Int]) {
        var rng = SyntheticCreditData.Random(seed: seed)
        var lines = ["balance,flag,channel,bad"]
        var targets: [UInt8] = []
        for _ in 0..<rows {
            let balance = rng.normal()
            let flag = rng.uniform() < 1 / (1 + exp(-(0.7 * balance - 0.6)))
            let channel = ["web", "branch", "agent"][rng.uniformInt(3)]
            let z = -3.2 + 1.8 * balance - 1.3 * (flag ? 1 : 0)
            let bad: UInt8 = rng.uniform() < 1 / (1 + exp(-z)) ? 1 : 0
            targets.append(bad)
            lines.append("\(String(format: "%.4f", balance)),\(flag ? "yes" : "no"),\(channel),\(bad)")
        }
        let folds = SyntheticCreditData(rows: rows, seed: seed, folds: 5).foldAssignment(targets: targets)
        return (lines.joined(separator: "\n") + "\n", folds)
    }

    @Test("A variable useless alone but predictive given the others enters with conditional WOE; noise stays out")
    func suppressedVariableEnters() throws {
        let table = try ScorecardTable(csv: Data(Self.suppressedFlagCSV(rows: 10_000).csv.utf8))
        let model = try ScorecardModel.train(table: table, target: "bad")
        let candidate = try #require(model.candidates.first { $0.name == "flag" })
        #expect(candidate.iv < model.config.minIV, "flag alone: IV \(candidate.iv)")
        let flag = try #require(model.variables.first { $0.name == "flag" }, "flag should enter on its second chance")
        #expect(flag.conditionalWOE)
        #expect(flag.coefficient > 0)
        // Given the balance, holders of the flag are the safer ones: their conditional WOE is below the others'
        // by about the true 1.3 of log-odds, and they get more points.
        let yes = try #require(flag.binning.bins.first { $0.categories?.contains("yes") ?? false })
        let no = try #require(flag.binning.bins.first { $0.categories?.contains("no") ?? false })
        #expect(no.woe - yes.woe > 0.9 && no.woe - yes.woe < 1.7, "conditional WOE no \(no.woe), yes \(yes.woe)")
        #expect(yes.points > no.points)
        #expect(VariableTreatment(flag).description.hasPrefix("条件 WOE 分箱"))
        #expect(!model.variables.contains { $0.name == "channel" }, "noise must not enter")
        #expect(model.candidates.first { $0.name == "channel" }?.status == .lowIV)

        // Without the second chance the flag is left out for its low IV.
        var config = ScorecardConfig()
        config.entrySignificance = nil
        let classic = try ScorecardModel.train(table: table, target: "bad", config: config)
        #expect(!classic.variables.contains { $0.name == "flag" })
        #expect(classic.candidates.first { $0.name == "flag" }?.status == .lowIV)
    }

    @Test("On held-out folds the second chance ranks better than the scorecard without it")
    func heldOutGain() throws {
        let (csv, assignment) = Self.suppressedFlagCSV(rows: 6_000, seed: 12)
        let table = try ScorecardTable(csv: Data(csv.utf8))
        let folds = FoldAssignment(folds: assignment)
        var classicConfig = ScorecardConfig()
        classicConfig.entrySignificance = nil
        let withEntry = try CrossValidation.run(table: table, target: "bad", folds: folds)
        let classic = try CrossValidation.run(table: table, target: "bad", folds: folds, config: classicConfig)
        #expect(withEntry.meanAUC > classic.meanAUC + 0.005, "with \(withEntry.meanAUC), without \(classic.meanAUC)")
        #expect(withEntry.treatmentLines.contains { $0.contains("flag：条件 WOE 分箱") })
    }

    @Test("Given an intercept-only model the conditional WOE is the ordinary WOE, and its deviance is the LR statistic")
    func interceptOnlyIsWOE() {
        // Bins with (bads, goods): (10, 90), (20, 60), (30, 30); 60 bads and 180 goods in all.
        var assignment: [Int32] = [], targets: [UInt8] = []
        for (bin, (bads, goods)) in [(10, 90), (20, 60), (30, 30)].enumerated() {
            assignment += [Int32](repeating: Int32(bin), count: bads + goods)
            targets += [UInt8](repeating: 1, count: bads) + [UInt8](repeating: 0, count: goods)
        }
        let offsets = [Double](repeating: log(60.0 / 180.0), count: targets.count)
        let fit = ConditionalEntry.fit(assignment: assignment, binCount: 3, offsets: offsets, targets: targets, smoothing: 0)
        let woe = WOETable(bads: [10, 20, 30], goods: [90, 60, 30], smoothing: 0).woe
        for b in 0..<3 { #expect(abs(fit.woe[b] - woe[b]) < 1e-8, "bin \(b): \(fit.woe[b]) vs \(woe[b])") }
        #expect(fit.degreesOfFreedom == 2)
        // The likelihood-ratio statistic of the 3×2 table: 2 Σ observed × ln(observed / expected).
        var g2 = 0.0
        for (bads, goods) in [(10.0, 90.0), (20, 60), (30, 30)] {
            let n = bads + goods
            g2 += 2 * (bads * log(bads / (n * 0.25)) + goods * log(goods / (n * 0.75)))
        }
        #expect(abs(fit.deviance - g2) < 1e-6, "deviance \(fit.deviance), G² \(g2)")
        // Its score clears the 5 % threshold; the threshold is the normal quantile.
        #expect(abs(ConditionalEntry.scoreThreshold(0.05) - 1.6449) < 1e-3)
        #expect(fit.score > ConditionalEntry.scoreThreshold(0.05))
    }

    @Test("The setting reads back, off included, and a model with conditional WOE survives its file")
    func settingAndFileRoundTrip() throws {
        var config = ScorecardConfig()
        config.entrySignificance = nil
        let encoded = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(ScorecardConfig.self, from: encoded).entrySignificance == nil)
        #expect(try JSONDecoder().decode(ScorecardConfig.self, from: Data("{}".utf8)).entrySignificance == 0.05)
        config.entrySignificance = 2
        #expect(throws: ScorecardError.self) { try config.validate() }
        // The binning's shape test reads back off too (an absent key is the default 0.05).
        var binning = BinningConfig()
        binning.shapeSignificance = nil
        #expect(try JSONDecoder().decode(BinningConfig.self, from: try JSONEncoder().encode(binning)).shapeSignificance == nil)
        #expect(try JSONDecoder().decode(BinningConfig.self, from: try JSONEncoder().encode(BinningConfig())) == BinningConfig())
        #expect(try JSONDecoder().decode(BinningConfig.self, from: Data("{}".utf8)).shapeSignificance == 0.05)

        let table = try ScorecardTable(csv: Data(Self.suppressedFlagCSV(rows: 10_000).csv.utf8))
        let model = try ScorecardModel.train(table: table, target: "bad")
        #expect(model.variables.contains { $0.conditionalWOE })
        let reloaded = try ScorecardModel(fileData: model.fileData())
        #expect(reloaded == model)
        let applicant = ["balance": "0.8", "flag": "yes", "channel": "web"]
        #expect(reloaded.score(applicant) == model.score(applicant))
        // A classic variable's file entry has no conditionalWOE key.
        let text = String(decoding: try model.fileData(), as: UTF8.self)
        #expect(text.components(separatedBy: "conditionalWOE").count - 1 == model.variables.filter(\.conditionalWOE).count)
    }
}
