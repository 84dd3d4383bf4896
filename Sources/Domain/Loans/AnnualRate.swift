/// A nominal annual interest rate in basis points of a percent, i.e. hundredths of a percent:
/// `AnnualRate(basisPoints: 435)` is 4.35 % a year. The monthly rate is the annual rate divided by 12.
public struct AnnualRate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var basisPoints: Int

    public init(basisPoints: Int) { self.basisPoints = basisPoints }

    public init(from decoder: Decoder) throws {
        basisPoints = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(basisPoints)
    }

    public static func < (a: AnnualRate, b: AnnualRate) -> Bool { a.basisPoints < b.basisPoints }

    /// The last benchmark one-year rate, 4.35 %.
    public static let benchmark = AnnualRate(basisPoints: 435)

    /// `4.35%`.
    public var percentText: String {
        let whole = basisPoints.magnitude / 100, hundredths = basisPoints.magnitude % 100
        let sign = basisPoints < 0 ? "-" : ""
        return "\(sign)\(whole).\(hundredths < 10 ? "0" : "")\(hundredths)%"
    }

    public var description: String { percentText }

    /// Interest for `months` whole months on `principal`: principal × rate × months / 12, rounded half up
    /// to the cent. Computed in integers, so it is exact before the single rounding.
    public func interest(on principal: Cents, months: Int = 1) -> Cents {
        // basisPoints / 10,000 is the yearly fraction; divided by 12 for one month.
        Cents(LoanMath.divideRoundingHalfUp(principal.value * Int64(basisPoints) * Int64(months), by: 120_000))
    }

    /// The rate `percent` % above this one (e.g. a cap 30 % above the benchmark), rounded half up to a basis
    /// point: `AnnualRate.benchmark.raised(byPercent: 30)` is 5.66 %.
    public func raised(byPercent percent: Int) -> AnnualRate {
        AnnualRate(basisPoints: Int(LoanMath.divideRoundingHalfUp(Int64(basisPoints) * Int64(100 + percent), by: 100)))
    }
}
