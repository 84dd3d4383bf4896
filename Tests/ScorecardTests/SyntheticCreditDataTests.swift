import Foundation
import Testing
@testable import Scorecard

@Suite("Synthetic credit data")
struct SyntheticCreditDataTests {
    @Test("the same rows and seed give the same bytes; another seed gives other data")
    func deterministic() {
        let a = SyntheticCreditData(rows: 2000, seed: 11).dataCSV()
        let b = SyntheticCreditData(rows: 2000, seed: 11).dataCSV()
        let c = SyntheticCreditData(rows: 2000, seed: 12).dataCSV()
        #expect(a.csv == b.csv)
        #expect(a.csv != c.csv)
        let folds = SyntheticCreditData(rows: 2000, seed: 11)
        #expect(folds.foldAssignment(targets: a.targets) == folds.foldAssignment(targets: b.targets))
    }

    @Test("a table the scorecard engine reads: header, row count, numeric and categorical columns, missing cells")
    func shape() throws {
        let generated = SyntheticCreditData(rows: 3000, seed: 5).dataCSV()
        let table = try ScorecardTable(csv: generated.csv)
        #expect(table.header == SyntheticCreditData.header)
        #expect(table.rowCount == 3000)
        let data = try TrainingData(table: table, target: "bad")
        #expect(data.target == generated.targets)
        #expect(data.columns.contains { $0.kind == .numeric })
        #expect(data.columns.contains { $0.kind == .categorical })
        let missingIncome = table.column(named: "income")!.filter { ScorecardTable.isMissing($0) }.count
        #expect(missingIncome > 0 && missingIncome < 600)
    }

    @Test("default rate between 5 % and 10 %")
    func defaultRate() {
        let targets = SyntheticCreditData(rows: 20_000, seed: 2026).dataCSV().targets
        let rate = Double(targets.reduce(0) { $0 + Int($1) }) / Double(targets.count)
        #expect(rate > 0.05 && rate < 0.10)
    }

    @Test("folds are stratified: every fold holds a fifth of the bads and of the goods, give or take one")
    func stratifiedFolds() throws {
        let generator = SyntheticCreditData(rows: 5003, seed: 3)
        let targets = generator.dataCSV().targets
        let folds = generator.foldAssignment(targets: targets)
        #expect(folds.count == targets.count)
        #expect(Set(folds) == Set(0..<5))
        let bads = targets.reduce(0) { $0 + Int($1) }
        for fold in 0..<5 {
            let members = folds.indices.filter { folds[$0] == fold }
            let foldBads = members.filter { targets[$0] == 1 }.count
            #expect(abs(foldBads * 5 - bads) <= 5)
            #expect(abs((members.count - foldBads) * 5 - (targets.count - bads)) <= 5)
        }
        // The folds file reads back as the same assignment.
        let parsed = try FoldAssignment(csv: Data(SyntheticCreditData.foldsCSV(folds).utf8), rowCount: targets.count)
        #expect(parsed.folds == folds)
    }

    @Test("the engine finds real signal in it")
    func signal() throws {
        let generator = SyntheticCreditData(rows: 10_000, seed: 9)
        let (csv, targets) = generator.dataCSV()
        let table = try ScorecardTable(csv: csv)
        let folds = FoldAssignment(folds: generator.foldAssignment(targets: targets))
        let report = try CrossValidation.run(table: table, target: "bad", folds: folds)
        #expect(report.meanAUC > 0.65)
    }

    @Test("the binner's radix sort orders numbers as sort() does")
    func radixSort() {
        var random = SyntheticCreditData.Random(seed: 4)
        var values = (0..<5000).map { i -> Double in
            switch i % 5 {
            case 0: return Double(random.uniformInt(40))          // whole numbers, many ties
            case 1: return -random.normal() * 1e6
            case 2: return random.uniform() * 1e-300
            case 3: return i % 10 == 3 ? -.infinity : .infinity
            default: return random.normal()
            }
        }
        let expected = values.sorted()
        Binner.sortAscending(&values)
        #expect(values == expected)
    }
}
