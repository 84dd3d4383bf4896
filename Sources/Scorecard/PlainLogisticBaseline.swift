import Foundation

/// The reference the engine is measured against: a plain L2 logistic regression on the raw features,
/// encoded as scikit-learn's usual pipeline does it (`bench.py`'s `sklearn_lr`):
///
/// - numeric columns: missing values replaced by the training median, plus a 0/1 missing indicator when
///   the training rows had missing values; every such column then standardised (training mean and
///   standard deviation);
/// - categorical columns: one 0/1 column per category seen in training (missing is a category of its own);
///   an unseen category gets all zeros.
///
/// `l2` = 1 matches scikit-learn's default `C = 1`.
public enum PlainLogisticBaseline {
    /// Cross-validated test AUC and KS of the plain regression on fixed folds.
    public static func crossValidate(table: ScorecardTable, target: String, folds: FoldAssignment,
                                     excluding excluded: Set<String> = [], l2: Double = 1) throws(ScorecardError) -> CrossValidationReport {
        guard folds.folds.count == table.rowCount else {
            throw .foldsRowCountMismatch(expected: table.rowCount, found: folds.folds.count)
        }
        let data = try TrainingData(table: table, target: target, excluding: excluded)
        guard folds.foldNumbers.count >= 2 else { throw .foldsTooFew(folds.foldNumbers.count) }
        var results: [CrossValidationReport.Fold] = []
        for fold in folds.foldNumbers {
            let train = folds.folds.indices.filter { folds.folds[$0] != fold }
            let test = folds.folds.indices.filter { folds.folds[$0] == fold }
            let probabilities = fitAndPredict(data: data, train: train, test: test, l2: l2)
            let labels = test.map { Int(data.target[$0]) }
            guard let auc = ScoringMetrics.auc(labels: labels, scores: probabilities),
                  let ks = ScoringMetrics.ks(labels: labels, scores: probabilities) else {
                throw .foldSingleClass(fold: fold)
            }
            results.append(CrossValidationReport.Fold(fold: fold, trainRows: train.count, testRows: test.count,
                                                      variables: data.columns.count, auc: auc, ks: ks))
        }
        return CrossValidationReport(target: target, rows: table.rowCount, folds: results)
    }

    /// Fits on the training rows and returns the probabilities of bad of the test rows.
    static func fitAndPredict(data: TrainingData, train: [Int], test: [Int], l2: Double) -> [Double] {
        let encoders = data.columns.map { RawFeatureEncoder(column: $0, rows: train) }
        let width = encoders.reduce(0) { $0 + $1.width }
        func matrix(_ rows: [Int]) -> [Double] {
            var out = [Double](repeating: 0, count: rows.count * width)
            var offset = 0
            for (column, encoder) in zip(data.columns, encoders) {
                for (i, r) in rows.enumerated() {
                    encoder.encode(column: column, row: r, into: &out, at: i * width + offset)
                }
                offset += encoder.width
            }
            return out
        }
        let model = LogisticRegression.fit(matrix: matrix(train), columns: width,
                                           targets: train.map { data.target[$0] }, l2: l2)
        let x = matrix(test)
        return test.indices.map { i in
            var z = model.intercept
            for j in 0..<width { z += model.coefficients[j] * x[i * width + j] }
            return LogisticRegression.sigmoid(z)
        }
    }
}

/// One column's raw encoding for `PlainLogisticBaseline`, fitted on training rows.
struct RawFeatureEncoder {
    private enum Plan {
        /// Standardised value (median for missing) and, if `indicator`, a standardised missing flag.
        case numeric(median: Double, mean: Double, scale: Double, indicator: (mean: Double, scale: Double)?)
        /// Level code → one-hot position (nil: no column); the missing category's position.
        case categorical(positions: [Int?], missing: Int?, count: Int)
    }

    private let plan: Plan
    let width: Int

    init(column: TypedColumn, rows: [Int]) {
        switch column.kind {
        case .numeric:
            var values = rows.map { column.numbers[$0] }.filter { !$0.isNaN }
            values.sort()
            let missing = rows.count - values.count
            let median = RawFeatureEncoder.median(sorted: values)
            let filled = rows.map { column.numbers[$0].isNaN ? median : column.numbers[$0] }
            let (mean, scale) = RawFeatureEncoder.moments(filled)
            var indicator: (mean: Double, scale: Double)? = nil
            if missing > 0 {
                indicator = RawFeatureEncoder.moments(rows.map { column.numbers[$0].isNaN ? 1.0 : 0.0 })
            }
            plan = .numeric(median: median, mean: mean, scale: scale, indicator: indicator)
            width = indicator == nil ? 1 : 2
        case .categorical:
            var seen = [Bool](repeating: false, count: column.levels.count)
            var missingSeen = false
            for r in rows {
                let code = Int(column.codes[r])
                if code < 0 { missingSeen = true } else { seen[code] = true }
            }
            var positions = [Int?](repeating: nil, count: column.levels.count)
            var next = 0
            for code in seen.indices where seen[code] {
                positions[code] = next
                next += 1
            }
            let missingPosition: Int? = missingSeen ? next : nil
            if missingSeen { next += 1 }
            plan = .categorical(positions: positions, missing: missingPosition, count: next)
            width = next
        }
    }

    func encode(column: TypedColumn, row: Int, into out: inout [Double], at base: Int) {
        switch plan {
        case let .numeric(median, mean, scale, indicator):
            let value = column.numbers[row]
            out[base] = ((value.isNaN ? median : value) - mean) / scale
            if let indicator { out[base + 1] = ((value.isNaN ? 1 : 0) - indicator.mean) / indicator.scale }
        case let .categorical(positions, missing, _):
            let code = Int(column.codes[row])
            let position = code < 0 ? missing : positions[code]
            if let position { out[base + position] = 1 }
        }
    }

    static func median(sorted values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mid = values.count / 2
        return values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2
    }

    /// Mean and (population) standard deviation; a constant column gets scale 1.
    static func moments(_ values: [Double]) -> (mean: Double, scale: Double) {
        guard !values.isEmpty else { return (0, 1) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let scale = variance.squareRoot()
        return (mean, scale > 0 && scale.isFinite ? scale : 1)
    }
}
