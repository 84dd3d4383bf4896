import Testing
@testable import Domain

/// The daily interest of a revolving line to the cent (ACT/360, 积数计息, 算头不算尾), the limit restored by repayment,
/// the end of the term, overdue days and the five-tier class.
@Suite struct CreditLineLedgerTests {
    let opened = Day(year: 2026, month: 1, day: 10)

    func line(limit: Int64 = 3_000_000, bp: Int = 400, months: Int = 12) -> CreditLineLedger {
        CreditLineLedger(limit: Cents(yuan: limit), rate: AnnualRate(basisPoints: bp), openedOn: opened, termMonths: months)
    }

    mutating func draw(_ ledger: inout CreditLineLedger, _ yuan: Int64, on day: Day, id: Int64) throws {
        try ledger.checkDraw(Cents(yuan: yuan), on: day)
        ledger.record(.draw(id: id, day: day, amount: Cents(yuan: yuan)))
    }

    @Test mutating func oneMillionAtFourPercentForThirtyDaysIsThreeThousandThreeHundredThirtyThreeYuanThirtyThreeFen() throws {
        var ledger = line()
        try draw(&ledger, 1_000_000, on: opened, id: 1)
        // 1,000,000 × 4% × 30 / 360 = 3,333.333… → ¥3,333.33.
        let p = ledger.position(asOf: opened.adding(days: 30))
        #expect(p.interest == Cents(333_333))
        #expect(p.principal == Cents(yuan: 1_000_000))
        #expect(p.available == Cents(yuan: 2_000_000))
        #expect(p.dailyInterest == Cents(11_111), "1,000,000 × 4% / 360 = 111.11")
        // The draw's own day accrues nothing yet; the next day one day.
        #expect(ledger.position(asOf: opened).interest == .zero)
        #expect(ledger.position(asOf: opened.adding(days: 1)).interest == Cents(11_111))
    }

    @Test mutating func interestIsTheAccumulatedProductRoundedOnceHalfUp() throws {
        // ¥10,000 at 3.85% for 3 days, then ¥25,000 for 4 days: the 积数 of both periods, divided by 360 once.
        var ledger = line(bp: 385)
        try draw(&ledger, 10_000, on: opened, id: 1)
        try draw(&ledger, 15_000, on: opened.adding(days: 3), id: 2)
        // 积数 = 1,000,000 × 385 × 3 + 2,500,000 × 385 × 4 = 1,155,000,000 + 3,850,000,000 = 5,005,000,000 (cent·bp·days)
        // interest = 5,005,000,000 / 3,600,000 = 1,390.2777… cents → 1,390 cents (¥13.90).
        #expect(ledger.position(asOf: opened.adding(days: 7)).interest == Cents(1_390))
        // Half up at exactly half a cent: 积数 1,800,000 → 0.5 cent → 1 cent.
        #expect(DayCount.interest(ofProduct: 1_800_000) == Cents(1))
        #expect(DayCount.interest(ofProduct: 1_799_999) == .zero)
    }

    @Test mutating func aRepaymentPaysInterestFirstAndRestoresTheLimit() throws {
        var ledger = line()
        try draw(&ledger, 1_000_000, on: opened, id: 1)
        let day = opened.adding(days: 30)
        let split = try ledger.splitRepayment(Cents(yuan: 500_000), on: day)
        #expect(split.interest == Cents(333_333))
        #expect(split.principal == Cents(yuan: 500_000) - Cents(333_333))
        ledger.record(CreditLineEntry(id: 2, kind: .repayment, day: day, amount: Cents(yuan: 500_000), interestPart: split.interest,
                                      principalPart: split.principal))
        var p = ledger.position(asOf: day)
        #expect(p.interest == .zero)
        #expect(p.interestPaid == Cents(333_333))
        #expect(p.principal == Cents(50_333_333))
        #expect(p.available == Cents(yuan: 3_000_000) - Cents(50_333_333))
        // Everything owed the next day: the remaining principal plus one day on it (503,333.33 × 4% / 360 = 55.93).
        p = ledger.position(asOf: day.adding(days: 1))
        #expect(p.interest == Cents(5_593))
        let all = try ledger.splitRepayment(p.owed, on: day.adding(days: 1))
        ledger.record(CreditLineEntry(id: 3, kind: .repayment, day: day.adding(days: 1), amount: p.owed, interestPart: all.interest,
                                      principalPart: all.principal))
        p = ledger.position(asOf: day.adding(days: 1))
        #expect(p.owed == .zero)
        #expect(p.available == Cents(yuan: 3_000_000), "随借随还: the whole limit is available again")
        #expect(p.status == .active)
        // More than owed is refused; a draw beyond the available limit too.
        #expect(throws: DomainError.self) { _ = try ledger.splitRepayment(Cents(1), on: day.adding(days: 1)) }
        #expect(throws: DomainError.self) { try ledger.checkDraw(Cents(yuan: 3_000_000) + Cents(1), on: day.adding(days: 1)) }
    }

    @Test mutating func theLineEndsAtItsTermAndThenGoesOverdue() throws {
        var ledger = line(months: 12)
        #expect(ledger.maturesOn == Day(year: 2027, month: 1, day: 10))
        try draw(&ledger, 200_000, on: opened, id: 1)
        // The day before maturity a draw is still possible; on the maturity day not.
        try ledger.checkDraw(Cents(yuan: 1), on: ledger.maturesOn.adding(days: -1))
        #expect(throws: DomainError.self) { try ledger.checkDraw(Cents(yuan: 1), on: ledger.maturesOn) }
        var p = ledger.position(asOf: ledger.maturesOn)
        #expect(p.status == .matured && p.available == .zero && p.overdueDays == 0, "due on its maturity day, not yet overdue")
        p = ledger.position(asOf: ledger.maturesOn.adding(days: 91))
        #expect(p.overdueDays == 91)
        #expect(p.classification(thresholds: .default) == .substandard)
        #expect(ledger.position(asOf: ledger.maturesOn.adding(days: 30)).classification(thresholds: .default) == .specialMention)
        // 365 days of interest on ¥200,000 at 4% (2026-01-10 to 2027-01-10), then the days after: 200,000 × 4% × 456 / 360.
        #expect(p.interest == Cents(1_013_333))
        // Paid in full after maturity: closed, no longer overdue.
        let day = ledger.maturesOn.adding(days: 91)
        let split = try ledger.splitRepayment(p.owed, on: day)
        ledger.record(CreditLineEntry(id: 2, kind: .repayment, day: day, amount: p.owed, interestPart: split.interest, principalPart: split.principal))
        p = ledger.position(asOf: day)
        #expect(p.status == .closed && p.isSettled && p.overdueDays == 0)
    }

    @Test func probabilitiesReadAsABankWritesThem() {
        #expect(DefaultProbability(text: "0.0085")?.ppm == 8_500)
        #expect(DefaultProbability(text: "0.85%")?.ppm == 8_500)
        #expect(DefaultProbability(text: "1.5") == nil)
        #expect(DefaultProbability(text: "abc") == nil)
        #expect(DefaultProbability(ppm: 8_500).percentText == "0.85%")
        #expect(DefaultProbability(ppm: 50_000).percentText == "5.00%")
    }
}
