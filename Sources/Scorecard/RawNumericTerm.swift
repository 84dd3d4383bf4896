import Foundation

/// A numeric variable used as a number in the regression (besides or instead of its WOE): the value is
/// clipped to the training rows' 0.5 % and 99.5 % quantiles, optionally log-transformed, and standardised
/// with the training mean and standard deviation. A missing or non-numeric value counts as the training
/// mean (feature 0); its risk is carried by the variable's missing bin when the WOE term is kept.
public struct RawNumericTerm: Codable, Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    /// `log(1 + value − lower)` before standardising (chosen for skewed non-negative variables).
    public var logarithm: Bool
    public var center: Double
    public var scale: Double
    /// The regression coefficient of the standardised feature.
    public var coefficient: Double

    /// The standardised feature of a value (0 for NaN).
    @inline(__always)
    public func feature(_ value: Double) -> Double {
        guard !value.isNaN else { return 0 }
        let clipped = min(max(value, lower), upper)
        let transformed = logarithm ? log1p(clipped - lower) : clipped
        return (transformed - center) / scale
    }

    /// Fits the transform on the non-missing values of training rows; nil when they hold fewer than
    /// `minDistinct` distinct values (a variable with few values is fully described by its bins).
    static func fit(values: [Double], minDistinct: Int) -> RawNumericTerm? {
        var sorted = values.filter { !$0.isNaN && $0.isFinite }
        guard sorted.count >= 2 else { return nil }
        sorted.sort()
        var distinct = 1
        for k in 1..<sorted.count where sorted[k] != sorted[k - 1] {
            distinct += 1
            if distinct >= minDistinct { break }
        }
        guard distinct >= minDistinct else { return nil }
        let lower = quantile(sorted, 0.005), upper = quantile(sorted, 0.995)
        guard upper > lower else { return nil }
        let clipped = sorted.map { min(max($0, lower), upper) }
        // Log for a non-negative variable whose clipped values are strongly right-skewed.
        let logarithm = lower >= 0 && skewness(clipped) > 2
        let transformed = logarithm ? clipped.map { log1p($0 - lower) } : clipped
        let (center, scale) = RawFeatureEncoder.moments(transformed)
        return RawNumericTerm(lower: lower, upper: upper, logarithm: logarithm, center: center, scale: scale,
                              coefficient: 0)
    }

    /// The linear-interpolated quantile of sorted values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard let first = sorted.first else { return 0 }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        let weight = position - Double(low)
        return low >= sorted.count ? first : sorted[low] * (1 - weight) + sorted[high] * weight
    }

    static func skewness(_ values: [Double]) -> Double {
        let (mean, scale) = RawFeatureEncoder.moments(values)
        guard values.count > 2, scale > 0 else { return 0 }
        let third = values.reduce(0) { $0 + pow(($1 - mean) / scale, 3) } / Double(values.count)
        return third
    }
}
