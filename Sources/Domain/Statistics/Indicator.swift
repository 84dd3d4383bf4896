/// One published figure: its stable code, its Chinese name, the written definition shown in the glossary and on
/// hover, its unit and its formula over the additive measures. The formula is its only implementation: every
/// page, export and API evaluates it (`IndicatorValue.evaluate`).
public struct Indicator: Hashable, Sendable, Identifiable {
    /// Stable, e.g. `lending.credit_loan_share`.
    public let code: String
    public let name: String
    public let definition: String
    public let unit: IndicatorUnit
    public let formula: IndicatorFormula
    /// The glossary's section.
    public let group: IndicatorGroup

    public var id: String { code }
    public var kind: IndicatorKind { formula.kind }

    public init(_ code: String, _ name: String, group: IndicatorGroup, unit: IndicatorUnit, formula: IndicatorFormula,
                definition: String) {
        self.code = code; self.name = name; self.group = group; self.unit = unit; self.formula = formula
        self.definition = definition
    }
}

public enum IndicatorGroup: String, CaseIterable, Sendable, Codable, Hashable {
    case platform, collection, demand, lending, risk

    public var label: String {
        switch self {
        case .platform: "平台建设"
        case .collection: "数据归集"
        case .demand: "融资需求对接"
        case .lending: "信贷投放"
        case .risk: "风险与处置"
        }
    }
}

/// What a value counts. Ratios and rates are kept in millionths (ppm): 48.67 % is 486,700.
public enum IndicatorUnit: String, Sendable, Codable, Hashable {
    /// 户 (firms).
    case firms
    /// 笔 (loans, demands, applications, claims).
    case items
    /// 个 (institutions, products, datasets).
    case entities
    /// 条 (records, alerts).
    case records
    /// 次 (pushes).
    case times
    /// Money in cents, shown in 元 / 万元.
    case cents
    /// A share in millionths, shown as a percentage.
    case percent
    /// A difference of two percentages, in millionths, shown in 个百分点.
    case percentagePoints
    /// Whole days.
    case days

    public var label: String {
        switch self {
        case .firms: "户"
        case .items: "笔"
        case .entities: "个"
        case .records: "条"
        case .times: "次"
        case .cents: "元"
        case .percent: "%"
        case .percentagePoints: "个百分点"
        case .days: "天"
        }
    }
}

public enum IndicatorKind: String, Sendable, Codable, Hashable, CaseIterable {
    case count, sum, ratio, average, weightedAverage, durationPercentile, change

    public var label: String {
        switch self {
        case .count: "计数"
        case .sum: "合计"
        case .ratio: "比率"
        case .average: "平均数"
        case .weightedAverage: "加权平均"
        case .durationPercentile: "用时分位数"
        case .change: "变动"
        }
    }
}

/// A quantity the formulas read from `StatMeasures`.
public enum StatOperand: Hashable, Sendable {
    case measure(StatMeasure)
    /// The sum of several counters (the NPL balance is three classes).
    case total([StatMeasure])
    case distinct(StatDistinct)
    /// The number of observations in a duration histogram.
    case observations(StatDuration)

    public func read(_ m: StatMeasures) -> Int64 {
        switch self {
        case .measure(let measure): m[measure]
        case .total(let measures): measures.reduce(0) { $0 + m[$1] }
        case .distinct(let measure): m.count(measure)
        case .observations(let duration): m[duration: duration].total
        }
    }
}

public enum IndicatorFormula: Hashable, Sendable {
    case count(StatOperand)
    case sum(StatOperand)
    /// numerator / denominator, in millionths; undefined when the denominator is zero.
    case ratio(StatOperand, StatOperand)
    /// total / count, rounded half away from zero to the unit; undefined when the count is zero.
    case average(StatOperand, StatOperand)
    /// Σ(weight × value) / Σ weight, times `scale` (basis points × 100 = millionths), rounded.
    case weightedAverage(StatOperand, StatOperand, scale: Int64)
    /// The nearest-rank percentile (1…100) of a duration.
    case percentile(StatDuration, Int)
    /// The indicator's value this period less its value in the comparison period.
    case change(of: String)

    public var kind: IndicatorKind {
        switch self {
        case .count: .count
        case .sum: .sum
        case .ratio: .ratio
        case .average: .average
        case .weightedAverage: .weightedAverage
        case .percentile: .durationPercentile
        case .change: .change
        }
    }
}
