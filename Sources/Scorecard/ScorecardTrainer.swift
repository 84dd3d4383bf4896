import Foundation

extension ScorecardModel {
    /// Trains a scorecard on every row of a table.
    ///
    /// Steps: bin every column but the target (and `config.excludedColumns`), compute WOE and IV,
    /// keep variables by IV and WOE correlation, fit the L2 logistic regression on the WOE columns
    /// (dropping wrong-sign variables if configured), then scale to points.
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

        // 3. Logistic regression, leaving out wrong-sign variables one at a time.
        var selected = statuses.indices.filter { statuses[$0] == .selected }
        var regression = fitRegression(columns: woeColumns, selected: selected, targets: y, l2: config.l2)
        while config.dropWrongSign, !selected.isEmpty {
            let wrong = selected.indices.filter { regression.coefficients[$0] < 0 }
            guard !wrong.isEmpty else { break }
            // Leave out the wrong-sign variable with the lowest IV (ties: the later column).
            let victim = wrong.min { a, b in
                let ia = binnings[selected[a]].iv, ib = binnings[selected[b]].iv
                return ia != ib ? ia < ib : selected[a] > selected[b]
            } ?? wrong[0]
            statuses[selected[victim]] = .wrongSign
            selected.remove(at: victim)
            regression = fitRegression(columns: woeColumns, selected: selected, targets: y, l2: config.l2)
        }

        // 4. Points.
        let scaling = config.scaling
        var basePoints = scaling.basePoints(intercept: regression.intercept)
        let share = scaling.distributeBasePoints && !selected.isEmpty ? basePoints / Double(selected.count) : 0
        if scaling.distributeBasePoints && !selected.isEmpty { basePoints = 0 }
        if scaling.roundPoints { basePoints = basePoints.rounded() }
        var variables: [ScorecardVariable] = []
        for (k, index) in selected.enumerated() {
            var binning = binnings[index]
            let coefficient = regression.coefficients[k]
            for b in binning.bins.indices {
                var points = scaling.points(coefficient: coefficient, woe: binning.bins[b].woe) + share
                if scaling.roundPoints { points = points.rounded() }
                binning.bins[b].points = points == 0 ? 0 : points
            }
            let neutral = scaling.roundPoints ? share.rounded() : share
            variables.append(ScorecardVariable(binning: binning, coefficient: coefficient, neutralPoints: neutral))
        }
        let candidates = binnings.indices.map { i in
            CandidateVariable(name: binnings[i].name, kind: binnings[i].kind, iv: binnings[i].iv,
                              bins: binnings[i].bins.count, status: statuses[i], correlatedWith: correlatedWith[i])
        }
        var model = ScorecardModel(
            format: formatName, formatVersion: currentFormatVersion, target: data.targetName, config: config,
            training: TrainingSummary(rows: rows.count, bads: bads, goods: goods), scaling: scaling,
            intercept: regression.intercept, basePoints: basePoints, variables: variables,
            candidates: candidates, scoreReference: ScoreReference(scores: []))

        // 5. Training score distribution for PSI.
        var trainingScores: [Double] = []
        trainingScores.reserveCapacity(rows.count)
        for position in rows.indices {
            var total = model.basePoints
            var logit = model.intercept
            for (k, index) in selected.enumerated() {
                let bin = Int(assignments[index][position])
                let variable = model.variables[k]
                if bin >= 0 {
                    total += variable.binning.bins[bin].points
                    logit += variable.coefficient * variable.binning.bins[bin].woe
                } else {
                    total += variable.neutralPoints
                }
            }
            trainingScores.append(scaling.roundPoints ? total : scaling.score(logOddsGood: -logit))
        }
        model.scoreReference = ScoreReference(scores: trainingScores)
        return model
    }

    private static func fitRegression(columns: [[Double]], selected: [Int], targets: [UInt8], l2: Double) -> LogisticRegression {
        let n = targets.count
        let p = selected.count
        var matrix = [Double](repeating: 0, count: n * p)
        for (j, index) in selected.enumerated() {
            let column = columns[index]
            for i in 0..<n { matrix[i * p + j] = column[i] }
        }
        return LogisticRegression.fit(matrix: matrix, columns: p, targets: targets, l2: l2)
    }
}
