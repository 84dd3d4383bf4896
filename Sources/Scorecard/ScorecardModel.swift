import Foundation

/// Settings of scorecard training.
public struct ScorecardConfig: Codable, Sendable, Equatable {
    public var binning: BinningConfig
    /// Variables with a lower information value are left out.
    public var minIV: Double
    /// Of two variables whose WOE columns correlate more than this (in absolute value), the one
    /// with the lower IV is left out.
    public var maxCorrelation: Double
    /// L2 penalty λ of the logistic regression (scikit-learn's `1/C`).
    public var l2: Double
    /// Leave out, one at a time, variables whose coefficient comes out negative (risk against their
    /// own WOE, a sign of collinearity), and refit.
    public var dropWrongSign: Bool
    public var scaling: ScalingConfig
    /// Columns never used as variables (identifiers, dates, …).
    public var excludedColumns: [String]
    /// How many reason codes a score lists.
    public var reasonCodeCount: Int

    public init(binning: BinningConfig = BinningConfig(), minIV: Double = 0.02, maxCorrelation: Double = 0.7,
                l2: Double = 10, dropWrongSign: Bool = true, scaling: ScalingConfig = ScalingConfig(),
                excludedColumns: [String] = [], reasonCodeCount: Int = 4) {
        self.binning = binning
        self.minIV = minIV
        self.maxCorrelation = maxCorrelation
        self.l2 = l2
        self.dropWrongSign = dropWrongSign
        self.scaling = scaling
        self.excludedColumns = excludedColumns
        self.reasonCodeCount = reasonCodeCount
    }

    /// Reads a configuration (e.g. a JSON settings file); absent keys take their default values.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScorecardConfig()
        binning = try c.decodeIfPresent(BinningConfig.self, forKey: .binning) ?? d.binning
        minIV = try c.decodeIfPresent(Double.self, forKey: .minIV) ?? d.minIV
        maxCorrelation = try c.decodeIfPresent(Double.self, forKey: .maxCorrelation) ?? d.maxCorrelation
        l2 = try c.decodeIfPresent(Double.self, forKey: .l2) ?? d.l2
        dropWrongSign = try c.decodeIfPresent(Bool.self, forKey: .dropWrongSign) ?? d.dropWrongSign
        scaling = try c.decodeIfPresent(ScalingConfig.self, forKey: .scaling) ?? d.scaling
        excludedColumns = try c.decodeIfPresent([String].self, forKey: .excludedColumns) ?? d.excludedColumns
        reasonCodeCount = try c.decodeIfPresent(Int.self, forKey: .reasonCodeCount) ?? d.reasonCodeCount
    }

    func validate() throws(ScorecardError) {
        try binning.validate()
        try scaling.validate()
        guard minIV >= 0, minIV.isFinite else { throw .invalidConfiguration("最小 IV 值 minIV 须为非负数") }
        guard maxCorrelation > 0, maxCorrelation <= 1 else { throw .invalidConfiguration("最大相关系数 maxCorrelation 须在 0 到 1 之间") }
        guard l2 >= 0, l2.isFinite else { throw .invalidConfiguration("L2 正则系数 l2 须为非负数") }
        guard reasonCodeCount >= 0 else { throw .invalidConfiguration("原因码个数 reasonCodeCount 须为非负数") }
    }
}

/// A variable of the scorecard: its bins (with points) and its coefficient.
public struct ScorecardVariable: Codable, Sendable, Equatable {
    public var binning: VariableBinning
    public var coefficient: Double
    /// Points for a value without a bin (WOE 0).
    public var neutralPoints: Double

    public var name: String { binning.name }
    /// The most points a bin of this variable gives.
    public var maxPoints: Double { binning.bins.map(\.points).max() ?? neutralPoints }
}

/// Why a column is or is not in the scorecard.
public struct CandidateVariable: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, Equatable {
        case selected
        /// IV below `minIV` (also constant and empty columns).
        case lowIV
        /// Too correlated with a variable of higher IV (`correlatedWith`).
        case correlated
        /// Left out because its coefficient came out negative.
        case wrongSign
    }

    public var name: String
    public var kind: VariableKind
    public var iv: Double
    public var bins: Int
    public var status: Status
    public var correlatedWith: String?
}

/// Training population figures.
public struct TrainingSummary: Codable, Sendable, Equatable {
    public var rows: Int
    public var bads: Int
    public var goods: Int
    public var badRate: Double { rows == 0 ? 0 : Double(bads) / Double(rows) }
}

/// One applicant's result.
public struct ApplicantScore: Codable, Sendable, Equatable {
    /// Scorecard points (higher is better).
    public var score: Double
    /// The model's probability of bad.
    public var probabilityOfBad: Double
    public var contributions: [VariableContribution]
    /// The variables that cost the most points, largest loss first.
    public var reasons: [ReasonCode]
}

/// A trained scorecard. Save with `fileData()`, load with `ScorecardModel(fileData:)`.
public struct ScorecardModel: Codable, Sendable, Equatable {
    /// The `format` value of scorecard model files.
    public static let formatName = "xinyidai.scorecard"
    /// The file format version this code writes and the newest it reads.
    public static let currentFormatVersion = 1

    public var format: String
    public var formatVersion: Int
    /// The target column the model was trained on (1 = bad).
    public var target: String
    public var config: ScorecardConfig
    public var training: TrainingSummary
    public var scaling: ScalingConfig
    public var intercept: Double
    /// Points every applicant starts with (0 when spread over the variables).
    public var basePoints: Double
    /// The scorecard's variables, in the column order of the training file.
    public var variables: [ScorecardVariable]
    /// Every column examined, with the selection outcome.
    public var candidates: [CandidateVariable]
    /// Training score distribution for PSI monitoring.
    public var scoreReference: ScoreReference

    // MARK: - Scoring

    /// The log-odds of bad from per-variable bin indices (nil = no bin).
    func logitOfBad(bins: [Int?]) -> Double {
        var z = intercept
        for (variable, bin) in zip(variables, bins) { z += variable.coefficient * variable.binning.woe(ofBin: bin) }
        return z
    }

    /// Scores one applicant given cells by column name; an absent column counts as missing.
    public func score(_ applicant: [String: String]) -> ApplicantScore {
        let bins = variables.map { $0.binning.binIndex(forCell: applicant[$0.name] ?? "") }
        return score(bins: bins)
    }

    /// Scores every row of a table; each variable's column must be present.
    public func score(table: ScorecardTable) throws(ScorecardError) -> [ApplicantScore] {
        let binRows = try binIndices(table: table)
        return binRows.map { score(bins: $0) }
    }

    /// The probability of bad of every row of a table.
    public func probabilities(table: ScorecardTable) throws(ScorecardError) -> [Double] {
        try binIndices(table: table).map { LogisticRegression.sigmoid(logitOfBad(bins: $0)) }
    }

    /// Per row, per variable, the bin index.
    func binIndices(table: ScorecardTable) throws(ScorecardError) -> [[Int?]] {
        var columnBins: [[Int?]] = []
        for variable in variables {
            guard let cells = table.column(named: variable.name) else { throw .columnMissingForScoring(variable.name) }
            // Cache by distinct cell: columns repeat values heavily.
            var cache: [String: Int?] = [:]
            columnBins.append(cells.map { cell in
                if let hit = cache[cell] { return hit }
                let bin = variable.binning.binIndex(forCell: cell)
                cache[cell] = bin
                return bin
            })
        }
        return (0..<table.rowCount).map { r in columnBins.map { $0[r] } }
    }

    func score(bins: [Int?]) -> ApplicantScore {
        var contributions: [VariableContribution] = []
        var total = basePoints
        for (variable, bin) in zip(variables, bins) {
            let label: String
            let points: Double
            if let bin, variable.binning.bins.indices.contains(bin) {
                label = variable.binning.bins[bin].label
                points = variable.binning.bins[bin].points
            } else {
                label = "无对应分箱"
                points = variable.neutralPoints
            }
            total += points
            contributions.append(VariableContribution(variable: variable.name, bin: bin, binLabel: label,
                                                      woe: variable.binning.woe(ofBin: bin), points: points,
                                                      maxPoints: variable.maxPoints))
        }
        let logit = logitOfBad(bins: bins)
        let score = scaling.roundPoints ? total : scaling.score(logOddsGood: -logit)
        return ApplicantScore(score: score, probabilityOfBad: LogisticRegression.sigmoid(logit),
                              contributions: contributions,
                              reasons: ReasonCodes.rank(contributions, count: config.reasonCodeCount))
    }

    // MARK: - Monitoring

    /// Stability of a population (e.g. this month's applicants) against the training one.
    public struct StabilityReport: Codable, Sendable, Equatable {
        /// PSI of the score distribution over the training score deciles.
        public var score: PSIReport
        /// PSI of each variable over its bins (plus a last "无对应分箱" bin for values without a bin).
        public var variables: [String: PSIReport]
    }

    /// PSI of the scores and of every variable of a table against the training population.
    public func stability(of table: ScorecardTable) throws(ScorecardError) -> StabilityReport {
        let rows = try binIndices(table: table)
        let scores = rows.map { score(bins: $0).score }
        var reports: [String: PSIReport] = [:]
        for (v, variable) in variables.enumerated() {
            let bins = variable.binning.bins
            var actual = [Int](repeating: 0, count: bins.count + 1)
            for row in rows { actual[row[v] ?? bins.count] += 1 }
            let expected = bins.map(\.count) + [0]
            reports[variable.name] = PSIReport(labels: bins.map(\.label) + ["无对应分箱"], expected: expected, actual: actual)
        }
        return StabilityReport(score: scoreReference.psi(scores: scores), variables: reports)
    }
}
