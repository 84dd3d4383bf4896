import Domain

/// A lender's coupon settlement (/bank/coupons): the coupons redeemed on its loans with the forgone interest claimable
/// today, the claim form, and its claims with the platform's outcome and reason.
public enum BankCouponsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var today: Day
        public var redeemed: [Redeemed]
        public var claims: [CouponClaim]

        public struct Redeemed: Sendable, Equatable {
            public var coupon: Coupon
            public var firmName: String
            /// Claimable today (collected installments' forgone interest, less what was settled).
            public var claimable: Cents
            public var installments: Int
            public init(coupon: Coupon, firmName: String, claimable: Cents, installments: Int) {
                self.coupon = coupon; self.firmName = firmName; self.claimable = claimable; self.installments = installments
            }
        }

        public init(context: PageContext, today: Day, redeemed: [Redeemed], claims: [CouponClaim]) {
            self.context = context; self.today = today; self.redeemed = redeemed; self.claims = claims
        }
    }
}
