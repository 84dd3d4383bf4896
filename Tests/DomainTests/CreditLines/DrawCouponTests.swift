import Testing
@testable import Domain

/// A digital credit coupon on one draw of a revolving line, worked by hand: the cut runs on the draw's outstanding
/// principal until maturity, draws are repaid oldest first, the forgone interest is settled cumulatively at repayments
/// (never beyond the estimate), and the lender may claim only what was settled at repayments that left no interest unpaid.
@Suite struct DrawCouponTests {
    let opened = Day(year: 2026, month: 1, day: 1)

    /// ¥1,000,000 at 4.00 % for 12 months (matures 2027-01-01).
    func line() -> CreditLineLedger {
        CreditLineLedger(limit: Cents(yuan: 1_000_000), rate: AnnualRate(basisPoints: 400), openedOn: opened, termMonths: 12)
    }

    func repay(_ ledger: inout CreditLineLedger, _ amount: Cents, on day: Day, id: Int64) throws {
        let split = try ledger.splitRepayment(amount, on: day)
        ledger.record(CreditLineEntry(id: id, kind: .repayment, day: day, amount: amount, interestPart: split.interest,
                                      principalPart: split.principal))
    }

    @Test func theCutRunsOnTheCouponDrawsOutstandingPrincipalAndIsSettledCumulatively() throws {
        var ledger = line()
        let jan10 = Day(year: 2026, month: 1, day: 10), jan20 = Day(year: 2026, month: 1, day: 20)
        let feb9 = Day(year: 2026, month: 2, day: 9), mar11 = Day(year: 2026, month: 3, day: 11)
        // ¥100,000 with coupon 7 (0.20 points) on Jan 10; ¥50,000 without on Jan 20.
        ledger.record(.draw(id: 1, day: jan10, amount: Cents(yuan: 100_000), coupon: DrawCoupon(couponID: 7, cutBasisPoints: 20)))
        ledger.record(.draw(id: 2, day: jan20, amount: Cents(yuan: 50_000)))
        // Feb 9: line 积数 = 10,000,000 × 400 × 10 + 15,000,000 × 400 × 20 = 160,000,000,000 → 44,444.4 → 44,444 cents;
        // the coupon's 积数 = 10,000,000 × 20 × 30 = 6,000,000,000 → 1,666.7 → 1,667 cents; the firm owes 42,777.
        #expect(ledger.position(asOf: feb9).interest == Cents(42_777))
        #expect(ledger.couponForgone(asOf: feb9)[7] == DrawCouponForgone(settled: .zero, claimable: .zero, pending: Cents(1_667),
                                                                          outstanding: Cents(yuan: 100_000)))
        // Repay ¥80,000: 42,777 interest, 7,957,223 principal, all of it off the older (coupon) draw.
        try repay(&ledger, Cents(yuan: 80_000), on: feb9, id: 3)
        #expect(ledger.entries.last?.interestPart == Cents(42_777))
        var forgone = try #require(ledger.couponForgone(asOf: feb9)[7])
        #expect(forgone.settled == Cents(1_667) && forgone.claimable == Cents(1_667) && forgone.outstanding == Cents(2_042_777))
        // Mar 11 (30 days): line 积数 = 7,042,777 × 400 × 30 → 23,475.9 → 23,476; the coupon's cumulative 积数
        // 6,000,000,000 + 2,042,777 × 20 × 30 = 7,225,666,200 → 2,007.1 → 2,007, of which 340 new: the firm owes 23,136.
        #expect(ledger.position(asOf: mar11).interest == Cents(23_136))
        try repay(&ledger, Cents(7_042_777 + 23_136), on: mar11, id: 4)
        forgone = try #require(ledger.couponForgone(asOf: mar11)[7])
        #expect(forgone == DrawCouponForgone(settled: Cents(2_007), claimable: Cents(2_007), pending: .zero, outstanding: .zero))
        #expect(ledger.position(asOf: mar11).owed == .zero)
        // What the line would have charged without the coupon, less what it charged, is exactly the coupon's total.
        let charged = ledger.entries.reduce(Cents.zero) { $0 + $1.interestPart }
        #expect(Cents(44_444 + 23_476) - charged == forgone.settled)
        // The estimate (the whole amount to maturity, 356 days) bounds it: 10,000,000 × 20 × 356 → 19,777.8 → 19,778.
        let applied = DrawCoupon.apply(.rateCut(basisPoints: 20), amount: Cents(yuan: 100_000), rate: AnnualRate(basisPoints: 400),
                                       drawnOn: jan10, maturesOn: ledger.maturesOn)
        #expect(applied.cut == 20 && applied.estimate == Cents(19_778))
    }

    @Test func aRepaymentThatLeavesInterestUnpaidMakesNothingClaimableYet() throws {
        var ledger = line()
        ledger.record(.draw(id: 1, day: opened, amount: Cents(yuan: 100_000), coupon: DrawCoupon(couponID: 7, cutBasisPoints: 20)))
        let day = opened.adding(days: 30)
        // 30 days: line 10,000,000 × 400 × 30 → 33,333; coupon 10,000,000 × 20 × 30 → 1,667; owed 31,666. Pay 10,000 of it.
        try repay(&ledger, Cents(10_000), on: day, id: 2)
        var forgone = try #require(ledger.couponForgone(asOf: day)[7])
        #expect(forgone.settled == Cents(1_667) && forgone.claimable == .zero, "interest still unpaid: the lender has not forgone it yet")
        try repay(&ledger, Cents(21_666), on: day.adding(days: 1), id: 3)
        forgone = try #require(ledger.couponForgone(asOf: day.adding(days: 1))[7])
        // The next day adds one day: the line's 4,000,000,000 → 1,111, the coupon's cumulative 6,200,000,000 → 1,722 (55 new).
        // 21,666 pays the earlier remainder; the day's own 1,111 − 55 = 1,056 is left due, so nothing is claimable yet.
        #expect(forgone.settled == Cents(1_722))
        #expect(forgone.claimable == .zero)
        let owed = ledger.position(asOf: day.adding(days: 1)).interest
        try repay(&ledger, owed, on: day.adding(days: 1), id: 4)
        #expect(ledger.couponForgone(asOf: day.adding(days: 1))[7]?.claimable == Cents(1_722))
    }

    @Test func theCutStopsAtMaturityAndOverdueDaysPayTheFullRate() throws {
        var ledger = line()
        let last = ledger.maturesOn.adding(days: -10)
        ledger.record(.draw(id: 1, day: last, amount: Cents(yuan: 100_000), coupon: DrawCoupon(couponID: 7, cutBasisPoints: 20)))
        // Twenty days later (ten past maturity): the cut ran for ten days only (1,000,000 × 20 × 10 → 555.6 → 556).
        let day = ledger.maturesOn.adding(days: 10)
        #expect(ledger.couponForgone(asOf: day)[7]?.pending == Cents(556))
        #expect(ledger.position(asOf: day).interest == Cents(111_111 * 2 / 10 - 556), "20 days at 4 % on ¥100,000: 22,222.2 cents → 22,222; less 556")
        #expect(ledger.position(asOf: day).overdueDays == 10)
    }

    @Test func anInterestShareIsAShareOfTheRateWithinItsCap() {
        let rate = AnnualRate(basisPoints: 400), drawnOn = opened, maturesOn = opened.adding(days: 360)
        // 25 % of 4.00 % = 100 basis points: 10,000,000 × 100 × 360 → 100,000 cents, within a ¥2,000 cap.
        let wide = DrawCoupon.apply(.interestShare(basisPoints: 2_500, cap: Cents(yuan: 2_000)), amount: Cents(yuan: 100_000), rate: rate,
                                    drawnOn: drawnOn, maturesOn: maturesOn)
        #expect(wide.cut == 100 && wide.estimate == Cents(100_000))
        // A ¥500 cap: the largest whole-basis-point cut within it is 50 (50,000 cents exactly).
        let capped = DrawCoupon.apply(.interestShare(basisPoints: 2_500, cap: Cents(yuan: 500)), amount: Cents(yuan: 100_000), rate: rate,
                                      drawnOn: drawnOn, maturesOn: maturesOn)
        #expect(capped.cut == 50 && capped.estimate == Cents(50_000))
        // A rate cut never takes the rate below zero.
        #expect(DrawCoupon.apply(.rateCut(basisPoints: 300), amount: Cents(yuan: 100), rate: AnnualRate(basisPoints: 200), drawnOn: drawnOn,
                                 maturesOn: maturesOn).cut == 200)
    }
}
