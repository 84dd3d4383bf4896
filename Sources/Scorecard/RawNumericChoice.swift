import Foundation

/// Whether numeric variables may also enter the regression as numbers (`RawNumericTerm`).
public enum RawNumericMode: String, Codable, Sendable, Equatable {
    /// WOE only: every variable is a classic binned scorecard variable.
    case never
    /// Chosen per variable by inner validation on the training rows (see `RawNumericChoice`).
    case auto
}

/// Chooses which selected numeric variables get a raw numeric term next to their WOE, which variables left out
/// for a wrong sign enter by their conditional WOE, and the L2 penalty.
///
/// The rule (training rows only; the test fold of a cross-validation is never seen):
/// 1. Candidates are the numeric variables with at least `rawMinDistinct` distinct values: those selected for
///    the WOE model (which would get a raw term next to their WOE) and those left out of it for low IV or
///    correlation or for a wrong sign (which would enter as numbers only). The variables whose WOE came out with a
///    wrong sign in the WOE model (`conditional`) are candidates for a conditional-WOE entry too.
/// 2. The training rows are split into `rawInnerFolds` stratified inner folds (fixed seed). On each inner
///    fold every selected variable is binned again on the other inner folds, and each candidate's raw
///    transform is fitted there too; a conditional candidate is binned there and its conditional WOE
///    (`ConditionalEntry`) is fitted on the other inner folds given the model before it, every time a design is judged.
/// 3. Starting from the model with the WOE of every selected variable, the candidates are tried one at a
///    time, highest IV first: a candidate's raw term is kept when it raises the summed held-out
///    log-likelihood over the inner folds (each inner fold predicted by a regression fitted on the others)
///    by more than `rawMinGain` nats over the model with the terms kept so far. When there are conditional
///    candidates, raw terms and conditional entries compete instead: each round the one that raises the held-out
///    log-likelihood most enters, while that gain exceeds `rawMinGain`. A variable whose effect given the others
///    runs against its effect alone and a proxy of it (a student at a given balance is the safer borrower; a low
///    income marks a student) are so judged on the same footing, not in the order of their IV.
/// 4. Then, for each kept raw term of a selected variable, its WOE is dropped when the held-out log-likelihood
///    without it is at least as high (the variable then enters as a number only).
///
/// WOE binning loses the ranking within a bin; a raw term gives it back where the data show it matters
/// (a strongly predictive continuous variable, many weak near-linear effects), and stays out otherwise.
///
/// The same inner folds choose the L2 penalty among `l2 × l2Factors`: before step 3 for the model with the WOE
/// of every selected variable (so the raw terms are judged at the penalty they will be fitted with), and again
/// after step 4 for the chosen design (when it has raw terms), each time upwards from `l2` until the held-out
/// log-likelihood falls. A larger penalty is taken only when it raises the held-out
/// log-likelihood by more than `rawMinGain` nats over `l2`. The WOE the final regression sees is measured on
/// the very rows it is fitted to, so its coefficients come out too confident: more so the more bins and the
/// weaker the variables (a many-level category such as a region, a near-duplicate of another variable). The
/// inner folds bin again without their held-out rows and so see the shrinkage the data call for; `l2` stays
/// the floor (a penalty below it is never chosen).
struct RawNumericChoice {
    let config: ScorecardConfig

    /// One inner fold's design columns.
    private struct InnerFold {
        var trainTargets: [UInt8]
        var testTargets: [UInt8]
        /// Per selected variable (same order as `selected`): WOE on the inner training and test rows.
        var woeTrain: [[Double]]
        var woeTest: [[Double]]
        /// Per candidate: raw features on the inner training and test rows.
        var rawTrain: [Int: [Double]]
        var rawTest: [Int: [Double]]
        /// Per conditional candidate: its bins (found on the inner training rows) of the inner training and test rows.
        var binsTrain: [Int: [Int32]] = [:]
        var binsTest: [Int: [Int32]] = [:]
        var binCount: [Int: Int] = [:]
    }

    /// The outcome: raw terms by column index (transforms fitted on all training rows), the selected
    /// variables that enter by their raw term alone, and the L2 penalty of the regression.
    struct Choice {
        var terms: [Int: RawNumericTerm] = [:]
        var woeOut: Set<Int> = []
        /// Variables left out of the WOE model that enter by their conditional WOE, in entry order.
        var conditional: [Int] = []
        var l2: Double
    }

    /// A design judged on the inner folds: the WOE of every selected variable but `woeOut`, the raw terms of
    /// `raw`, and the conditional WOE of `conditional` (each refitted, in this order, on the inner training rows
    /// given the model before it).
    private struct Design {
        var raw: [Int] = []
        var woeOut: Set<Int> = []
        var conditional: [Int] = []
    }

    /// The penalties tried: `l2`, then `l2` times each factor in increasing order, without repeats.
    var penalties: [Double] {
        var result = [config.l2]
        for factor in config.l2Factors.sorted() where !result.contains(config.l2 * factor) { result.append(config.l2 * factor) }
        return result
    }

    /// The chosen variables (column indices), each with its transform fitted on all training rows.
    /// `others` are numeric variables left out of the WOE model (low IV, correlated): they may enter as
    /// numbers only. `conditional` are variables left out of the WOE model for a wrong sign: they may enter by
    /// their conditional WOE, competing with the raw terms (see step 3).
    func choose(data: TrainingData, rows: [Int], selected: [Int], others: [Int] = [], conditional: [Int] = [],
                binnings: [VariableBinning]) -> Choice {
        let penalties = self.penalties
        let candidates = config.rawNumeric != .auto ? [] : (selected + others)
            .filter { data.columns[$0].kind == .numeric }
            .filter { index in
                let numbers = data.columns[index].numbers
                return RawNumericTerm.fit(values: rows.map { numbers[$0] }, minDistinct: config.rawMinDistinct) != nil
            }
            .sorted { binnings[$0].iv != binnings[$1].iv ? binnings[$0].iv > binnings[$1].iv : $0 < $1 }
        let conditional = conditional.filter { binnings[$0].bins.count > 1 }
        guard !candidates.isEmpty || !conditional.isEmpty || penalties.count > 1 else { return Choice(l2: config.l2) }
        let folds = innerFolds(data: data, rows: rows, selected: selected, candidates: candidates, conditional: conditional)
        guard !folds.isEmpty else { return Choice(l2: config.l2) }
        func value(_ design: Design, _ l2: Double) -> Double {
            heldOutLogLikelihood(folds, design: design, selected: selected, l2: l2)
        }

        /// The penalty of the design: the best held-out one if it beats `l2` by more than `rawMinGain` nats.
        /// Penalties are tried upwards until the held-out log-likelihood falls (it rises to one peak and falls).
        func penalty(_ design: Design) -> (l2: Double, value: Double) {
            let floor = value(design, config.l2)
            var best = (l2: config.l2, value: floor)
            var previous = floor
            for l2 in penalties.dropFirst() {
                let current = value(design, l2)
                if current > best.value { best = (l2, current) }
                if current < previous { break }
                previous = current
            }
            return best.value > floor + config.rawMinGain ? best : (config.l2, floor)
        }
        let start = penalties.count > 1 ? penalty(Design()) : nil
        var l2 = start?.l2 ?? config.l2

        var design = Design()
        var baseline = start?.value ?? value(design, l2)
        if conditional.isEmpty {
            for candidate in candidates {
                var trial = design
                trial.raw.append(candidate)
                let current = value(trial, l2)
                if current > baseline + config.rawMinGain {
                    design = trial
                    baseline = current
                }
            }
        } else {
            // Raw terms and conditional entries compete: each round the one that raises the held-out
            // log-likelihood most enters, while that gain exceeds `rawMinGain`.
            var pool = candidates.map { (index: $0, conditional: false) } + conditional.map { (index: $0, conditional: true) }
            while !pool.isEmpty {
                var best: (position: Int, design: Design, value: Double)? = nil
                for (position, entry) in pool.enumerated() {
                    var trial = design
                    if entry.conditional { trial.conditional.append(entry.index) } else { trial.raw.append(entry.index) }
                    let current = value(trial, l2)
                    if current > baseline + config.rawMinGain, current > (best?.value ?? -.infinity) {
                        best = (position, trial, current)
                    }
                }
                guard let best else { break }
                design = best.design
                baseline = best.value
                pool.remove(at: best.position)
            }
        }
        // 4. A selected variable with a raw term then drops its WOE when that does not lower the held-out
        //    log-likelihood (the number alone ranks as well as number and bins).
        for index in design.raw where selected.contains(index) {
            var trial = design
            trial.woeOut.insert(index)
            let current = value(trial, l2)
            if current >= baseline {
                design = trial
                baseline = current
            }
        }
        // The design changed: choose the penalty again.
        if penalties.count > 1, !design.raw.isEmpty || !design.conditional.isEmpty { l2 = penalty(design).l2 }
        var terms: [Int: RawNumericTerm] = [:]
        for index in design.raw {
            let values = rows.map { data.columns[index].numbers[$0] }
            terms[index] = RawNumericTerm.fit(values: values, minDistinct: config.rawMinDistinct)
        }
        return Choice(terms: terms, woeOut: design.woeOut, conditional: design.conditional, l2: l2)
    }

    private func innerFolds(data: TrainingData, rows: [Int], selected: [Int], candidates: [Int],
                            conditional: [Int]) -> [InnerFold] {
        let k = config.rawInnerFolds
        let targets = rows.map { data.target[$0] }
        let assignment = SyntheticCreditData(rows: rows.count, seed: 0x1A2B_3C4D, folds: k).foldAssignment(targets: targets)
        let binner = Binner(config: config.binning)
        var folds: [InnerFold] = []
        for f in 0..<k {
            let train = rows.indices.filter { assignment[$0] != f }.map { rows[$0] }
            let test = rows.indices.filter { assignment[$0] == f }.map { rows[$0] }
            let trainTargets = train.map { data.target[$0] }, testTargets = test.map { data.target[$0] }
            let bads = trainTargets.reduce(0) { $0 + Int($1) }
            guard bads > 0, bads < train.count, testTargets.contains(1), testTargets.contains(0) else { return [] }
            var woeTrain: [[Double]] = [], woeTest: [[Double]] = []
            for index in selected {
                let column = data.columns[index]
                let output = binner.bin(column: column, rows: train, target: data.target)
                let woe = output.binning.bins.map(\.woe)
                woeTrain.append(output.assignment.map { $0 >= 0 ? woe[Int($0)] : 0 })
                woeTest.append(output.binning.woeColumn(column, rows: test))
            }
            var rawTrain: [Int: [Double]] = [:], rawTest: [Int: [Double]] = [:]
            for index in candidates {
                let numbers = data.columns[index].numbers
                guard let term = RawNumericTerm.fit(values: train.map { numbers[$0] }, minDistinct: 2) else {
                    rawTrain[index] = [Double](repeating: 0, count: train.count)
                    rawTest[index] = [Double](repeating: 0, count: test.count)
                    continue
                }
                rawTrain[index] = train.map { term.feature(numbers[$0]) }
                rawTest[index] = test.map { term.feature(numbers[$0]) }
            }
            var fold = InnerFold(trainTargets: trainTargets, testTargets: testTargets, woeTrain: woeTrain,
                                 woeTest: woeTest, rawTrain: rawTrain, rawTest: rawTest)
            for index in conditional {
                let column = data.columns[index]
                let output = binner.bin(column: column, rows: train, target: data.target)
                fold.binsTrain[index] = output.assignment
                fold.binsTest[index] = output.binning.binColumn(column, rows: test)
                fold.binCount[index] = output.binning.bins.count
            }
            folds.append(fold)
        }
        return folds
    }

    /// The summed log-likelihood of every inner fold's test rows under a regression of `design` with penalty `l2`
    /// fitted on its training rows. A conditional WOE is fitted on the training rows given the model before it.
    private func heldOutLogLikelihood(_ folds: [InnerFold], design: Design, selected: [Int], l2: Double) -> Double {
        var total = 0.0
        for fold in folds {
            var trainColumns: [[Double]] = [], testColumns: [[Double]] = []
            for (k, index) in selected.enumerated() where !design.woeOut.contains(index) {
                trainColumns.append(fold.woeTrain[k])
                testColumns.append(fold.woeTest[k])
            }
            for index in design.raw {
                guard let train = fold.rawTrain[index], let test = fold.rawTest[index] else { continue }
                trainColumns.append(train)
                testColumns.append(test)
            }
            var model = LogisticRegression.fit(columns: trainColumns, targets: fold.trainTargets, l2: l2)
            let firstConditional = trainColumns.count
            for index in design.conditional {
                guard let binsTrain = fold.binsTrain[index], let binsTest = fold.binsTest[index],
                      let count = fold.binCount[index] else { continue }
                var offsets = [Double](repeating: model.intercept, count: fold.trainTargets.count)
                for (j, column) in trainColumns.enumerated() {
                    for i in offsets.indices { offsets[i] += model.coefficients[j] * column[i] }
                }
                let fit = ConditionalEntry.fit(assignment: binsTrain, binCount: count, offsets: offsets,
                                               targets: fold.trainTargets, smoothing: config.binning.woeSmoothing)
                trainColumns.append(binsTrain.map { $0 >= 0 && Int($0) < count ? fit.woe[Int($0)] : 0 })
                testColumns.append(binsTest.map { $0 >= 0 && Int($0) < count ? fit.woe[Int($0)] : 0 })
                // Conditional WOE is penalised per standard deviation (see `LogisticRegression.fit(columns:…)`).
                model = LogisticRegression.fit(columns: trainColumns, targets: fold.trainTargets, l2: l2,
                                               standardized: Set(firstConditional..<trainColumns.count))
            }
            for i in fold.testTargets.indices {
                var z = model.intercept
                for (j, column) in testColumns.enumerated() { z += model.coefficients[j] * column[i] }
                let p = min(max(LogisticRegression.sigmoid(z), 1e-12), 1 - 1e-12)
                total += fold.testTargets[i] == 1 ? log(p) : log(1 - p)
            }
        }
        return total
    }
}

extension LogisticRegression {
    /// Fits a model to feature columns (each one value per row). The columns at the positions in `standardized`
    /// are penalised per standard deviation (as if scaled to unit variance; the coefficients returned are for the
    /// columns as given).
    ///
    /// A conditional-WOE column (`ConditionalEntry`) is so penalised, like a raw term: it holds the shifts of
    /// log-odds the model still misses, whose spread is small, so the penalty on its bare coefficient would all but
    /// cancel the entry, and a proxy entering as a standardised number would beat it for that alone. A marginal WOE column keeps the bare
    /// penalty, whose shrinkage of weak variables is what the penalty choice is for.
    static func fit(columns: [[Double]], targets: [UInt8], l2: Double, standardized: Set<Int> = []) -> LogisticRegression {
        let n = targets.count, p = columns.count
        var matrix = [Double](repeating: 0, count: n * p)
        var scales = [Double](repeating: 1, count: p)
        for (j, column) in columns.enumerated() {
            if standardized.contains(j) { scales[j] = RawFeatureEncoder.moments(column).scale }
            for i in 0..<n { matrix[i * p + j] = column[i] / scales[j] }
        }
        var model = fit(matrix: matrix, columns: p, targets: targets, l2: l2)
        for j in 0..<p { model.coefficients[j] /= scales[j] }
        return model
    }
}

extension VariableBinning {
    /// The bin of each given row of a typed column (−1 for a value without a bin).
    func binColumn(_ column: TypedColumn, rows: [Int]) -> [Int32] {
        switch column.kind {
        case .numeric:
            guard kind == .numeric else { return [Int32](repeating: -1, count: rows.count) }
            let lookup = NumberBinLookup(self)
            return rows.map { Int32(lookup.bin(column.numbers[$0]) ?? -1) }
        case .categorical:
            let levelBins = column.levels.map { binIndex(forCategory: $0) }
            return rows.map { r in
                let code = Int(column.codes[r])
                return Int32((code < 0 ? missingBin : levelBins[code]) ?? -1)
            }
        }
    }

    /// The WOE of each given row of a typed column (0 for a value without a bin).
    func woeColumn(_ column: TypedColumn, rows: [Int]) -> [Double] {
        let woes = bins.map(\.woe)
        func woe(_ bin: Int?) -> Double { bin.map { woes.indices.contains($0) ? woes[$0] : 0 } ?? 0 }
        switch column.kind {
        case .numeric:
            guard kind == .numeric else { return [Double](repeating: 0, count: rows.count) }
            let lookup = NumberBinLookup(self)
            return rows.map { woe(lookup.bin(column.numbers[$0])) }
        case .categorical:
            let levelBins = column.levels.map { binIndex(forCategory: $0) }
            return rows.map { r in
                let code = Int(column.codes[r])
                return woe(code < 0 ? missingBin : levelBins[code])
            }
        }
    }
}
