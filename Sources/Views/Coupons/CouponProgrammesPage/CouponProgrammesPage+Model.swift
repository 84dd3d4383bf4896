import Domain

/// The credit center's coupon programmes (/console/coupons): each programme's budget use (coupons and amounts by state,
/// a bar of the budget), its versions, the editor (a save is a new version with its effective day) and bulk issuing.
public enum CouponProgrammesPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var today: Day
        public var programmes: [Entry]
        /// The programme shown in the editor (nil: a new one).
        public var selected: CouponProgramme?
        /// Products that may take part: (id, "机构 · 产品").
        public var products: [(id: Int64, label: String)]

        public struct Entry: Sendable, Equatable {
            public var programme: CouponProgramme
            public var use: CouponBudgetUse
            public init(programme: CouponProgramme, use: CouponBudgetUse) { self.programme = programme; self.use = use }
        }

        public init(context: PageContext, today: Day, programmes: [Entry], selected: CouponProgramme?, products: [(id: Int64, label: String)]) {
            self.context = context; self.today = today; self.programmes = programmes; self.selected = selected; self.products = products
        }

        public static func == (a: Model, b: Model) -> Bool {
            a.context == b.context && a.today == b.today && a.programmes == b.programmes && a.selected == b.selected
                && a.products.map(\.id) == b.products.map(\.id) && a.products.map(\.label) == b.products.map(\.label)
        }
    }
}
