/// A revolving credit line (循环额度) and every draw and repayment on it. The firm draws any amount up to the
/// available limit on any day before maturity; interest accrues daily on the drawn balance (`DayCount`, ACT/360);
/// a repayment on any day pays the interest settled that day, then principal, and restores the limit (随借随还).
/// On the maturity day no more draws are allowed and everything owed is due; from the next day the line is
/// overdue by the days since maturity while anything is owed (interest keeps accruing at the contract rate; no
/// penalty rate is charged).
public struct CreditLineLedger: Sendable, Equatable, Hashable, Codable {
    public var limit: Cents
    public var rate: AnnualRate
    public var openedOn: Day
    public var maturesOn: Day
    /// In the order recorded (days never go backwards).
    public var entries: [CreditLineEntry]

    public init(limit: Cents, rate: AnnualRate, openedOn: Day, maturesOn: Day, entries: [CreditLineEntry] = []) {
        self.limit = limit; self.rate = rate; self.openedOn = openedOn; self.maturesOn = maturesOn; self.entries = entries
    }

    /// A line opened on `day` for `termMonths` months.
    public init(limit: Cents, rate: AnnualRate, openedOn day: Day, termMonths: Int) {
        self.init(limit: limit, rate: rate, openedOn: day, maturesOn: LoanCalendar.adding(months: termMonths, to: day))
    }

    /// Whole calendar months from opening to maturity (the term the offer gave it).
    public var termMonths: Int {
        max((maturesOn.year - openedOn.year) * 12 + maturesOn.month - openedOn.month, 1)
    }

    /// The replayed state up to the start of `day` (interest counted for the days before it), after the entries
    /// recorded on or before it.
    func replay(asOf day: Day) -> Replay {
        var state = Replay(rate: rate, start: openedOn, maturesOn: maturesOn)
        for entry in entries where entry.day <= day { state.apply(entry) }
        state.accrue(until: day)
        return state
    }

    public func position(asOf day: Day) -> CreditLinePosition {
        let state = replay(asOf: day)
        let pendingInterest = max(DayCount.interest(ofProduct: state.product) - state.pendingForgone, .zero)
        let owedInterest = state.interestDue + pendingInterest
        let owed = state.principal + owedInterest
        let status: CreditLineStatus = day < maturesOn ? .active : (owed.isPositive ? .matured : .closed)
        let overdue = owed.isPositive && day > maturesOn ? maturesOn.days(until: day) : 0
        return CreditLinePosition(
            limit: limit, principal: state.principal, interest: owedInterest,
            available: status == .active ? max(limit - state.principal, .zero) : .zero,
            interestPaid: state.interestPaid, drawnTotal: state.drawnTotal, overdueDays: overdue, status: status,
            dailyInterest: DayCount.dailyInterest(on: state.principal, rate: rate))
    }

    /// What each coupon redeemed on a draw has been worth as of `day`, by coupon id (`DrawCoupon` has the rules).
    public func couponForgone(asOf day: Day) -> [Int64: DrawCouponForgone] {
        let state = replay(asOf: day)
        var out: [Int64: DrawCouponForgone] = [:]
        for tranche in state.tranches {
            guard let coupon = tranche.coupon else { continue }
            let id = coupon.couponID
            out[id] = DrawCouponForgone(settled: state.couponSettled[id] ?? .zero, claimable: state.couponClaimable[id] ?? .zero,
                                        pending: state.pending(id), outstanding: tranche.outstanding)
        }
        return out
    }

    /// The draws on which a coupon was redeemed, in the order drawn.
    public var couponDraws: [CreditLineEntry] { entries.filter { $0.kind == .draw && $0.coupon != nil } }

    /// Checks a draw of `amount` on `day` (today): a positive amount, the line open, within what is available.
    public func checkDraw(_ amount: Cents, on day: Day) throws(DomainError) {
        guard amount.isPositive else { throw .invalidInput(field: "amountCents", reason: "提款金额须大于 0") }
        guard day >= openedOn else { throw .conflict("额度尚未生效") }
        if let last = entries.last, day < last.day { throw .conflict("日期早于上一笔记录") }
        guard day < maturesOn else { throw .conflict("循环额度已于 \(maturesOn) 到期，不能再提款") }
        let available = position(asOf: day).available
        guard amount <= available else {
            throw .conflict("提款金额 \(amount.yuanText) 超过可用额度 \(available.yuanText)")
        }
    }

    /// The split of a repayment of `amount` on `day` (today): the interest settled that day first, then principal.
    /// More than is owed is refused.
    public func splitRepayment(_ amount: Cents, on day: Day) throws(DomainError) -> (interest: Cents, principal: Cents) {
        guard amount.isPositive else { throw .invalidInput(field: "amountCents", reason: "还款金额须大于 0") }
        if let last = entries.last, day < last.day { throw .conflict("日期早于上一笔记录") }
        let position = position(asOf: day)
        let owed = position.principal + position.interest
        guard owed.isPositive else { throw .conflict("该额度没有待还款项") }
        guard amount <= owed else { throw .conflict("还款金额 \(amount.yuanText) 超过应还 \(owed.yuanText)") }
        let interest = min(amount, position.interest)
        return (interest, amount - interest)
    }

    /// Appends an entry already checked (`checkDraw`, `splitRepayment`).
    public mutating func record(_ entry: CreditLineEntry) { entries.append(entry) }

    /// A draw's principal still outstanding (repayments retire draws oldest first).
    struct Tranche {
        var outstanding: Cents
        var coupon: DrawCoupon?
    }

    /// The running state of a replay.
    struct Replay {
        let rate: AnnualRate
        let maturesOn: Day
        var day: Day
        var principal: Cents = .zero
        /// 计息积数 at the line's rate not yet settled into cents.
        var product: Int64 = 0
        /// Interest settled (at repayments) and not yet paid.
        var interestDue: Cents = .zero
        var interestPaid: Cents = .zero
        var drawnTotal: Cents = .zero
        /// Every draw in order, with what is left of it.
        var tranches: [Tranche] = []
        /// Per coupon: the forgone 积数 since its draw (cumulative), what of it was settled, what the lender may claim.
        var couponProduct: [Int64: Int64] = [:]
        var couponSettled: [Int64: Cents] = [:]
        var couponClaimable: [Int64: Cents] = [:]

        init(rate: AnnualRate, start: Day, maturesOn: Day) { self.rate = rate; day = start; self.maturesOn = maturesOn }

        /// A coupon's forgone interest accrued and not yet settled.
        func pending(_ couponID: Int64) -> Cents {
            max(DayCount.interest(ofProduct: couponProduct[couponID] ?? 0) - (couponSettled[couponID] ?? .zero), .zero)
        }

        var pendingForgone: Cents {
            tranches.compactMap(\.coupon).reduce(.zero) { $0 + pending($1.couponID) }
        }

        /// Adds the days from the last movement up to (not including) `until`, at the balance held over them; a coupon
        /// draw's cut counts on its outstanding principal for the days before maturity.
        mutating func accrue(until: Day) {
            let days = day.days(until: until)
            guard days > 0 else { return }
            product += DayCount.product(balance: principal, rate: rate, days: days)
            let cutDays = day < maturesOn ? day.days(until: min(until, maturesOn)) : 0
            if cutDays > 0 {
                for tranche in tranches {
                    guard let coupon = tranche.coupon else { continue }
                    couponProduct[coupon.couponID, default: 0] += DayCount.product(
                        balance: tranche.outstanding, rate: AnnualRate(basisPoints: coupon.cutBasisPoints), days: cutDays)
                }
            }
            day = until
        }

        mutating func apply(_ entry: CreditLineEntry) {
            accrue(until: entry.day)
            switch entry.kind {
            case .draw:
                principal = principal + entry.amount
                drawnTotal = drawnTotal + entry.amount
                tranches.append(Tranche(outstanding: entry.amount, coupon: entry.coupon))
            case .repayment:
                // Settle the accrued interest to the cent on the repayment day, less what the coupons forgo, then pay.
                let gross = DayCount.interest(ofProduct: product)
                product = 0
                var forgone = Cents.zero
                var last: Int64?
                for coupon in tranches.compactMap(\.coupon) {
                    let delta = pending(coupon.couponID)
                    couponSettled[coupon.couponID, default: .zero] += delta
                    forgone = forgone + delta
                    if delta.isPositive { last = coupon.couponID }
                }
                // Only a cut of the whole rate can reach the period's interest through rounding: never forgo more than it.
                if forgone > gross, let last {
                    couponSettled[last, default: .zero] -= forgone - gross
                    forgone = gross
                }
                interestDue = interestDue + gross - forgone - entry.interestPart
                interestPaid = interestPaid + entry.interestPart
                principal = principal - entry.principalPart
                var left = entry.principalPart
                for index in tranches.indices where left.isPositive {
                    let paid = min(left, tranches[index].outstanding)
                    tranches[index].outstanding = tranches[index].outstanding - paid
                    left = left - paid
                }
                if !interestDue.isPositive { couponClaimable = couponSettled }
            }
        }
    }
}

/// A line's figures on a day.
public struct CreditLinePosition: Sendable, Equatable, Hashable, Codable {
    public var limit: Cents
    /// Drawn and not repaid (已用额度).
    public var principal: Cents
    /// Interest accrued and not paid, to the cent.
    public var interest: Cents
    /// What may still be drawn (0 once matured).
    public var available: Cents
    public var interestPaid: Cents
    public var drawnTotal: Cents
    public var overdueDays: Int
    public var status: CreditLineStatus
    /// One day's interest on the current balance.
    public var dailyInterest: Cents

    /// Principal plus interest owed.
    public var owed: Cents { principal + interest }
    public var isSettled: Bool { status == .closed }

    /// The five-tier class by overdue days, never better than `floor`.
    public func classification(thresholds: ClassificationThresholds, atLeast floor: LoanClass = .normal) -> LoanClass {
        thresholds.classify(overdueDays: overdueDays, atLeast: floor)
    }
}
