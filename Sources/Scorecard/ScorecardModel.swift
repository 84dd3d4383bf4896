import Foundation

/// Settings of scorecard training.
public struct ScorecardConfig: Codable, Sendable, Equatable {
    public var binning: BinningConfig
    /// Variables with a lower information value are left out.
    public var minIV: Double
    /// Of two variables whose WOE columns correlate more than this (in absolute value), the one
    /// with the lower IV is left out.
    public var maxCorrelation: Double
    /// L2 penalty λ of the logistic regression (scikit-learn's `1/C`): the smallest one used (see `l2Factors`).
    public var l2: Double
    /// Multiples of `l2` among which the penalty is chosen by inner validation on the training rows (the folds of
    /// `rawInnerFolds`, see `RawNumericChoice`); each at least 1. `[1]` (or empty) keeps `l2` fixed.
    public var l2Factors: [Double]
    /// Leave out, one at a time, variables whose coefficient comes out negative (risk against their
    /// own WOE, a sign of collinearity), and refit.
    public var dropWrongSign: Bool
    public var scaling: ScalingConfig
    /// Columns never used as variables (identifiers, dates, …).
    public var excludedColumns: [String]
    /// How many reason codes a score lists.
    public var reasonCodeCount: Int
    /// Whether numeric variables may also enter as numbers, chosen by inner validation (`RawNumericChoice`).
    public var rawNumeric: RawNumericMode
    /// The number of inner folds of that choice (on the training rows only).
    public var rawInnerFolds: Int
    /// The held-out log-likelihood gain (nats, summed over the inner folds) a raw term must bring.
    public var rawMinGain: Double
    /// A numeric variable needs at least this many distinct training values to be tried as a number.
    public var rawMinDistinct: Int
    /// A variable left out by selection (low IV, correlated, wrong sign) may still enter, with WOE conditional on
    /// the model, when its conditional deviance gain is significant at this level (`ConditionalEntry`); nil for no
    /// second chance.
    public var entrySignificance: Double?

    public init(binning: BinningConfig = BinningConfig(), minIV: Double = 0.02, maxCorrelation: Double = 0.7,
                l2: Double = 10, l2Factors: [Double] = [1, 3, 10, 30], dropWrongSign: Bool = true, scaling: ScalingConfig = ScalingConfig(),
                excludedColumns: [String] = [], reasonCodeCount: Int = 4, rawNumeric: RawNumericMode = .auto,
                rawInnerFolds: Int = 3, rawMinGain: Double = 1, rawMinDistinct: Int = 3,
                entrySignificance: Double? = 0.05) {
        self.entrySignificance = entrySignificance
        self.rawNumeric = rawNumeric
        self.rawInnerFolds = rawInnerFolds
        self.rawMinGain = rawMinGain
        self.rawMinDistinct = rawMinDistinct
        self.binning = binning
        self.minIV = minIV
        self.maxCorrelation = maxCorrelation
        self.l2 = l2
        self.l2Factors = l2Factors
        self.dropWrongSign = dropWrongSign
        self.scaling = scaling
        self.excludedColumns = excludedColumns
        self.reasonCodeCount = reasonCodeCount
    }

    private enum CodingKeys: String, CodingKey {
        case binning, minIV, maxCorrelation, l2, l2Factors, dropWrongSign, scaling, excludedColumns, reasonCodeCount, rawNumeric,
             rawInnerFolds, rawMinGain, rawMinDistinct, entrySignificance
    }

    /// Reads a configuration (e.g. a JSON settings file); absent keys take their default values.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScorecardConfig()
        binning = try c.decodeIfPresent(BinningConfig.self, forKey: .binning) ?? d.binning
        minIV = try c.decodeIfPresent(Double.self, forKey: .minIV) ?? d.minIV
        maxCorrelation = try c.decodeIfPresent(Double.self, forKey: .maxCorrelation) ?? d.maxCorrelation
        l2 = try c.decodeIfPresent(Double.self, forKey: .l2) ?? d.l2
        l2Factors = try c.decodeIfPresent([Double].self, forKey: .l2Factors) ?? d.l2Factors
        dropWrongSign = try c.decodeIfPresent(Bool.self, forKey: .dropWrongSign) ?? d.dropWrongSign
        scaling = try c.decodeIfPresent(ScalingConfig.self, forKey: .scaling) ?? d.scaling
        excludedColumns = try c.decodeIfPresent([String].self, forKey: .excludedColumns) ?? d.excludedColumns
        reasonCodeCount = try c.decodeIfPresent(Int.self, forKey: .reasonCodeCount) ?? d.reasonCodeCount
        rawNumeric = try c.decodeIfPresent(RawNumericMode.self, forKey: .rawNumeric) ?? d.rawNumeric
        rawInnerFolds = try c.decodeIfPresent(Int.self, forKey: .rawInnerFolds) ?? d.rawInnerFolds
        rawMinGain = try c.decodeIfPresent(Double.self, forKey: .rawMinGain) ?? d.rawMinGain
        rawMinDistinct = try c.decodeIfPresent(Int.self, forKey: .rawMinDistinct) ?? d.rawMinDistinct
        entrySignificance = c.contains(.entrySignificance)
            ? try c.decodeIfPresent(Double.self, forKey: .entrySignificance) : d.entrySignificance
    }

    /// Every key written; `entrySignificance` as null when off, so that it reads back off rather than as the default.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(binning, forKey: .binning)
        try c.encode(minIV, forKey: .minIV)
        try c.encode(maxCorrelation, forKey: .maxCorrelation)
        try c.encode(l2, forKey: .l2)
        try c.encode(l2Factors, forKey: .l2Factors)
        try c.encode(dropWrongSign, forKey: .dropWrongSign)
        try c.encode(scaling, forKey: .scaling)
        try c.encode(excludedColumns, forKey: .excludedColumns)
        try c.encode(reasonCodeCount, forKey: .reasonCodeCount)
        try c.encode(rawNumeric, forKey: .rawNumeric)
        try c.encode(rawInnerFolds, forKey: .rawInnerFolds)
        try c.encode(rawMinGain, forKey: .rawMinGain)
        try c.encode(rawMinDistinct, forKey: .rawMinDistinct)
        try c.encode(entrySignificance, forKey: .entrySignificance)
    }

    func validate() throws(ScorecardError) {
        try binning.validate()
        try scaling.validate()
        guard minIV >= 0, minIV.isFinite else { throw .invalidConfiguration("最小 IV 值 minIV 须为非负数") }
        guard maxCorrelation > 0, maxCorrelation <= 1 else { throw .invalidConfiguration("最大相关系数 maxCorrelation 须在 0 到 1 之间") }
        guard l2 >= 0, l2.isFinite else { throw .invalidConfiguration("L2 正则系数 l2 须为非负数") }
        guard l2Factors.allSatisfy({ $0 >= 1 && $0.isFinite }) else {
            throw .invalidConfiguration("L2 正则系数倍数 l2Factors 须为不小于 1 的数")
        }
        guard reasonCodeCount >= 0 else { throw .invalidConfiguration("原因码个数 reasonCodeCount 须为非负数") }
        guard rawInnerFolds >= 2, rawInnerFolds <= 10 else { throw .invalidConfiguration("内部验证折数 rawInnerFolds 须在 2 到 10 之间") }
        guard rawMinGain >= 0, rawMinGain.isFinite else { throw .invalidConfiguration("原始数值增益门槛 rawMinGain 须为非负数") }
        guard rawMinDistinct >= 2 else { throw .invalidConfiguration("原始数值最少取值个数 rawMinDistinct 须至少为 2") }
        if let entrySignificance, !(entrySignificance > 0 && entrySignificance < 1) {
            throw .invalidConfiguration("条件入选显著性水平 entrySignificance 须在 0 到 1 之间")
        }
    }
}

/// A variable of the scorecard: its bins (with points) and its coefficient, and possibly a raw numeric term.
public struct ScorecardVariable: Codable, Sendable, Equatable {
    public var binning: VariableBinning
    /// The coefficient of the variable's WOE (0 when only its raw numeric term is used).
    public var coefficient: Double
    /// Points for a value without a bin (WOE 0).
    public var neutralPoints: Double
    /// A numeric variable's value as a number in the regression, with its own coefficient and points
    /// (`-factor × coefficient × feature`); nil for a classic binned variable.
    public var raw: RawNumericTerm?
    /// The bins carry conditional WOE: the variable entered on its second chance (`ConditionalEntry`), and each
    /// bin's WOE is its log-odds shift given the rest of the scorecard rather than against the average.
    public var conditionalWOE: Bool = false

    public var name: String { binning.name }
    /// The most points the variable gives: the best bin plus, for a raw term, its best end of the clipped range.
    public var maxPoints: Double {
        let bins = binning.bins.map(\.points).max() ?? neutralPoints
        guard let raw else { return bins }
        return bins + max(rawPoints(raw.lower), rawPoints(raw.upper))
    }

    /// How the variable enters the model.
    public enum Treatment: String, Codable, Sendable, Equatable {
        /// WOE of its bins only.
        case woe
        /// WOE of its bins and its standardised value.
        case woeAndRaw
        /// Its standardised value only (the bins are kept for reading and stability).
        case raw
    }

    public var treatment: Treatment {
        guard raw != nil else { return .woe }
        return coefficient == 0 ? .raw : .woeAndRaw
    }

    /// The points of the raw term for a value (0 without a raw term or for a missing value).
    public func rawPoints(_ value: Double) -> Double {
        guard let raw, !value.isNaN else { return 0 }
        return -raw.coefficient * raw.feature(value) * pointsFactor
    }

    /// The log-odds of bad contributed by a bin and a value.
    func logit(bin: Int?, value: Double) -> Double {
        var z = coefficient * binning.woe(ofBin: bin)
        if let raw, !value.isNaN { z += raw.coefficient * raw.feature(value) }
        return z
    }

    /// `ScalingConfig.factor` of the model (stored so that raw points need no model at hand).
    public var pointsFactor: Double = 0

    private enum CodingKeys: String, CodingKey { case binning, coefficient, neutralPoints, raw, pointsFactor, conditionalWOE }

    init(binning: VariableBinning, coefficient: Double, neutralPoints: Double, raw: RawNumericTerm? = nil,
         pointsFactor: Double = 0, conditionalWOE: Bool = false) {
        self.binning = binning
        self.coefficient = coefficient
        self.neutralPoints = neutralPoints
        self.raw = raw
        self.pointsFactor = pointsFactor
        self.conditionalWOE = conditionalWOE
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        binning = try c.decode(VariableBinning.self, forKey: .binning)
        coefficient = try c.decode(Double.self, forKey: .coefficient)
        neutralPoints = try c.decode(Double.self, forKey: .neutralPoints)
        raw = try c.decodeIfPresent(RawNumericTerm.self, forKey: .raw)
        pointsFactor = try c.decodeIfPresent(Double.self, forKey: .pointsFactor) ?? 0
        conditionalWOE = try c.decodeIfPresent(Bool.self, forKey: .conditionalWOE) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(binning, forKey: .binning)
        try c.encode(coefficient, forKey: .coefficient)
        try c.encode(neutralPoints, forKey: .neutralPoints)
        try c.encodeIfPresent(raw, forKey: .raw)
        if raw != nil { try c.encode(pointsFactor, forKey: .pointsFactor) }
        if conditionalWOE { try c.encode(conditionalWOE, forKey: .conditionalWOE) }
    }
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
    /// The L2 penalty the regression was fitted with (`ScorecardConfig.l2` times the factor chosen by inner
    /// validation); nil in model files written before the penalty was chosen.
    public var l2: Double? = nil
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
    public static let currentFormatVersion = 2

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

    /// One variable's input for scoring: its bin (nil = no bin) and its number (NaN unless the variable
    /// has a raw term and the cell is a number).
    struct VariableCell: Equatable {
        var bin: Int?
        var value: Double
    }

    /// The log-odds of bad from per-variable cells.
    func logitOfBad(cells: [VariableCell]) -> Double {
        var z = intercept
        for (variable, cell) in zip(variables, cells) { z += variable.logit(bin: cell.bin, value: cell.value) }
        return z
    }

    /// The cell of one variable for a raw text cell.
    static func cell(_ variable: ScorecardVariable, _ text: String) -> VariableCell {
        let value = variable.raw == nil || ScorecardTable.isMissing(text) ? Double.nan : (ScorecardTable.number(text) ?? .nan)
        return VariableCell(bin: variable.binning.binIndex(forCell: text), value: value)
    }

    /// Scores one applicant given cells by column name; an absent column counts as missing.
    public func score(_ applicant: [String: String]) -> ApplicantScore {
        score(cells: variables.map { ScorecardModel.cell($0, applicant[$0.name] ?? "") })
    }

    /// Scores every row of a table; each variable's column must be present.
    public func score(table: ScorecardTable) throws(ScorecardError) -> [ApplicantScore] {
        try cells(table: table).map { score(cells: $0) }
    }

    /// The probability of bad of every row of a table.
    public func probabilities(table: ScorecardTable) throws(ScorecardError) -> [Double] {
        try cells(table: table).map { LogisticRegression.sigmoid(logitOfBad(cells: $0)) }
    }

    /// Per row, per variable, the cell.
    func cells(table: ScorecardTable) throws(ScorecardError) -> [[VariableCell]] {
        var columnCells: [[VariableCell]] = []
        for variable in variables {
            guard let texts = table.column(named: variable.name) else { throw .columnMissingForScoring(variable.name) }
            // Cache by distinct cell: columns repeat values heavily.
            var cache: [String: VariableCell] = [:]
            columnCells.append(texts.map { text in
                if let hit = cache[text] { return hit }
                let cell = ScorecardModel.cell(variable, text)
                cache[text] = cell
                return cell
            })
        }
        return (0..<table.rowCount).map { r in columnCells.map { $0[r] } }
    }

    func score(cells: [VariableCell]) -> ApplicantScore {
        var contributions: [VariableContribution] = []
        var total = basePoints
        for (variable, cell) in zip(variables, cells) {
            let label: String
            var points: Double
            if let bin = cell.bin, variable.binning.bins.indices.contains(bin) {
                label = variable.binning.bins[bin].label
                points = variable.binning.bins[bin].points
            } else {
                label = "无对应分箱"
                points = variable.neutralPoints
            }
            let rawPoints = variable.rawPoints(cell.value)
            points += scaling.roundPoints ? rawPoints.rounded() : rawPoints
            total += points
            contributions.append(VariableContribution(variable: variable.name, bin: cell.bin, binLabel: label,
                                                      woe: variable.binning.woe(ofBin: cell.bin), points: points,
                                                      maxPoints: variable.maxPoints))
        }
        let logit = logitOfBad(cells: cells)
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
        let rows = try cells(table: table)
        let scores = rows.map { score(cells: $0).score }
        var reports: [String: PSIReport] = [:]
        for (v, variable) in variables.enumerated() {
            let bins = variable.binning.bins
            var actual = [Int](repeating: 0, count: bins.count + 1)
            for row in rows { actual[row[v].bin ?? bins.count] += 1 }
            let expected = bins.map(\.count) + [0]
            reports[variable.name] = PSIReport(labels: bins.map(\.label) + ["无对应分箱"], expected: expected, actual: actual)
        }
        return StabilityReport(score: scoreReference.psi(scores: scores), variables: reports)
    }
}
