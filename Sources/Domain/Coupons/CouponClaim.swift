/// A lender's settlement claim (结算申领) for the interest a coupon made it forgo, and the platform's check of it.
public struct CouponClaim: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Equatable, Codable {
        case accepted, refused
        public var label: String { self == .accepted ? "已核准" : "不予核准" }
    }

    public var id: Int64
    public var couponID: Int64
    public var programmeID: Int64
    public var loanID: Int64
    /// Of a coupon redeemed on a revolving line's draw: the line (the loan is then 0).
    public var lineID: Int64?
    public var institutionID: Int64
    /// The claim covers interest collected up to and including this day.
    public var through: Day
    public var claimed: Cents
    /// What the platform computed from the loan's ledger: claimable to date, less what earlier claims settled.
    public var entitled: Cents
    /// Installments whose interest was collected by `through`.
    public var installments: Int
    public var outcome: Outcome
    public var reason: String
    public var filedOn: Day

    public init(id: Int64 = 0, couponID: Int64, programmeID: Int64, loanID: Int64, institutionID: Int64, through: Day,
                claimed: Cents, entitled: Cents, installments: Int, outcome: Outcome, reason: String, filedOn: Day) {
        self.id = id; self.couponID = couponID; self.programmeID = programmeID; self.loanID = loanID
        self.institutionID = institutionID; self.through = through; self.claimed = claimed; self.entitled = entitled
        self.installments = installments; self.outcome = outcome; self.reason = reason; self.filedOn = filedOn
    }

    /// Checks `claimed` against the ledger: the claimable forgone interest by `through` (`CouponInterest.claimable`) less
    /// what was settled before, and never beyond what the budget was charged. Over-claims are refused with the figures;
    /// a claim at or under the entitlement is accepted at the amount claimed.
    public static func check(claimed: Cents, ledger: LoanLedger, redemption: CouponRedemption, settledBefore: Cents,
                             through: Day) -> (outcome: Outcome, entitled: Cents, installments: Int, reason: String) {
        let (claimable, count) = CouponInterest.claimable(ledger, contractRate: redemption.contractRate, cap: redemption.cap,
                                                          asOf: through)
        let ceiling = min(claimable, redemption.estimatedCost)
        let entitled = max(ceiling - settledBefore, .zero)
        let basis = "截至 \(through) 已收息 \(count) 期，按合同利率 \(redemption.contractRate.percentText) 与券后利率 \(redemption.rate.percentText) 逐期计算，让利利息合计 \(ceiling.yuanText)，此前已结算 \(settledBefore.yuanText)"
        return decide(claimed: claimed, entitled: entitled, count: count, basis: basis, ledger: "贷款")
    }

    static func decide(claimed: Cents, entitled: Cents, count: Int, basis: String, ledger: String) -> (outcome: Outcome, entitled: Cents, installments: Int, reason: String) {
        guard claimed.isPositive else { return (.refused, entitled, count, "申领金额须大于零") }
        if claimed > entitled {
            return (.refused, entitled, count, "申领金额 \(claimed.yuanText) 超过按\(ledger)台账核定的可结算金额 \(entitled.yuanText)（\(basis)）")
        }
        let how = claimed == entitled ? "与台账核定金额一致" : "低于台账核定金额 \(entitled.yuanText)，按申领金额结算"
        return (.accepted, entitled, count, "\(how)（\(basis)）")
    }

    /// Checks a claim for a coupon redeemed on a draw against the line's ledger: what the coupon forwent at repayments
    /// after which no settled interest was left unpaid, by `through` (`DrawCoupon`), less what was settled before, never
    /// beyond the estimate. `installments` counts the line's repayments by `through`.
    public static func checkDraw(claimed: Cents, ledger: CreditLineLedger, redemption: CouponRedemption, couponID: Int64,
                                 settledBefore: Cents, through: Day) -> (outcome: Outcome, entitled: Cents, installments: Int, reason: String) {
        let (ceiling, entitled, repayments) = drawEntitlement(ledger: ledger, redemption: redemption, couponID: couponID,
                                                              settledBefore: settledBefore, through: through)
        let basis = "截至 \(through) 循环额度已还款 \(repayments) 次，提款 #\(redemption.drawID ?? 0) 按额度利率 \(redemption.contractRate.percentText) 与券后利率 \(redemption.rate.percentText) 逐日计息，已收息部分让利合计 \(ceiling.yuanText)，此前已结算 \(settledBefore.yuanText)"
        return decide(claimed: claimed, entitled: entitled, count: repayments, basis: basis, ledger: "循环额度")
    }

    /// What a lender may claim for a coupon on a draw by `through`: the claimable forgone interest capped by the estimate
    /// (`ceiling`), less what was settled before (`entitled`), and the line's repayments by then.
    public static func drawEntitlement(ledger: CreditLineLedger, redemption: CouponRedemption, couponID: Int64, settledBefore: Cents,
                                       through: Day) -> (ceiling: Cents, entitled: Cents, repayments: Int) {
        let forgone = ledger.couponForgone(asOf: through)[couponID] ?? DrawCouponForgone()
        let ceiling = min(forgone.claimable, redemption.estimatedCost)
        return (ceiling, max(ceiling - settledBefore, .zero), ledger.entries.filter { $0.kind == .repayment && $0.day <= through }.count)
    }
}

/// A programme's budget use: coupons and amounts by state.
public struct CouponBudgetUse: Sendable, Equatable, Codable {
    public var budget: Cents
    /// Charged at redemption (estimates), less what final settlements released.
    public var charged: Cents
    public var issued: Int
    public var held: Int
    public var attached: Int
    public var redeemed: Int
    public var settled: Int
    public var expired: Int
    /// Paid to lenders by accepted claims.
    public var settledAmount: Cents

    public init(budget: Cents, charged: Cents, issued: Int = 0, held: Int = 0, attached: Int = 0, redeemed: Int = 0,
                settled: Int = 0, expired: Int = 0, settledAmount: Cents = .zero) {
        self.budget = budget; self.charged = charged; self.issued = issued; self.held = held; self.attached = attached
        self.redeemed = redeemed; self.settled = settled; self.expired = expired; self.settledAmount = settledAmount
    }

    public var remaining: Cents { budget - charged }

    /// Charged ÷ budget in basis points (0–10,000).
    public var usedBasisPoints: Int {
        guard budget.isPositive else { return 0 }
        return Int(min(10_000, charged.value * 10_000 / budget.value))
    }
}
