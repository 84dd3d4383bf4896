import Testing
@testable import Domain

@Suite struct DueDateTests {
    @Test func monthEndIsClampedEachMonthFromTheStartDay() {
        let dues = LoanCalendar.monthlyDueDates(start: loanDay("2024-01-31"), count: 4)
        #expect(dues == [loanDay("2024-02-29"), loanDay("2024-03-31"), loanDay("2024-04-30"), loanDay("2024-05-31")])
        #expect(LoanCalendar.adding(months: 1, to: loanDay("2023-01-31")) == loanDay("2023-02-28"))
        #expect(LoanCalendar.adding(months: 1, to: loanDay("2100-01-29")) == loanDay("2100-02-28"))
    }

    @Test func crossesYearEnd() {
        #expect(LoanCalendar.monthlyDueDates(start: loanDay("2024-11-15"), count: 3)
            == [loanDay("2024-12-15"), loanDay("2025-01-15"), loanDay("2025-02-15")])
        #expect(LoanCalendar.adding(months: 12, to: loanDay("2024-02-29")) == loanDay("2025-02-28"))
    }

    @Test func dayCounts() {
        #expect(LoanCalendar.days(from: loanDay("2024-02-28"), to: loanDay("2024-03-01")) == 2)
        #expect(LoanCalendar.days(from: loanDay("2023-02-28"), to: loanDay("2023-03-01")) == 1)
        #expect(LoanCalendar.days(from: loanDay("2024-01-01"), to: loanDay("2025-01-01")) == 366)
        #expect(LoanCalendar.days(from: loanDay("2025-01-02"), to: loanDay("2025-01-01")) == -1)
    }
}
