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
    /// The bins carry WOE conditional on the rest of the scorecard (the variable entered on its second chance).
    public var conditional: Bool

    init(_ variable: ScorecardVariable) {
        name = variable.name
        kind = variable.binning.kind
        treatment = variable.treatment
        trend = variable.binning.trend
        bins = variable.binning.valueBinCount
        logarithm = variable.raw?.logarithm ?? false
        conditional = variable.conditionalWOE
    }

    private enum CodingKeys: String, CodingKey { case name, kind, treatment, trend, bins, logarithm, conditional }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(VariableKind.self, forKey: .kind)
        treatment = try c.decode(ScorecardVariable.Treatment.self, forKey: .treatment)
        trend = try c.decode(WOETrend.self, forKey: .trend)
        bins = try c.decode(Int.self, forKey: .bins)
        logarithm = try c.decode(Bool.self, forKey: .logarithm)
        conditional = try c.decodeIfPresent(Bool.self, forKey: .conditional) ?? false
    }

    /// Written only when true, so reports of classic variables read as before.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(treatment, forKey: .treatment)
        try c.encode(trend, forKey: .trend)
        try c.encode(bins, forKey: .bins)
        try c.encode(logarithm, forKey: .logarithm)
        if conditional { try c.encode(conditional, forKey: .conditional) }
    }

    /// E.g. `WOE 分箱（5 箱，单调递增）`, `WOE 分箱（4 箱，先降后升）+ 原始数值（对数）`, `原始数值` or, for a
    /// variable that entered on its second chance, `条件 WOE 分箱（2 箱，类别按风险分组）`.
    public var description: String {
        let shape = kind == .categorical ? "类别按风险分组" : Self.trendName(trend)
        let woe = (conditional ? "条件 " : "") + "WOE 分箱（\(bins) 箱，\(shape)）"
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
