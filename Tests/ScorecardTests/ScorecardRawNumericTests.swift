import Foundation
import Testing
@testable import Scorecard

@Suite("Scorecard raw numeric terms and adaptive binning")
struct ScorecardRawNumericTests {
    @Test("A raw term clips, standardises and gives 0 for a missing value")
    func rawTerm() throws {
        let values = (0..<1000).map { Double($0) }
        let term = try #require(RawNumericTerm.fit(values: values + [.nan], minDistinct: 3))
        #expect(!term.logarithm)
        #expect(abs(term.feature(term.center)) < 1e-12)
        #expect(term.feature(-1e9) == term.feature(term.lower))
        #expect(term.feature(1e9) == term.feature(term.upper))
        #expect(term.feature(.nan) == 0)
        #expect(RawNumericTerm.fit(values: [1, 1, 2, 2], minDistinct: 3) == nil)
        // A strongly right-skewed non-negative variable is log-transformed.
        let skewed = (0..<1000).map { exp(Double($0) / 100) }
        #expect(RawNumericTerm.fit(values: skewed, minDistinct: 3)?.logarithm == true)
    }

    @Test("With rare defaults every value bin is large enough to expect 8 defaults, and small categories are pooled")
    func rareDefaultBins() throws {
        let (csv, targets) = SyntheticCreditShape.rareDefaults.dataCSV(rows: 8000)
        let data = try TrainingData(table: try ScorecardTable(csv: Data(csv.utf8)), target: "bad")
        let rows = Array(0..<data.rowCount)
        let bads = targets.reduce(0) { $0 + Int($1) }
        let floor = Binner.rowsForEvents(8, total: rows.count, bads: bads)
        #expect(floor > 0.05 * Double(rows.count), "the events floor is what binds here")
        let binner = Binner(config: BinningConfig())
        for column in data.columns where column.kind == .numeric {
            let binning = binner.bin(column: column, rows: rows, target: data.target).binning
            for bin in binning.bins where !bin.isMissing && binning.valueBinCount > 1 {
                #expect(Double(bin.count) >= floor.rounded(.down), "\(column.name) \(bin.label) \(bin.count)")
            }
        }
        let state = try #require(data.columns.first { $0.name == "state" })
        let stateBinning = binner.bin(column: state, rows: rows, target: data.target).binning
        #expect(stateBinning.otherBin != nil)
    }

    @Test("The chi-square quantile of one degree of freedom")
    func chiSquareQuantile() {
        #expect(abs(Binner.chiSquareQuantile(0.05) - 3.8415) < 1e-3)
        #expect(Binner.chiSquareQuantile(nil) == 0)
    }

    @Test("A model with a raw term scores the same after a file round trip, and its treatment is named")
    func rawModelRoundTrip() throws {
        let (csv, _) = SyntheticCreditShape.dominantContinuous.generate(rows: 4000)
        let table = try ScorecardTable(csv: Data(csv.utf8))
        let model = try ScorecardModel.train(table: table, target: "bad")
        let balance = try #require(model.variables.first { $0.name == "balance" })
        #expect(balance.raw != nil, "balance should enter as a number too")
        #expect(balance.treatment != .woe)
        #expect(model.formatVersion == ScorecardModel.currentFormatVersion)
        let reloaded = try ScorecardModel(fileData: model.fileData())
        #expect(reloaded == model)
        let applicant = ["student": "No", "balance": "1500", "income": "30000"]
        #expect(reloaded.score(applicant) == model.score(applicant))
        // A higher balance means a lower score and a higher probability of bad.
        let higher = model.score(["student": "No", "balance": "1900", "income": "30000"])
        #expect(higher.probabilityOfBad > model.score(applicant).probabilityOfBad)
        let description = VariableTreatment(balance).description
        #expect(description.contains("原始数值"))
        // Probabilities from the table and from the typed training data agree.
        let data = try TrainingData(table: table, target: "bad")
        let fromData = model.probabilities(data: data, rows: Array(0..<50))
        let fromTable = try model.probabilities(table: table).prefix(50)
        for (a, b) in zip(fromData, fromTable) { #expect(abs(a - b) < 1e-12) }
    }

    @Test("Without raw terms a model keeps file format version 1")
    func woeOnlyModelVersion() throws {
        let (csv, _) = SyntheticCreditShape.mixedApplications.generate(rows: 2000)
        var config = ScorecardConfig()
        config.rawNumeric = .never
        let model = try ScorecardModel.train(table: try ScorecardTable(csv: Data(csv.utf8)), target: "bad", config: config)
        #expect(model.formatVersion == 1)
        #expect(model.variables.allSatisfy { $0.treatment == .woe })
    }

    @Test("Cross-validation lists each variable's treatment per fold, and training is deterministic")
    func treatmentLines() throws {
        let (csv, assignment) = SyntheticCreditShape.mixedApplications.generate(rows: 2000)
        let table = try ScorecardTable(csv: Data(csv.utf8))
        let folds = FoldAssignment(folds: assignment)
        let first = try CrossValidation.run(table: table, target: "bad", folds: folds)
        let second = try CrossValidation.run(table: table, target: "bad", folds: folds)
        #expect(first == second)
        #expect(first.treatmentLines.first == "各变量的处理方式（入模折数）：")
        #expect(first.treatmentLines.contains { $0.contains("WOE 分箱") })
        #expect(first.folds.allSatisfy { $0.treatments.count == $0.variables })
    }
}
