/// A digital credit coupon redeemed on one draw of a revolving line (提款用券).
///
/// Rules (all in cents, on the line's own day count, `DayCount`):
/// - The coupon cuts the line's rate by `cutBasisPoints` on **this draw's principal while it is outstanding**, for the
///   days up to (not including) the line's maturity day; overdue days after maturity get no cut.
/// - Repayments of principal retire draws oldest first (先借先还), so a coupon draw is repaid before later draws.
/// - A rate-cut coupon cuts by its points (never below a zero rate); an interest-share coupon by that share of the line's
///   rate, rounded down to a whole basis point, and when the estimate would exceed its cap, by the largest whole-basis-point
///   cut whose estimate stays within it.
/// - **Estimate** (charged to the budget at the draw): the cut on the whole amount for every day from the draw to maturity.
///   The draw's outstanding principal never exceeds its amount and the cut stops at maturity, so the interest forgone
///   never exceeds it.
/// - The forgone interest is settled at each repayment as the rounded cumulative figure less what was settled before
///   (so the sum of settlements never exceeds the estimate), and the firm is charged the line's interest less it.
/// - **Claimable** by the lender on a day: what was settled at repayments after which no settled interest was left
///   unpaid (the lender collected the rest of the interest of those days).
public struct DrawCoupon: Sendable, Equatable, Hashable, Codable {
    public var couponID: Int64
    /// The cut of the line's annual rate on this draw, in basis points.
    public var cutBasisPoints: Int

    public init(couponID: Int64, cutBasisPoints: Int) {
        self.couponID = couponID; self.cutBasisPoints = cutBasisPoints
    }

    /// Days the cut can run for a draw on `drawnOn`: up to the maturity day.
    public static func days(drawnOn: Day, maturesOn: Day) -> Int { max(0, drawnOn.days(until: maturesOn)) }

    /// The forgone interest of cutting `cut` basis points on `amount` for `days` days.
    public static func estimate(amount: Cents, cut: Int, days: Int) -> Cents {
        DayCount.interest(ofProduct: DayCount.product(balance: amount, rate: AnnualRate(basisPoints: cut), days: days))
    }

    /// The cut a coupon of `face` gives a draw of `amount` on a line at `rate`, and the estimate charged for it.
    public static func apply(_ face: CouponFace, amount: Cents, rate: AnnualRate, drawnOn: Day,
                             maturesOn: Day) -> (cut: Int, estimate: Cents) {
        let days = days(drawnOn: drawnOn, maturesOn: maturesOn)
        switch face {
        case .rateCut(let bp):
            let cut = min(bp, rate.basisPoints)
            return (cut, estimate(amount: amount, cut: cut, days: days))
        case .interestShare(let bp, let cap):
            var cut = rate.basisPoints * bp / 10_000
            // The estimate grows with the cut: search the largest cut within the cap.
            if estimate(amount: amount, cut: cut, days: days) > cap {
                var low = 0, high = cut
                while low < high {
                    let mid = (low + high + 1) / 2
                    if estimate(amount: amount, cut: mid, days: days) <= cap { low = mid } else { high = mid - 1 }
                }
                cut = low
            }
            return (cut, estimate(amount: amount, cut: cut, days: days))
        }
    }
}

/// What a coupon on a draw has been worth so far, from the line's ledger.
public struct DrawCouponForgone: Sendable, Equatable, Hashable, Codable {
    /// Settled at repayments (the firm was charged that much less).
    public var settled: Cents
    /// Settled at repayments after which no settled interest was left unpaid: what the lender may claim.
    public var claimable: Cents
    /// Accrued and not yet settled (shown as 待结计 until the next repayment).
    public var pending: Cents
    /// The draw's principal still outstanding.
    public var outstanding: Cents

    public init(settled: Cents = .zero, claimable: Cents = .zero, pending: Cents = .zero, outstanding: Cents = .zero) {
        self.settled = settled; self.claimable = claimable; self.pending = pending; self.outstanding = outstanding
    }

    public var total: Cents { settled + pending }
}
