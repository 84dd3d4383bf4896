import Foundation

/// The few roundings loan arithmetic needs, all in integers or `Decimal`, never binary floating point.
enum LoanMath {
    /// `numerator / denominator` rounded half away from zero (half up for the non-negative amounts of loans).
    static func divideRoundingHalfUp(_ numerator: Int64, by denominator: Int64) -> Int64 {
        precondition(denominator > 0, "denominator must be positive")
        let quotient = numerator.magnitude / UInt64(denominator)
        let remainder = numerator.magnitude % UInt64(denominator)
        let rounded = Int64(quotient) + (remainder * 2 >= UInt64(denominator) ? 1 : 0)
        return numerator < 0 ? -rounded : rounded
    }

    /// A `Decimal` rounded half up to whole cents.
    static func roundedCents(_ amount: Decimal) -> Int64 {
        var value = amount, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    /// The level payment (cents, rounded half up) that repays `principal` over `periods` at the monthly rate
    /// `annual / 12`: P·r·(1+r)ⁿ / ((1+r)ⁿ − 1), or P / n when the rate is zero.
    static func annuityPayment(principal: Cents, rate: AnnualRate, periods: Int) -> Cents {
        guard periods > 0 else { return principal }
        guard rate.basisPoints != 0 else {
            return Cents(divideRoundingHalfUp(principal.value, by: Int64(periods)))
        }
        let monthly = Decimal(rate.basisPoints) / Decimal(120_000)
        let growth = pow(1 + monthly, periods)
        let payment = Decimal(principal.value) * monthly * growth / (growth - 1)
        return Cents(roundedCents(payment))
    }
}
