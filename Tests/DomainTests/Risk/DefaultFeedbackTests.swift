import Foundation
import Testing
@testable import Domain

/// Default feedback (issue 12 §3, RISK.md §3.5): an overdue report becomes a credit record only after a
/// written notice and a cure period the firm let pass unpaid.
@Suite struct DefaultFeedbackTests {
    let rules: ListRules
    let report = OverdueReport(loanReference: "DL-2026-001", uscc: "91210202MA0000001J", lender: "大连示例银行",
                               overdueDays: 15, amount: Cents(yuan: 12_000), reportedOn: Day(year: 2026, month: 3, day: 12))
    /// Friday 13 March 2026: 10 working days later is Friday 27 March.
    let notice = Day(year: 2026, month: 3, day: 13)
    let deadline = Day(year: 2026, month: 3, day: 27)
    init() throws { rules = try ListRules.bundled() }

    func feedback() throws -> DefaultFeedback { try DefaultFeedback(report: report).notified(on: notice) }

    @Test func theBundledCurePeriodIsTenWorkingDaysAndMarkedUnconfirmed() throws {
        let v = try #require(rules.inForce(on: notice))
        #expect(v.curePeriod == ProcedurePeriod(days: 10, counting: .working))
        #expect(v.unconfirmed.contains("curePeriod"))
        #expect(rules.source.contains("RISK.md §3") && rules.source.contains("UNCONFIRMED"))
    }

    @Test func theDeadlineCountsWorkingDaysFromTheDayAfterTheNotice() throws {
        #expect(try feedback().deadline(rules: rules) == deadline)
        let holiday = WorkingDays(holidays: [Day(year: 2026, month: 3, day: 20)])
        #expect(try feedback().deadline(rules: rules, calendar: holiday) == Day(year: 2026, month: 3, day: 30),
                "a holiday inside the period pushes the deadline to the next working day")
    }

    @Test func payingOnTheDeadlineDayCuresButTheDayAfterDoesNot() throws {
        let f = try feedback()
        #expect(try f.outcome(paidOn: deadline, today: deadline, rules: rules) == .cured(paidOn: deadline))
        let late = deadline.adding(days: 1)
        #expect(try f.outcome(paidOn: late, today: late, rules: rules) == .recordable(recordedOn: late))
    }

    @Test func unpaidItIsPendingThroughTheDeadlineAndRecordableTheDayAfter() throws {
        let f = try feedback()
        #expect(try f.outcome(paidOn: nil, today: notice, rules: rules) == .pending(deadline: deadline))
        #expect(try f.outcome(paidOn: nil, today: deadline, rules: rules) == .pending(deadline: deadline))
        let after = try f.outcome(paidOn: nil, today: Day(year: 2026, month: 3, day: 28), rules: rules)
        #expect(after == .recordable(recordedOn: Day(year: 2026, month: 3, day: 28)))
        #expect(after.text.contains("2026-03-28"))
    }

    @Test func aPaymentNotYetMadeOnTheDayDoesNotCureIt() throws {
        let f = try feedback()
        let paid = Day(year: 2026, month: 3, day: 20)
        #expect(try f.outcome(paidOn: paid, today: Day(year: 2026, month: 3, day: 19), rules: rules) == .pending(deadline: deadline))
        #expect(try f.outcome(paidOn: paid, today: paid, rules: rules) == .cured(paidOn: paid))
    }

    @Test func withoutANoticeNothingIsRecordedEvenLongAfter() throws {
        let f = DefaultFeedback(report: report)
        #expect(try f.outcome(paidOn: nil, today: Day(year: 2027, month: 1, day: 1), rules: rules) == .awaitingNotice)
        #expect(try f.deadline(rules: rules) == nil)
    }

    @Test func theNoticeCannotPrecedeTheReportNorBeGivenTwice() throws {
        #expect(throws: DomainError.self) { try DefaultFeedback(report: report).notified(on: Day(year: 2026, month: 3, day: 11)) }
        #expect(throws: DomainError.illegalTransition(entity: "逾期报告", from: "已于 2026-03-13 书面告知", action: "再次告知")) {
            try feedback().notified(on: Day(year: 2026, month: 3, day: 16))
        }
    }

    @Test func aNoticeIsJudgedUnderTheRulesInForceOnItsDay() throws {
        let calendarDays = ListFixtures.withVersion(rules, from: "2026-04-01") {
            $0.curePeriod = ProcedurePeriod(days: 30, counting: .calendar)
        }
        #expect(try feedback().deadline(rules: calendarDays) == deadline, "noticed under version 1")
        let april = try DefaultFeedback(report: report).notified(on: Day(year: 2026, month: 4, day: 1))
        #expect(try april.deadline(rules: calendarDays) == Day(year: 2026, month: 5, day: 1), "30 calendar days under version 2")
        let old = try DefaultFeedback(report: OverdueReport(loanReference: "x", uscc: "y", lender: "z", overdueDays: 1,
                                                            amount: 1, reportedOn: Day(year: 2010, month: 1, day: 1)))
            .notified(on: Day(year: 2010, month: 1, day: 4))
        #expect(throws: DomainError.self) { try old.outcome(paidOn: nil, today: Day(year: 2010, month: 2, day: 1), rules: rules) }
    }

    @Test func aReportNeedsAReferenceDaysOverdueAndAnAmount() {
        #expect(throws: Never.self) { try report.validate() }
        var bad = report
        bad.overdueDays = 0
        #expect(throws: DomainError.self) { try bad.validate() }
        bad = report
        bad.amount = .zero
        #expect(throws: DomainError.self) { try bad.validate() }
        bad = report
        bad.loanReference = " "
        #expect(throws: DomainError.self) { try bad.validate() }
    }
}
