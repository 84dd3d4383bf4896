import Foundation
import Testing
@testable import Domain

/// Expected figures were computed independently (see `LoanTestSupport.swift`).
@Suite struct ScheduleTests {
    let start = loanDay("2024-01-31")
    let twelvePercent = AnnualRate(basisPoints: 1200)

    func make(_ method: RepaymentMethod) -> RepaymentSchedule {
        RepaymentSchedule.make(principal: Cents(yuan: 120_000), rate: twelvePercent, termMonths: 12, method: method, start: start)
    }

    @Test func equalInstallment120kAt12PercentOver12Months() {
        let schedule = make(.equalInstallment)
        #expect(loanParts(schedule) == [
            [946_185, 120_000], [955_647, 110_538], [965_203, 100_982], [974_855, 91_330],
            [984_604, 81_581], [994_450, 71_735], [1_004_394, 61_791], [1_014_438, 51_747],
            [1_024_583, 41_602], [1_034_829, 31_356], [1_045_177, 21_008], [1_055_635, 10_556],
        ])
        // Level payment ¥10,661.85; the last installment absorbs the rounding: ¥10,661.91.
        #expect(schedule.installments.dropLast().allSatisfy { $0.total == 1_066_185 })
        #expect(schedule.installments.last?.total == 1_066_191)
        #expect(schedule.totalInterest == 794_226)
        #expect(schedule.installments.map(\.number) == Array(1...12))
    }

    @Test func equalPrincipal120kAt12PercentOver12Months() {
        let schedule = make(.equalPrincipal)
        #expect(schedule.installments.map(\.principal.value) == Array(repeating: 1_000_000, count: 12))
        #expect(schedule.installments.map(\.interest.value)
            == [120_000, 110_000, 100_000, 90_000, 80_000, 70_000, 60_000, 50_000, 40_000, 30_000, 20_000, 10_000])
        #expect(schedule.totalInterest == 780_000)
    }

    @Test func interestFirst120kAt12PercentOver12Months() {
        let schedule = make(.interestFirst)
        #expect(schedule.installments.map(\.interest.value) == Array(repeating: 120_000, count: 12))
        #expect(schedule.installments.map(\.principal.value) == Array(repeating: 0, count: 11) + [12_000_000])
        #expect(schedule.totalPayment == 13_440_000)
    }

    @Test func bullet120kAt12PercentOver12Months() {
        let schedule = make(.bullet)
        #expect(schedule.installments == [Installment(number: 1, due: loanDay("2025-01-31"), principal: 12_000_000, interest: 1_440_000)])
        #expect(schedule.maturity == loanDay("2025-01-31"))
    }

    @Test func dueDatesFollowTheStartDayClampedToMonthEnd() {
        let dues = make(.equalPrincipal).installments.map(\.due.description)
        #expect(dues == ["2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30", "2024-07-31",
                         "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31", "2025-01-31"])
    }

    /// 100,000.01 yuan at 4.35 % over 7 months: an amount that does not divide evenly.
    @Test func oddAmountEveryMethod() {
        func odd(_ method: RepaymentMethod) -> RepaymentSchedule {
            RepaymentSchedule.make(principal: 10_000_001, rate: AnnualRate(basisPoints: 435), termMonths: 7, method: method,
                                   start: loanDay("2025-03-10"))
        }
        #expect(loanParts(odd(.equalInstallment)) == [[1_413_111, 36_250], [1_418_234, 31_127], [1_423_375, 25_986],
                                                  [1_428_534, 20_827], [1_433_713, 15_648], [1_438_910, 10_451],
                                                  [1_444_124, 5_235]])
        #expect(loanParts(odd(.equalPrincipal)) == [[1_428_571, 36_250], [1_428_571, 31_071], [1_428_571, 25_893],
                                                [1_428_571, 20_714], [1_428_571, 15_536], [1_428_571, 10_357],
                                                [1_428_575, 5_179]])
        #expect(loanParts(odd(.interestFirst)).last == [10_000_001, 36_250])
        #expect(loanParts(odd(.bullet)) == [[10_000_001, 253_750]])
    }

    /// Level payment, last installment and total interest of assorted loans.
    @Test(arguments: [
        (Int64(300_000_000), 420, 12, Int64(25_572_393), Int64(25_572_394), Int64(6_868_717)),
        (100_000, 380, 360, 466, 431, 67_725),
        (5_000_000, 435, 36, 148_400, 148_390, 342_390),
        (123_456_789, 566, 240, 860_439, 860_308, 83_048_440),
        (99, 1500, 12, 9, 8, 8),
        (1_000_000, 0, 7, 142_857, 142_858, 0),
        (2_500_000, 300, 1, 2_506_250, 2_506_250, 6_250),
    ])
    func annuityPayments(principal: Int64, basisPoints: Int, months: Int, payment: Int64, last: Int64, interest: Int64) {
        let schedule = RepaymentSchedule.make(principal: Cents(principal), rate: AnnualRate(basisPoints: basisPoints),
                                              termMonths: months, method: .equalInstallment, start: loanDay("2025-01-15"))
        #expect(schedule.installments.first?.total.value == payment)
        #expect(schedule.installments.last?.total.value == last)
        #expect(schedule.totalInterest.value == interest)
    }

    /// For many random loans: the principal parts add up exactly to the loan, none is negative, interest is
    /// the rounded monthly interest on the running balance, and due days are strictly increasing.
    @Test func principalPartsSumExactlyToTheLoan() {
        var random = LoanTestRandom(state: 2025)
        for _ in 0..<2_000 {
            let principal = Cents(Int64(random.next(500_000_000)) + 1)
            let rate = AnnualRate(basisPoints: random.next(2_400))
            let months = random.next(4) == 0 ? random.next(360) + 1 : random.next(36) + 1
            let method = RepaymentMethod.allCases[random.next(4)]
            let start = Day(year: 2020 + random.next(10), month: random.next(12) + 1, day: random.next(31) + 1)
            guard Day(iso: start.description) != nil else { continue }
            let schedule = RepaymentSchedule.make(principal: principal, rate: rate, termMonths: months, method: method, start: start)
            #expect(schedule.installments.reduce(Cents.zero) { $0 + $1.principal } == principal)
            #expect(schedule.installments.allSatisfy { $0.principal.value >= 0 && $0.interest.value >= 0 })
            #expect(schedule.installments.count == (method == .bullet ? 1 : months))
            #expect(zip(schedule.installments, schedule.installments.dropFirst()).allSatisfy { $0.due < $1.due })
            #expect(schedule.maturity == LoanCalendar.adding(months: months, to: start))
            if method != .bullet {
                var balance = principal
                for installment in schedule.installments {
                    #expect(installment.interest == rate.interest(on: balance))
                    balance = balance - installment.principal
                }
            }
        }
    }

    @Test func codableRoundTripWritesDaysAsText() throws {
        let schedule = make(.equalInstallment)
        let data = try JSONEncoder().encode(schedule)
        #expect(String(decoding: data, as: UTF8.self).contains("\"due\":\"2024-02-29\""))
        #expect(try JSONDecoder().decode(RepaymentSchedule.self, from: data) == schedule)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Repayment.self, from: Data(#"{"day":"2024-02-30","amount":1}"#.utf8))
        }
    }
}
