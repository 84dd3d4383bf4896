import Domain
import Foundation
import Persistence

/// Redemption on a revolving line's draw (提款用券), inside the draw's unit of work with the line locked: the firm's held
/// coupon is locked, its programme version must accept the line's product, the cut and estimate are computed
/// (`DrawCoupon.apply`) and the estimate charged to the budget in force (one conditional update, so parallel draws never
/// overspend). When the budget cannot bear it the draw is refused, nothing written, and the firm may draw without it.
/// Once the draw's row exists the coupon is recorded as attached to it and redeemed.
enum CouponDraws {
    /// The draw's coupon hook for `CreditLineStore.draw`.
    static func redeemer(couponID: Int64, uscc: String, amount: Cents, today: Day)
        -> @Sendable (UnitOfWork, CreditLine) async throws -> DrawCoupon?
    {
        { unit, line in
            let coupon = try await CouponStore.lockedForDraw(couponID: couponID, uscc: uscc, on: today, in: unit)
            guard let programme = try await CouponStore.programme(id: coupon.programmeID, in: unit),
                  let version = programme.version(coupon.version) else { throw DomainError.notFound("该信用券项目") }
            guard version.accepts(productID: line.productID) else {
                throw DomainError.invalidInput(field: "couponID", reason: "“\(line.productName)”不在信用券“\(version.name)”的适用产品之内")
            }
            let (cut, cost) = DrawCoupon.apply(coupon.face, amount: amount, rate: line.ledger.rate, drawnOn: today,
                                               maturesOn: line.ledger.maturesOn)
            guard cut > 0 else {
                throw DomainError.invalidInput(field: "couponID", reason: "按信用券 \(coupon.number) 的上限，本次提款降不了一个基点，请换一张券或不用券")
            }
            let budget = programme.inForce(on: today)?.budget ?? version.budget
            guard try await CouponStore.charge(coupon, cost: cost, budget: budget, in: unit) else {
                throw DomainError.conflict("信用券项目“\(version.name)”预算余额不足以承担本次让利（约 \(cost.yuanText)），提款未办理；可不用券重新提款")
            }
            return DrawCoupon(couponID: coupon.id, cutBasisPoints: cut)
        }
    }

    /// The hook that records the redemption once the draw has its row id.
    static func recorder(uscc: String, actor: String, at time: Date) -> @Sendable (UnitOfWork, CreditLine, CreditLineEntry) async throws -> Void {
        { unit, line, entry in
            guard let drawCoupon = entry.coupon else { return }
            let coupon = try await CouponStore.lockedForDraw(couponID: drawCoupon.couponID, uscc: uscc, on: entry.day, in: unit)
            let days = DrawCoupon.days(drawnOn: entry.day, maturesOn: line.ledger.maturesOn)
            let redemption = CouponRedemption.onDraw(
                lineID: line.id, drawID: entry.id, amount: entry.amount, institutionID: line.institutionID, drawnOn: entry.day,
                lineRate: line.ledger.rate, cutBasisPoints: drawCoupon.cutBasisPoints,
                estimatedCost: DrawCoupon.estimate(amount: entry.amount, cut: drawCoupon.cutBasisPoints, days: days), cap: coupon.face.cap)
            _ = try await CouponStore.markRedeemedOnDraw(coupon, redemption, actor: actor, at: time, in: unit)
        }
    }
}
