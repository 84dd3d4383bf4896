import Foundation
import Domain

/// Each data row's test fold, read from a CSV with columns `row,fold` (rows numbered from 0 in
/// file order, header excluded; lines in any order, one per data row).
public struct FoldAssignment: Sendable, Equatable {
    /// `folds[r]` is the test fold of data row `r`.
    public let folds: [Int]
    /// The distinct folds, ascending.
    public var foldNumbers: [Int] { Array(Set(folds)).sorted() }

    public init(folds: [Int]) { self.folds = folds }

    /// Reads a folds table for a data table of `rowCount` rows.
    public init(table: ScorecardTable, rowCount: Int) throws(ScorecardError) {
        guard let rowColumn = table.column(named: "row"), let foldColumn = table.column(named: "fold") else {
            throw .foldsColumnsMissing
        }
        guard table.rowCount == rowCount else {
            throw .foldsRowCountMismatch(expected: rowCount, found: table.rowCount)
        }
        var folds = [Int](repeating: -1, count: rowCount)
        for line in 0..<table.rowCount {
            let rowText = rowColumn[line].trimmingSpaces(), foldText = foldColumn[line].trimmingSpaces()
            guard let row = Int(rowText), row >= 0, row < rowCount else {
                throw .foldsInvalidValue(line: line + 2, value: rowColumn[line])
            }
            guard let fold = Int(foldText), fold >= 0 else {
                throw .foldsInvalidValue(line: line + 2, value: foldColumn[line])
            }
            guard folds[row] < 0 else { throw .foldsDuplicateRow(row) }
            folds[row] = fold
        }
        self.folds = folds
    }

    /// Reads a folds CSV.
    public init(csv: Data, rowCount: Int) throws(ScorecardError) {
        try self.init(table: ScorecardTable(csv: csv), rowCount: rowCount)
    }
}

/// The result of a cross-validation: test AUC and KS per fold and their means.
public struct CrossValidationReport: Codable, Sendable, Equatable {
    public struct Fold: Codable, Sendable, Equatable {
        public var fold: Int
        public var trainRows: Int
        public var testRows: Int
        /// Variables in the fold's scorecard.
        public var variables: Int
        public var auc: Double
        public var ks: Double
        /// How each variable of the fold's scorecard entered it.
        public var treatments: [VariableTreatment] = []

        enum CodingKeys: String, CodingKey {
            case fold, auc, ks, variables, treatments
            case trainRows = "train_rows"
            case testRows = "test_rows"
        }
    }

    public var target: String
    public var rows: Int
    public var folds: [Fold]
    public var meanAUC: Double
    public var meanKS: Double
    /// Sample standard deviation over folds.
    public var stdAUC: Double
    public var stdKS: Double

    enum CodingKeys: String, CodingKey {
        case target, rows, folds
        case meanAUC = "mean_auc"
        case meanKS = "mean_ks"
        case stdAUC = "std_auc"
        case stdKS = "std_ks"
    }

    init(target: String, rows: Int, folds: [Fold]) {
        self.target = target
        self.rows = rows
        self.folds = folds
        let aucs = folds.map(\.auc), kss = folds.map(\.ks)
        meanAUC = CrossValidationReport.mean(aucs)
        meanKS = CrossValidationReport.mean(kss)
        stdAUC = CrossValidationReport.standardDeviation(aucs)
        stdKS = CrossValidationReport.standardDeviation(kss)
    }

    /// The report as one line of JSON with sorted keys, e.g.
    /// `{"folds":[{"auc":0.79,"fold":0,"ks":0.51,"test_rows":200,"train_rows":800,"variables":12},…],"mean_auc":…,"mean_ks":…,"rows":1000,"std_auc":…,"std_ks":…,"target":"bad"}`.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    /// Human-readable lines (one per fold, then the means) to print before the JSON line; `treatmentLines` follow them.
    public var summaryLines: [String] {
        var lines = folds.map { f in
            "第\(f.fold)折：训练\(f.trainRows)行，测试\(f.testRows)行，变量\(f.variables)个，AUC \(Self.format(f.auc))，KS \(Self.format(f.ks))"
        }
        lines.append("平均：AUC \(Self.format(meanAUC)) ± \(Self.format(stdAUC))，KS \(Self.format(meanKS)) ± \(Self.format(stdKS))")
        return lines
    }

    /// One line per variable that entered any fold's scorecard: each distinct treatment with its number of folds,
    /// e.g. `balance：WOE 分箱（6 箱，单调递增）+ 原始数值 ×4 折；WOE 分箱（5 箱，单调递增）×1 折`.
    public var treatmentLines: [String] {
        var names: [String] = []
        var counts: [String: [(String, Int)]] = [:]
        for fold in folds {
            for t in fold.treatments {
                if counts[t.name] == nil { names.append(t.name) }
                var list = counts[t.name] ?? []
                if let k = list.firstIndex(where: { $0.0 == t.description }) { list[k].1 += 1 } else { list.append((t.description, 1)) }
                counts[t.name] = list
            }
        }
        guard !names.isEmpty else { return [] }
        return ["各变量的处理方式（入模折数）："] + names.map { name in
            "  \(name)：" + (counts[name] ?? []).map { "\($0.0) ×\($0.1) 折" }.joined(separator: "；")
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.4f", value) }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }
}

/// K-fold cross-validation of the scorecard engine on fixed folds.
public enum CrossValidation {
    /// Trains on all folds but one and measures AUC and KS on the held-out fold, for every fold.
    public static func run(table: ScorecardTable, target: String, folds: FoldAssignment,
                           config: ScorecardConfig = ScorecardConfig()) throws(ScorecardError) -> CrossValidationReport {
        let results = try heldOutFolds(table: table, target: target, folds: folds, config: config).map {
            CrossValidationReport.Fold(fold: $0.fold, trainRows: $0.trainRows, testRows: $0.testRows,
                                       variables: $0.variables, auc: $0.auc, ks: $0.ks, treatments: $0.treatments)
        }
        return CrossValidationReport(target: target, rows: table.rowCount, folds: results)
    }

    /// One held-out fold: the rows on each side, the fold's scorecard size, its test AUC and KS, and how long
    /// its training took.
    public struct HeldOutFold: Sendable, Equatable {
        public var fold: Int
        public var trainRows: Int
        public var testRows: Int
        public var variables: Int
        public var auc: Double
        public var ks: Double
        /// How each variable of the fold's scorecard entered it.
        public var treatments: [VariableTreatment]
        /// Training alone (binning, WOE/IV, selection, regression, scaling and the training score distribution:
        /// what a peer's `fit()` does on already typed data); reading and typing the table are outside it.
        public var fitSeconds: Double
    }

    /// Every fold held out in turn, the table read and typed once (`run`, and `xyd bench scorecard`'s timings).
    public static func heldOutFolds(table: ScorecardTable, target: String, folds: FoldAssignment,
                                    config: ScorecardConfig = ScorecardConfig()) throws(ScorecardError) -> [HeldOutFold] {
        guard folds.folds.count == table.rowCount else {
            throw .foldsRowCountMismatch(expected: table.rowCount, found: folds.folds.count)
        }
        let data = try TrainingData(table: table, target: target, excluding: Set(config.excludedColumns))
        let foldNumbers = folds.foldNumbers
        guard foldNumbers.count >= 2 else { throw .foldsTooFew(foldNumbers.count) }
        let clock = ContinuousClock()
        var results: [HeldOutFold] = []
        for fold in foldNumbers {
            let train = folds.folds.indices.filter { folds.folds[$0] != fold }
            let test = folds.folds.indices.filter { folds.folds[$0] == fold }
            let started = clock.now
            let model = try ScorecardModel.train(data: data, rows: train, config: config)
            let elapsed = started.duration(to: clock.now)
            let probabilities = model.probabilities(data: data, rows: test)
            let labels = test.map { Int(data.target[$0]) }
            guard let auc = ScoringMetrics.auc(labels: labels, scores: probabilities),
                  let ks = ScoringMetrics.ks(labels: labels, scores: probabilities) else {
                throw .foldSingleClass(fold: fold)
            }
            results.append(HeldOutFold(fold: fold, trainRows: train.count, testRows: test.count, variables: model.variables.count,
                                       auc: auc, ks: ks, treatments: model.variables.map(VariableTreatment.init),
                                       fitSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        }
        return results
    }

    /// Reads the data and folds files and runs the cross-validation (`xyd model cv`).
    public static func run(dataFile: String, target: String, foldsFile: String,
                           config: ScorecardConfig = ScorecardConfig()) throws(ScorecardError) -> CrossValidationReport {
        let table = try ScorecardTable(contentsOfFile: dataFile)
        guard let foldsData = FileManager.default.contents(atPath: foldsFile) else { throw .fileUnreadable(foldsFile) }
        let folds = try FoldAssignment(csv: foldsData, rowCount: table.rowCount)
        return try run(table: table, target: target, folds: folds, config: config)
    }
}

extension ScorecardModel {
    /// Probabilities of bad for rows of prepared data, read from the same typed columns.
    func probabilities(data: TrainingData, rows: [Int]) -> [Double] {
        let columnsByName = Dictionary(data.columns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var logits = [Double](repeating: intercept, count: rows.count)
        for variable in variables {
            guard let column = columnsByName[variable.name] else { continue }
            let binning = variable.binning
            var levelBins: [Int?] = []
            if column.kind == .categorical { levelBins = column.levels.map { binning.binIndex(forCategory: $0) } }
            let lookup = NumberBinLookup(binning), missingBin = binning.missingBin
            let woes = binning.bins.map(\.woe)
            for (k, r) in rows.enumerated() {
                let bin: Int?
                switch column.kind {
                case .numeric:
                    bin = binning.kind == .numeric ? lookup.bin(column.numbers[r]) : nil
                case .categorical:
                    let code = Int(column.codes[r])
                    bin = code < 0 ? missingBin : levelBins[code]
                }
                // binning.woe(ofBin:): 0 for no bin.
                logits[k] += variable.coefficient * (bin.map { woes.indices.contains($0) ? woes[$0] : 0 } ?? 0)
                if let raw = variable.raw, column.kind == .numeric { logits[k] += raw.coefficient * raw.feature(column.numbers[r]) }
            }
        }
        return logits.map(LogisticRegression.sigmoid)
    }
}
