import Foundation

/// How one variable entered a trained scorecard, for reports (`xyd model cv`).
public struct VariableTreatment: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var kind: VariableKind
    public var treatment: ScorecardVariable.Treatment
    public var trend: WOETrend
    /// Value bins (the missing bin not counted).
    public var bins: Int
    /// The raw term is log-transformed.
    public var logarithm: Bool

    init(_ variable: ScorecardVariable) {
        name = variable.name
        kind = variable.binning.kind
        treatment = variable.treatment
        trend = variable.binning.trend
        bins = variable.binning.valueBinCount
        logarithm = variable.raw?.logarithm ?? false
    }

    /// E.g. `WOE 分箱（5 箱，单调递增）`, `WOE 分箱（4 箱，先降后升）+ 原始数值（对数）` or `原始数值`.
    public var description: String {
        let shape = kind == .categorical ? "类别按风险分组" : Self.trendName(trend)
        let woe = "WOE 分箱（\(bins) 箱，\(shape)）"
        let raw = "原始数值" + (logarithm ? "（对数）" : "")
        switch treatment {
        case .woe: return woe
        case .woeAndRaw: return woe + " + " + raw
        case .raw: return raw
        }
    }

    static func trendName(_ trend: WOETrend) -> String {
        switch trend {
        case .ascending: "单调递增"
        case .descending: "单调递减"
        case .peak: "先升后降"
        case .valley: "先降后升"
        case .flat: "无趋势"
        case .irregular: "不规则"
        }
    }
}
