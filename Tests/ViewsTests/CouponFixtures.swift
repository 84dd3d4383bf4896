import Domain
@testable import Views

/// Fixed values for the coupon pages: a Dalian-style programme (0.20 points off for 专精特新 firms on the red list) in its
/// second version, a firm's coupons in each state, a lender's redeemed coupon and its claims.
enum CouponFixtures {
    static let day = Day(year: 2026, month: 3, day: 1)

    static func version(_ n: Int, budget: Int64, from: Day) -> CouponProgrammeVersion {
        CouponProgrammeVersion(version: n, effectiveFrom: from, name: "大连数字信用券", budget: Cents(yuan: budget), face: .rateCut(basisPoints: 20),
                               eligibility: CouponEligibility(grades: ["A+", "A"], lists: [.redList], qualifications: ["专精特新"]),
                               perFirm: 2, issueFrom: Day(year: 2026, month: 1, day: 1), issueUntil: Day(year: 2026, month: 6, day: 30),
                               expiresOn: Day(year: 2026, month: 12, day: 31), products: [4], note: "工信e贷用券再降 0.2 个百分点")
    }

    static let programme = CouponProgramme(id: 1, code: "dl-2026", versions: [
        version(1, budget: 1_000_000, from: Day(year: 2026, month: 1, day: 1)), version(2, budget: 2_000_000, from: Day(year: 2026, month: 2, day: 1)),
    ])

    static let use = CouponBudgetUse(budget: Cents(yuan: 2_000_000), charged: Cents(yuan: 520_000), issued: 120, held: 60, attached: 8,
                                     redeemed: 40, settled: 2, expired: 10, settledAmount: Cents(yuan: 31_250))

    static func coupon(_ id: Int64, _ status: CouponStatus) -> Coupon {
        var c = Coupon(id: id, programmeID: 1, programmeCode: "dl-2026", version: 2, uscc: "91210202MA0000001X", firmName: "大连海韵科技有限公司",
                       face: .rateCut(basisPoints: 20), issuedOn: Day(year: 2026, month: 2, day: 3), expiresOn: Day(year: 2026, month: 12, day: 31),
                       storedStatus: status)
        if status == .attached { c.target = .application(7) }
        if status == .redeemed {
            c.redemption = CouponRedemption(loanID: 11, applicationID: 6, institutionID: 1, disbursedOn: Day(year: 2026, month: 2, day: 10),
                                            contractRate: AnnualRate(basisPoints: 420), rate: AnnualRate(basisPoints: 400),
                                            estimatedCost: Cents(13_000), cap: nil)
            c.settled = Cents(3_833)
        }
        return c
    }

    /// A coupon redeemed on draw #43 of line #5 (¥200,000 at 3.82 %, 0.20 points off until maturity).
    static var onDraw: Coupon {
        var c = coupon(6, .held)
        c.storedStatus = .redeemed
        c.target = .draw(43)
        c.redemption = .onDraw(lineID: 5, drawID: 43, amount: Cents(yuan: 200_000), institutionID: 1, drawnOn: Day(year: 2026, month: 3, day: 26),
                               lineRate: AnnualRate(basisPoints: 382), cutBasisPoints: 20, estimatedCost: Cents(37_556), cap: nil)
        return c
    }

    static var lineClaim: CouponClaim {
        var claim = CouponClaim(id: 3, couponID: 6, programmeID: 1, loanID: 0, institutionID: 1, through: Day(year: 2026, month: 4, day: 25),
                                claimed: Cents(3_333), entitled: Cents(3_333), installments: 1, outcome: .accepted, reason: "与台账核定金额一致",
                                filedOn: Day(year: 2026, month: 4, day: 26))
        claim.lineID = 5
        return claim
    }

    static let claims = [
        CouponClaim(id: 2, couponID: 3, programmeID: 1, loanID: 11, institutionID: 1, through: Day(year: 2026, month: 4, day: 10), claimed: Cents(3_833),
                    entitled: Cents(3_833), installments: 2, outcome: .accepted, reason: "与台账核定金额一致", filedOn: Day(year: 2026, month: 4, day: 11)),
        CouponClaim(id: 1, couponID: 3, programmeID: 1, loanID: 11, institutionID: 1, through: Day(year: 2026, month: 4, day: 10), claimed: Cents(3_834),
                    entitled: Cents(3_833), installments: 2, outcome: .refused, reason: "申领金额 ¥38.34 超过按贷款台账核定的可结算金额 ¥38.33",
                    filedOn: Day(year: 2026, month: 4, day: 11)),
    ]
}
