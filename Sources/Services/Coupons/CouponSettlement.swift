import Domain
import Foundation
import Persistence

/// Settlement with the lenders (结算): a lender claims the interest a redeemed coupon made it forgo; the platform checks
/// the claim against the loan's own ledger to the cent and accepts or refuses it, with the reason.
public enum CouponSettlement {
    /// Files a claim for coupon `couponID` (redeemed on one of the institution's loans) covering interest collected up to
    /// `through` (default today).
    public static func claim(_ context: ServiceContext, _ principal: Principal, couponID: Int64?, through: Day?, amount: Cents) async throws -> CouponClaim {
        let institution = try principal.requireInstitution()
        guard let couponID else { throw DomainError.notFound("该信用券的核销记录") }
        let today = context.clock.today
        let through = through ?? today
        if through > today { throw DomainError.invalidInput(field: "through", reason: "结算截止日不能晚于今天") }
        return try await context.couponStore.fileClaim(couponID: couponID, institutionID: institution.id, through: through, claimed: amount,
                                                       on: today, actor: principal.name, at: context.clock.now())
    }

    /// An institution's redeemed coupons (the credit center sees all), each with what is claimable today.
    public struct Redeemed: Sendable, Equatable {
        public var coupon: Coupon
        public var claimable: Cents
        public var installments: Int
    }

    public static func redeemed(_ context: ServiceContext, _ principal: Principal, paging: Paging) async throws -> ResultPage<Redeemed> {
        let institutionID = try scope(principal)
        let page = try await context.couponStore.redeemed(institutionID: institutionID, paging: paging)
        var out: [Redeemed] = []
        let today = context.clock.today
        for coupon in page.items {
            guard let r = coupon.redemption else { continue }
            if let lineID = r.lineID {
                // On a draw: what the line's ledger lets the lender claim (`DrawCoupon`), counted in repayments.
                guard let line = try await context.creditLineStore.line(id: lineID)?.line else { continue }
                let due = CouponClaim.drawEntitlement(ledger: line.ledger, redemption: r, couponID: coupon.id,
                                                      settledBefore: coupon.settled, through: today)
                out.append(Redeemed(coupon: coupon, claimable: due.entitled, installments: due.repayments))
                continue
            }
            guard let loan = try await context.loanStore.loan(id: r.loanID) else { continue }
            let (amount, count) = CouponInterest.claimable(loan.ledger, contractRate: r.contractRate, cap: r.cap, asOf: today)
            out.append(Redeemed(coupon: coupon, claimable: max(min(amount, r.estimatedCost) - coupon.settled, .zero), installments: count))
        }
        return ResultPage(items: out, page: page.page, perPage: page.perPage, total: page.total)
    }

    public static func claims(_ context: ServiceContext, _ principal: Principal, paging: Paging) async throws -> ResultPage<CouponClaim> {
        try await context.couponStore.claims(institutionID: try scope(principal), paging: paging)
    }

    /// An institution reads its own; the credit center all; nobody else.
    static func scope(_ principal: Principal) throws -> Int64? {
        if principal.role.isInstitution { return try principal.requireInstitution().id }
        guard principal.role == .creditCenter else { throw DomainError.forbidden("信用券结算仅限金融机构和信用中心查看") }
        return nil
    }
}
