import Testing
@testable import Domain

/// The forgone-interest maths of digital credit coupons, worked by hand: ¥120,000 over 12 months, 等额本金 (¥10,000 of
/// principal a month), approved at 4.20 %, 0.20 points off. Month k (k = 12 … 1 months of principal outstanding) charges
/// k × ¥35.00 at 4.20 % and k × ¥33.333… (rounded to the cent) at 4.00 %.
@Suite struct CouponInterestTests {
    static let start = Day(year: 2026, month: 1, day: 15)
    static let terms = LoanTerms(amount: Cents(12_000_000), rate: AnnualRate(basisPoints: 420), termMonths: 12, method: .equalPrincipal)

    static func reducedSchedule(_ bp: Int = 400) throws -> RepaymentSchedule {
        var t = terms
        t.rate = AnnualRate(basisPoints: bp)
        return try t.schedule(start: start)
    }

    @Test func theEstimateIsTheForgoneInterestOverTheFullScheduleToTheCent() throws {
        let schedule = try Self.reducedSchedule()
        #expect(schedule.totalInterest == Cents(260_000))
        let lines = CouponInterest.lines(LoanLedger(schedule: schedule), contractRate: Self.terms.rate, cap: nil, asOf: Self.start)
        #expect(lines.map(\.base.value) == (1...12).reversed().map { Int64($0) * 1_000_000 })
        // Month 1: ¥420.00 − ¥400.00; month 2: ¥385.00 − ¥366.67.
        #expect(lines.prefix(2).map(\.forgone) == [Cents(2_000), Cents(1_833)])
        #expect(CouponInterest.estimate(schedule, contractRate: Self.terms.rate, cap: nil) == Cents(13_000), "¥2,730.00 − ¥2,600.00")
        let applied = try CouponInterest.apply(.rateCut(basisPoints: 20), to: Self.terms, start: Self.start)
        #expect(applied.rate == AnnualRate(basisPoints: 400) && applied.estimate == Cents(13_000))
    }

    @Test func aShareOfInterestIsCappedByTheLargestCutWithinTheCap() throws {
        // 10 % of 4.20 % is 0.42 points: ¥27.30 × … = ¥273.00 forgone, within a ¥300 cap.
        let open = try CouponInterest.apply(.interestShare(basisPoints: 1_000, cap: Cents(30_000)), to: Self.terms, start: Self.start)
        #expect(open.rate == AnnualRate(basisPoints: 378) && open.estimate == Cents(27_300))
        // A ¥200 cap: 0.30 points forgo ¥195.00, 0.31 points would forgo more than ¥200.
        let capped = try CouponInterest.apply(.interestShare(basisPoints: 1_000, cap: Cents(20_000)), to: Self.terms, start: Self.start)
        #expect(capped.rate == AnnualRate(basisPoints: 390) && capped.estimate == Cents(19_500))
        // A cut never takes the rate below zero.
        var cheap = Self.terms
        cheap.rate = AnnualRate(basisPoints: 10)
        #expect(try CouponInterest.apply(.rateCut(basisPoints: 20), to: cheap, start: Self.start).rate == AnnualRate(basisPoints: 0))
    }

    @Test func onlyCollectedInterestIsClaimableAndAPrepaymentLowersWhatIsForgone() throws {
        let schedule = try Self.reducedSchedule()
        var ledger = LoanLedger(schedule: schedule)
        #expect(CouponInterest.claimable(ledger, contractRate: Self.terms.rate, cap: nil, asOf: schedule.installments[0].due).amount == .zero)
        for installment in schedule.installments.prefix(2) { try ledger.record(Repayment(day: installment.due, amount: installment.total)) }
        let twoPaid = CouponInterest.claimable(ledger, contractRate: Self.terms.rate, cap: nil, asOf: schedule.installments[1].due)
        #expect(twoPaid.amount == Cents(3_833) && twoPaid.installments == 2)
        // The day before installment 3 is due the firm pays it and prepays ¥30,000: months 4 … 12 are re-planned on
        // ¥30,000 less, so forgo less.
        let third = schedule.installments[2], day = third.due.adding(days: -1)
        try ledger.record(Repayment(day: day, amount: third.total + Cents(3_000_000)))
        let lines = CouponInterest.lines(ledger, contractRate: Self.terms.rate, cap: nil, asOf: day)
        #expect(lines[2].base == Cents(10_000_000), "installment 3 keeps the base it was charged on")
        #expect(lines[3].base == Cents(6_000_000))
        for line in lines { #expect(line.contractInterest - line.interest == line.forgone) }
        let total = lines.reduce(Cents.zero) { $0 + $1.forgone }
        #expect(total < Cents(13_000))
        #expect(lines.prefix(3).allSatisfy(\.interestPaid) && !lines[3].interestPaid)
    }

    @Test func aClaimIsCheckedAgainstTheLedgerToTheCent() throws {
        let schedule = try Self.reducedSchedule()
        var ledger = LoanLedger(schedule: schedule)
        for installment in schedule.installments.prefix(2) { try ledger.record(Repayment(day: installment.due, amount: installment.total)) }
        let redemption = CouponRedemption(loanID: 1, applicationID: 1, institutionID: 1, disbursedOn: Self.start,
                                          contractRate: Self.terms.rate, rate: AnnualRate(basisPoints: 400), estimatedCost: Cents(13_000), cap: nil)
        let through = schedule.installments[1].due
        let over = CouponClaim.check(claimed: Cents(3_834), ledger: ledger, redemption: redemption, settledBefore: .zero, through: through)
        #expect(over.outcome == .refused && over.entitled == Cents(3_833))
        #expect(over.reason.contains("超过") && over.reason.contains("¥38.33"), "\(over.reason)")
        let exact = CouponClaim.check(claimed: Cents(3_833), ledger: ledger, redemption: redemption, settledBefore: .zero, through: through)
        #expect(exact.outcome == .accepted)
        let again = CouponClaim.check(claimed: Cents(1), ledger: ledger, redemption: redemption, settledBefore: Cents(3_833), through: through)
        #expect(again.outcome == .refused && again.entitled == .zero)
    }

    @Test func eligibilityNeedsEveryCriterionSetAndNoDishonesty() {
        let rule = CouponEligibility(grades: ["A+", "A"], lists: [.recommended, .redList], qualifications: ["专精特新"], industries: ["C"])
        var firm = CouponFirmFacts(uscc: "x", name: "甲", grade: "A", industryCode: "C13", lists: [.redList], qualifications: ["专精特新"])
        #expect(rule.refusals(firm).isEmpty)
        firm.grade = "B"
        firm.lists = []
        firm.qualifications = ["高新技术企业"]
        firm.industryCode = "I65"
        firm.isDishonest = true
        #expect(rule.refusals(firm).map(\.code) == ["dishonest", "grade", "list", "qualification", "industry"])
        #expect(CouponEligibility().refusals(CouponFirmFacts(uscc: "y", name: "乙", grade: "", industryCode: "G")).isEmpty)
    }

    @Test func aCouponIsExpiredTheDayAfterItsExpiryAndKeepsItsVersion() {
        let coupon = Coupon(id: 7, programmeID: 1, programmeCode: "dl", version: 2, uscc: "x", firmName: "甲",
                            face: .rateCut(basisPoints: 20), issuedOn: Self.start, expiresOn: Day(year: 2026, month: 3, day: 31))
        #expect(coupon.status(on: Day(year: 2026, month: 3, day: 31)) == .held)
        #expect(coupon.status(on: Day(year: 2026, month: 4, day: 1)) == .expired)
        #expect(coupon.number == "XYQ-000007")
        let v1 = CouponProgrammeVersion(version: 1, effectiveFrom: Self.start, name: "旧", budget: Cents(100), face: .rateCut(basisPoints: 20),
                                        eligibility: .init(), perFirm: 1, issueFrom: Self.start, issueUntil: Self.start, expiresOn: Self.start)
        var v2 = v1
        v2.version = 2; v2.name = "新"; v2.effectiveFrom = "2026-03-01"
        let programme = CouponProgramme(id: 1, code: "dl", versions: [v1, v2])
        #expect(programme.inForce(on: Day(year: 2026, month: 2, day: 28))?.name == "旧")
        #expect(programme.inForce(on: Day(year: 2026, month: 3, day: 1))?.name == "新")
        #expect(programme.version(coupon.version)?.name == "新")
    }
}
