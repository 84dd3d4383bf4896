import Foundation

extension ScorecardModel {
    /// Trains a scorecard on every row of a table.
    ///
    /// Steps: bin every column but the target (and `config.excludedColumns`), compute WOE and IV,
    /// keep variables by IV and WOE correlation, leave out the variables whose WOE takes a wrong sign in the WOE
    /// model (if configured, with `entrySignificance` set), choose by inner validation the L2 penalty, which numeric
    /// variables also enter as numbers and which wrong-sign variables enter by their conditional WOE
    /// (`RawNumericChoice`), fit the L2 logistic regression on the WOE (and raw) columns (dropping wrong-sign WOE
    /// terms if configured), give the other variables left out a second chance with WOE conditional on the model
    /// (`ConditionalEntry`), then scale to points. A conditional-WOE column is penalised per standard deviation.
    public static func train(table: ScorecardTable, target: String,
                             config: ScorecardConfig = ScorecardConfig()) throws(ScorecardError) -> ScorecardModel {
        let data = try TrainingData(table: table, target: target, excluding: Set(config.excludedColumns))
        return try train(data: data, rows: Array(0..<data.rowCount), config: config)
    }

    /// Trains a scorecard from CSV bytes.
    public static func train(csv: Data, target: String,
                             config: ScorecardConfig = ScorecardConfig()) throws(ScorecardError) -> ScorecardModel {
        try train(table: ScorecardTable(csv: csv), target: target, config: config)
    }

    /// Trains on a subset of the rows of prepared data (used by cross-validation).
    static func train(data: TrainingData, rows: [Int], config: ScorecardConfig) throws(ScorecardError) -> ScorecardModel {
        try config.validate()
        guard !rows.isEmpty else { throw .noRows }
        let y = rows.map { data.target[$0] }
        let bads = y.reduce(0) { $0 + Int($1) }
        let goods = rows.count - bads
        guard bads > 0, goods > 0 else { throw .singleClassTarget(bads: bads, goods: goods) }

        // 1. Binning, WOE and IV of every candidate column.
        let binner = Binner(config: config.binning)
        var binnings: [VariableBinning] = []
        var woeColumns: [[Double]] = []
        var assignments: [[Int32]] = []
        for column in data.columns {
            let output = binner.bin(column: column, rows: rows, target: data.target)
            let woe = output.binning.bins.map(\.woe)
            woeColumns.append(output.assignment.map { $0 >= 0 ? woe[Int($0)] : 0 })
            binnings.append(output.binning)
            assignments.append(output.assignment)
        }

        // 2. Selection by IV and correlation.
        let decisions = VariableSelection.select(ivs: binnings.map(\.iv), columns: woeColumns,
                                                 minIV: config.minIV, maxCorrelation: config.maxCorrelation)
        var statuses: [CandidateVariable.Status] = []
        var correlatedWith: [String?] = []
        for decision in decisions {
            switch decision {
            case .keep: statuses.append(.selected); correlatedWith.append(nil)
            case .lowIV: statuses.append(.lowIV); correlatedWith.append(nil)
            case .correlated(let other): statuses.append(.correlated); correlatedWith.append(binnings[other].name)
            }
        }

        // 3. The L2 penalty and raw numeric terms, chosen by inner validation on these training rows (`RawNumericChoice`).
        var selected = statuses.indices.filter { statuses[$0] == .selected }
        let others = statuses.indices.filter { statuses[$0] != .selected && binnings[$0].iv > 0 }
        // The wrong-sign variable that leaves first: the lowest IV (ties: the later column).
        func lowestIV(_ wrong: [Int]) -> Int {
            wrong.min { a, b in
                let ia = binnings[a].iv, ib = binnings[b].iv
                return ia != ib ? ia < ib : a > b
            } ?? wrong[0]
        }
        // Variables whose WOE comes out with a wrong sign in the WOE model (the same rule as step 4) leave it before
        // the choice and compete there by their conditional WOE with the raw terms: judged after the raw terms, a
        // variable whose effect given the others runs against its effect alone lost to a proxy of it taken first.
        var early: [Int] = []
        if config.dropWrongSign, config.entrySignificance != nil {
            var kept = selected
            while !kept.isEmpty {
                let fit = LogisticRegression.fit(columns: kept.map { woeColumns[$0] }, targets: y, l2: config.l2)
                let wrong = kept.indices.filter { fit.coefficients[$0] < 0 }.map { kept[$0] }
                guard !wrong.isEmpty else { break }
                let victim = lowestIV(wrong)
                kept.removeAll { $0 == victim }
                early.append(victim)
                statuses[victim] = .wrongSign
            }
            selected = kept
        }
        let choice = RawNumericChoice(config: config).choose(data: data, rows: rows, selected: selected,
                                                             others: others + early, conditional: early, binnings: binnings)
        let rawTerms = choice.terms
        let l2 = choice.l2
        var woeIn = Set(selected).subtracting(choice.woeOut)
        for index in others + early where rawTerms[index] != nil {
            statuses[index] = .selected
            correlatedWith[index] = nil
        }
        selected = statuses.indices.filter { statuses[$0] == .selected }
        var rawColumns: [Int: [Double]] = [:]
        for (index, term) in rawTerms {
            let numbers = data.columns[index].numbers
            rawColumns[index] = rows.map { term.feature(numbers[$0]) }
        }

        // 4. Logistic regression, leaving out wrong-sign WOE terms one at a time: a variable with a raw term
        // keeps only that term, any other variable leaves the model.
        var entered: Set<Int> = []
        var design = Design(selected: selected, woeIn: woeIn, raw: rawColumns)
        var regression = design.fit(woeColumns: woeColumns, targets: y, l2: l2, standardized: entered)
        func dropWrongSigns() {
            while config.dropWrongSign, !selected.isEmpty {
                let wrong = selected.filter { (design.woeCoefficient(of: $0, in: regression) ?? 0) < 0 }
                guard !wrong.isEmpty else { break }
                let victim = lowestIV(wrong)
                if rawColumns[victim] != nil {
                    woeIn.remove(victim)
                } else {
                    statuses[victim] = .wrongSign
                    selected.removeAll { $0 == victim }
                }
                design = Design(selected: selected, woeIn: woeIn, raw: rawColumns)
                regression = design.fit(woeColumns: woeColumns, targets: y, l2: l2, standardized: entered)
            }
        }
        dropWrongSigns()

        // The conditional entries the choice took, in its order, each given the model before it. The variables it
        // judged have had their second chance.
        var conditional: Set<Int> = Set(early)
        func enter(_ index: Int, _ fit: ConditionalEntry.Fit) {
            entered.insert(index)
            for b in binnings[index].bins.indices { binnings[index].bins[b].woe = fit.woe[b] }
            woeColumns[index] = assignments[index].map { $0 >= 0 ? fit.woe[Int($0)] : 0 }
            statuses[index] = .selected
            correlatedWith[index] = nil
            selected = statuses.indices.filter { statuses[$0] == .selected }
            woeIn.insert(index)
            design = Design(selected: selected, woeIn: woeIn, raw: rawColumns)
            regression = design.fit(woeColumns: woeColumns, targets: y, l2: l2, standardized: entered)
            dropWrongSigns()
        }
        for index in choice.conditional {
            let logits = design.logits(woeColumns: woeColumns, regression: regression, rows: rows.count)
            enter(index, ConditionalEntry.fit(assignment: assignments[index], binCount: binnings[index].bins.count,
                                              offsets: logits, targets: y, smoothing: config.binning.woeSmoothing))
        }

        // 5. A second chance for the variables left out, conditionally on the model (`ConditionalEntry`): forward
        // stepwise, the one whose conditional WOE gains most significantly enters with it, the model is refitted
        // (wrong-sign terms leave again), and the rest are tried again; each variable gets one second chance.
        if let significance = config.entrySignificance {
            let threshold = ConditionalEntry.scoreThreshold(significance)
            while true {
                let logits = design.logits(woeColumns: woeColumns, regression: regression, rows: rows.count)
                var best: (index: Int, fit: ConditionalEntry.Fit)? = nil
                for index in statuses.indices where statuses[index] != .selected && !conditional.contains(index)
                    && binnings[index].bins.count > 1 {
                    let fit = ConditionalEntry.fit(assignment: assignments[index], binCount: binnings[index].bins.count,
                                                   offsets: logits, targets: y, smoothing: config.binning.woeSmoothing)
                    if fit.score > threshold, fit.score > (best?.fit.score ?? -.infinity) { best = (index, fit) }
                }
                guard let best else { break }
                conditional.insert(best.index)
                enter(best.index, best.fit)
            }
        }

        // 6. Points.
        let scaling = config.scaling
        var basePoints = scaling.basePoints(intercept: regression.intercept)
        let share = scaling.distributeBasePoints && !selected.isEmpty ? basePoints / Double(selected.count) : 0
        if scaling.distributeBasePoints && !selected.isEmpty { basePoints = 0 }
        if scaling.roundPoints { basePoints = basePoints.rounded() }
        var variables: [ScorecardVariable] = []
        for index in selected {
            var binning = binnings[index]
            let coefficient = design.woeCoefficient(of: index, in: regression) ?? 0
            for b in binning.bins.indices {
                var points = scaling.points(coefficient: coefficient, woe: binning.bins[b].woe) + share
                if scaling.roundPoints { points = points.rounded() }
                binning.bins[b].points = points == 0 ? 0 : points
            }
            var raw = rawTerms[index]
            if raw != nil, let rawCoefficient = design.rawCoefficient(of: index, in: regression) {
                raw?.coefficient = rawCoefficient
            }
            let neutral = scaling.roundPoints ? share.rounded() : share
            variables.append(ScorecardVariable(binning: binning, coefficient: coefficient, neutralPoints: neutral,
                                               raw: raw, pointsFactor: raw == nil ? 0 : scaling.factor,
                                               conditionalWOE: entered.contains(index)))
        }
        let candidates = binnings.indices.map { i in
            CandidateVariable(name: binnings[i].name, kind: binnings[i].kind, iv: binnings[i].iv,
                              bins: binnings[i].bins.count, status: statuses[i], correlatedWith: correlatedWith[i])
        }
        var model = ScorecardModel(
            format: formatName, formatVersion: variables.contains { $0.raw != nil } ? currentFormatVersion : 1, target: data.targetName, config: config,
            training: TrainingSummary(rows: rows.count, bads: bads, goods: goods, l2: l2), scaling: scaling,
            intercept: regression.intercept, basePoints: basePoints, variables: variables,
            candidates: candidates, scoreReference: ScoreReference(scores: []))

        // 7. Training score distribution for PSI.
        var trainingScores: [Double] = []
        trainingScores.reserveCapacity(rows.count)
        for position in rows.indices {
            let cells = selected.enumerated().map { k, index in
                let bin = Int(assignments[index][position])
                let value = model.variables[k].raw == nil ? Double.nan : data.columns[index].numbers[rows[position]]
                return VariableCell(bin: bin >= 0 ? bin : nil, value: value)
            }
            trainingScores.append(model.score(cells: cells).score)
        }
        model.scoreReference = ScoreReference(scores: trainingScores)
        return model
    }

    /// The regression's columns: per selected variable, its WOE (if in `woeIn`), then its raw term (if any).
    private struct Design {
        var woePosition: [Int: Int] = [:]
        var rawPosition: [Int: Int] = [:]
        var order: [(index: Int, raw: Bool)] = []
        let raw: [Int: [Double]]

        init(selected: [Int], woeIn: Set<Int>, raw: [Int: [Double]]) {
            self.raw = raw
            for index in selected {
                if woeIn.contains(index) {
                    woePosition[index] = order.count
                    order.append((index, false))
                }
                if raw[index] != nil {
                    rawPosition[index] = order.count
                    order.append((index, true))
                }
            }
        }

        /// `standardized`: the variables (conditional-WOE entries) whose WOE is penalised per standard deviation.
        func fit(woeColumns: [[Double]], targets: [UInt8], l2: Double, standardized: Set<Int> = []) -> LogisticRegression {
            let columns = order.map { entry in entry.raw ? (raw[entry.index] ?? []) : woeColumns[entry.index] }
            let positions = Set(order.indices.filter { !order[$0].raw && standardized.contains(order[$0].index) })
            return LogisticRegression.fit(columns: columns, targets: targets, l2: l2, standardized: positions)
        }

        /// The log-odds of each of the first `rows` training rows under a fitted model of this design.
        func logits(woeColumns: [[Double]], regression: LogisticRegression, rows: Int) -> [Double] {
            var z = [Double](repeating: regression.intercept, count: rows)
            for (k, entry) in order.enumerated() {
                let column = entry.raw ? (raw[entry.index] ?? []) : woeColumns[entry.index]
                let coefficient = regression.coefficients[k]
                for i in 0..<min(rows, column.count) { z[i] += coefficient * column[i] }
            }
            return z
        }

        func woeCoefficient(of index: Int, in model: LogisticRegression) -> Double? {
            woePosition[index].map { model.coefficients[$0] }
        }

        func rawCoefficient(of index: Int, in model: LogisticRegression) -> Double? {
            rawPosition[index].map { model.coefficients[$0] }
        }
    }
}
