/// The value of an indicator: an integer in the indicator's unit (cents, a count, days, millionths), or undefined
/// (a ratio over nothing, a median of no durations). Ratios keep their exact parts, so a reader can check them.
public struct IndicatorValue: Hashable, Sendable, Codable {
    public var value: Int64?
    public var numerator: Int64?
    public var denominator: Int64?

    public init(_ value: Int64?, numerator: Int64? = nil, denominator: Int64? = nil) {
        self.value = value; self.numerator = numerator; self.denominator = denominator
    }

    public static let undefined = IndicatorValue(nil)

    /// `numerator × scale / denominator`, rounded half away from zero; computed in 128 bits.
    public static func divide(_ numerator: Int64, by denominator: Int64, scale: Int64 = 1) -> Int64? {
        guard denominator != 0 else { return nil }
        let n = Int128(numerator) * Int128(scale), d = Int128(denominator)
        let negative = (n < 0) != (d < 0)
        let (q, r) = (n.magnitude / d.magnitude, n.magnitude % d.magnitude)
        let rounded = r * 2 >= d.magnitude ? q + 1 : q
        let result = negative ? -Int128(rounded) : Int128(rounded)
        return Int64(exactly: result)
    }

    /// Millionths per one (a share of 1 is 1,000,000).
    public static let perMillion: Int64 = 1_000_000

    /// Evaluates `formula` on `current`; `change` formulas need `resolve` to evaluate the indicator they compare
    /// in this period and in the comparison period.
    static func evaluate(_ formula: IndicatorFormula, _ current: StatMeasures,
                         change: (String) -> (IndicatorValue, IndicatorValue)) -> IndicatorValue {
        switch formula {
        case .count(let operand), .sum(let operand):
            return IndicatorValue(operand.read(current))
        case .ratio(let n, let d):
            let (num, den) = (n.read(current), d.read(current))
            return IndicatorValue(divide(num, by: den, scale: perMillion), numerator: num, denominator: den)
        case .average(let total, let count):
            let (num, den) = (total.read(current), count.read(current))
            return IndicatorValue(divide(num, by: den), numerator: num, denominator: den)
        case .weightedAverage(let weighted, let weights, let scale):
            let (num, den) = (weighted.read(current), weights.read(current))
            return IndicatorValue(divide(num, by: den, scale: scale), numerator: num, denominator: den)
        case .percentile(let duration, let p):
            return IndicatorValue(current[duration: duration].percentile(p).map(Int64.init))
        case .change(let code):
            let (now, before) = change(code)
            guard let a = now.value, let b = before.value else { return .undefined }
            return IndicatorValue(a - b, numerator: a, denominator: b)
        }
    }

    /// Chinese display in `unit`: `12.35万元`, `48.67%`, `-0.18个百分点`, `3天`, `1,234户`; `—` when undefined.
    public func text(_ unit: IndicatorUnit) -> String {
        guard let value else { return "—" }
        switch unit {
        case .cents:
            return Cents(value).wanYuanText
        case .percent:
            return "\(Self.hundredths(value, per: 10_000))%"
        case .percentagePoints:
            return "\(Self.hundredths(value, per: 10_000))个百分点"
        case .firms, .items, .entities, .records, .times, .days:
            let sign = value < 0 ? "-" : ""
            return "\(sign)\(CentsFormatting.grouped(value.magnitude))\(unit.label)"
        }
    }

    /// `value / per` with two decimals, rounded half away from zero: (486_654, 10_000) → `48.67`.
    public static func hundredthsText(_ value: Int64, per: Int64) -> String { hundredths(value, per: per) }

    static func hundredths(_ value: Int64, per: Int64) -> String {
        let h = (value.magnitude * 100 + UInt64(per) / 2) / UInt64(per)
        let sign = value < 0 && h > 0 ? "-" : ""
        return "\(sign)\(h / 100).\(CentsFormatting.twoDigits(h % 100))"
    }
}
