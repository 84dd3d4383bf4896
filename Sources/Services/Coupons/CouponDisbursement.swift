import Domain
import Foundation
import Persistence

/// Redemption (核销) at disbursement, inside the disbursement's unit of work: the coupon attached to the application is
/// locked; if it is still valid and its product accepts it, the rate after it and the estimate are computed
/// (`CouponInterest.apply`), the estimate is charged to the budget in force (one conditional update, so parallel
/// disbursements never overspend), and the loan opens on the schedule at the rate after the coupon, recording it. When the
/// budget cannot bear it the loan opens at the approved rate and the coupon goes back to the firm's wallet.
public enum CouponDisbursement {
    public static func openLoan(in unit: UnitOfWork, application: ApplicationStore.Stored, terms: LoanTerms, disbursedOn: Day,
                                today: Day, thresholds: ClassificationThresholds, actor: String, at time: Date) async throws {
        var schedule = try terms.schedule(start: disbursedOn)
        var note: LoanCoupon?
        var pending: (Coupon, CouponRedemption)?
        if let coupon = try await CouponStore.attachedForDisbursement(applicationID: application.id, in: unit) {
            let programme = try await CouponStore.programme(id: coupon.programmeID, in: unit)
            let version = programme?.version(coupon.version)
            if coupon.status(on: today) == .expired {
                try await CouponStore.notRedeemed(coupon, step: "expired", expired: true, actor: actor, at: time, in: unit)
            } else if let programme, let version, version.accepts(productID: application.productID) {
                let (rate, cost) = try CouponInterest.apply(coupon.face, to: terms, start: disbursedOn)
                let budget = programme.inForce(on: today)?.budget ?? version.budget
                if try await CouponStore.charge(coupon, cost: cost, budget: budget, in: unit) {
                    var reduced = terms
                    reduced.rate = rate
                    schedule = try reduced.schedule(start: disbursedOn)
                    note = LoanCoupon(couponID: coupon.id, number: coupon.number, programmeCode: coupon.programmeCode, face: coupon.face,
                                      contractRate: terms.rate, rate: rate, estimatedCost: cost)
                    pending = (coupon, CouponRedemption(loanID: 0, applicationID: application.id, institutionID: application.institutionID,
                                                        disbursedOn: disbursedOn, contractRate: terms.rate, rate: rate, estimatedCost: cost,
                                                        cap: coupon.face.cap))
                } else {
                    try await CouponStore.notRedeemed(coupon, step: "budget_exhausted", expired: false, actor: actor, at: time, in: unit)
                }
            } else {
                try await CouponStore.notRedeemed(coupon, step: "not_accepted", expired: false, actor: actor, at: time, in: unit)
            }
        }
        let loanID = try await LoanStore.open(in: unit, application: application, ledger: LoanLedger(schedule: schedule), asOf: today,
                                              thresholds: thresholds, coupon: note)
        if let pending {
            var redemption = pending.1
            redemption.loanID = loanID
            _ = try await CouponStore.markRedeemed(pending.0, redemption, actor: actor, at: time, in: unit)
        }
    }
}
