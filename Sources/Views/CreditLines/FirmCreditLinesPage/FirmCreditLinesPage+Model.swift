import Domain

/// The firm's pre-approved offers and revolving lines (/firm/credit-lines): accept an offer; on a line, draw (with a
/// digital credit coupon the line's product accepts, if the firm holds one) and repay, with the interest accrued so far,
/// every movement and what each coupon has saved.
public enum FirmCreditLinesPage {
    /// A coupon the firm may use on a draw from one line.
    public struct UsableCoupon: Sendable, Equatable {
        public var id: Int64
        public var number: String
        public var face: CouponFace
        public var expiresOn: Day

        public init(id: Int64, number: String, face: CouponFace, expiresOn: Day) {
            self.id = id; self.number = number; self.face = face; self.expiresOn = expiresOn
        }
    }

    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var offers: [PreapprovalOffer]
        public var lines: [CreditLineSummary]
        public var today: Day
        /// By line id: the coupons usable on a draw from it.
        public var coupons: [Int64: [UsableCoupon]]

        public init(context: PageContext, offers: [PreapprovalOffer], lines: [CreditLineSummary], today: Day,
                    coupons: [Int64: [UsableCoupon]] = [:]) {
            self.context = context; self.offers = offers; self.lines = lines; self.today = today; self.coupons = coupons
        }
    }
}
