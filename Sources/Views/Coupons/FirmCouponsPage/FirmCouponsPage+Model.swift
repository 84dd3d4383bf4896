import Domain

/// The firm's coupons (/firm/coupons, 我的信用券): the coupons it holds with the products that accept them, attaching one
/// to an open application (and taking it off), and the programmes it may claim from.
public enum FirmCouponsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var coupons: [Item]
        /// Open applications: (id, "申请 #7 · 产品").
        public var applications: [Choice]
        public var offers: [Offer]

        public struct Item: Sendable, Equatable {
            public var coupon: Coupon
            public var status: CouponStatus
            public var programmeName: String
            /// Names of the products that accept it; empty with `acceptsAll`.
            public var products: [String]
            public var acceptsAll: Bool
            public init(coupon: Coupon, status: CouponStatus, programmeName: String, products: [String], acceptsAll: Bool) {
                self.coupon = coupon; self.status = status; self.programmeName = programmeName; self.products = products
                self.acceptsAll = acceptsAll
            }
        }

        public struct Choice: Sendable, Equatable {
            public var id: Int64
            public var label: String
            public init(id: Int64, label: String) { self.id = id; self.label = label }
        }

        public struct Offer: Sendable, Equatable {
            public var programmeID: Int64
            public var name: String
            public var face: CouponFace
            public var expiresOn: Day
            /// Why it cannot be claimed; empty: it can.
            public var reasons: [String]
            public init(programmeID: Int64, name: String, face: CouponFace, expiresOn: Day, reasons: [String]) {
                self.programmeID = programmeID; self.name = name; self.face = face; self.expiresOn = expiresOn; self.reasons = reasons
            }
        }

        public init(context: PageContext, coupons: [Item], applications: [Choice], offers: [Offer]) {
            self.context = context; self.coupons = coupons; self.applications = applications; self.offers = offers
        }
    }
}
