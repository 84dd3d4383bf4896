/// The day-count convention of revolving credit lines: **ACT/360**, as Chinese banks compute loan interest
/// (日利率 = 年利率 ÷ 360, the People's Bank of China's rule for RMB loans), with the accumulated-balance method
/// (积数计息法): every calendar day the drawn balance is held adds `balance × rate` to the line's 计息积数, and
/// interest is the 积数 divided by 360, rounded half up to the cent once, when it is settled (a repayment) or shown.
/// A day counts when the balance is held at its end: a draw accrues from its own day, a repayment stops accrual
/// from its own day (算头不算尾), so a draw repaid the next day pays one day of interest.
public enum DayCount {
    /// Days in the interest year.
    public static let daysInYear: Int64 = 360

    /// The 计息积数 of holding `balance` for `days` days at `rate`: cents × basis points × days.
    public static func product(balance: Cents, rate: AnnualRate, days: Int) -> Int64 {
        guard days > 0, balance.value > 0 else { return 0 }
        return balance.value * Int64(rate.basisPoints) * Int64(days)
    }

    /// Interest in cents of an accumulated product: product ÷ (10,000 basis points × 360 days), rounded half up.
    public static func interest(ofProduct product: Int64) -> Cents {
        Cents(LoanMath.divideRoundingHalfUp(product, by: 10_000 * daysInYear))
    }

    /// One day's interest on `balance`, rounded to the cent (for display: "日息约 ¥x").
    public static func dailyInterest(on balance: Cents, rate: AnnualRate) -> Cents {
        interest(ofProduct: product(balance: balance, rate: rate, days: 1))
    }

    /// The label shown with every interest figure.
    public static let label = "按日计息（实际天数/360，积数计息，算头不算尾）"
}
