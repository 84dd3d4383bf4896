import Foundation
import Testing
@testable import Domain

/// 120,000.00 yuan at 12 % over 12 months, 等额本息, disbursed 2024-01-31: installments of 10,661.85 due
/// 02-29, 03-31, 04-30, … (figures computed independently, see `LoanTestSupport.swift`).
@Suite struct LedgerTests {
    let schedule = RepaymentSchedule.make(principal: Cents(yuan: 120_000), rate: AnnualRate(basisPoints: 1200),
                                          termMonths: 12, method: .equalInstallment, start: loanDay("2024-01-31"))
    let payment: Cents = 1_066_185

    @Test func onTimePaymentClearsTheInstallment() throws {
        let ledger = try LoanLedger(schedule: schedule, repayments: [Repayment(day: loanDay("2024-02-29"), amount: payment)])
        let position = ledger.position(asOf: loanDay("2024-02-29"))
        #expect(position.installments[0].status == .paid)
        #expect(position.installments[0].paidOn == loanDay("2024-02-29"))
        #expect(position.installments[1].status == .future)
        #expect(position.outstandingPrincipal == Cents(12_000_000 - 946_185))
        #expect(position.amountDue == .zero)
        #expect(position.overdueDays == 0)
        #expect(!position.isSettled)
    }

    @Test func unpaidInstallmentIsDueOnItsDayAndOverdueFromTheNext() {
        let ledger = LoanLedger(schedule: schedule)
        #expect(ledger.status(ofInstallment: 1, asOf: loanDay("2024-02-28")) == .future)
        #expect(ledger.status(ofInstallment: 1, asOf: loanDay("2024-02-29")) == .due)
        #expect(ledger.amountDue(asOf: loanDay("2024-02-29")) == payment)
        #expect(ledger.amountOverdue(asOf: loanDay("2024-02-29")) == .zero)
        #expect(ledger.overdueDays(asOf: loanDay("2024-02-29")) == 0)
        #expect(ledger.classification(asOf: loanDay("2024-02-29")) == .normal)

        #expect(ledger.status(ofInstallment: 1, asOf: loanDay("2024-03-01")) == .overdue)
        #expect(ledger.amountOverdue(asOf: loanDay("2024-03-01")) == payment)
        #expect(ledger.overdueDays(asOf: loanDay("2024-03-01")) == 1)
        #expect(ledger.classification(asOf: loanDay("2024-03-01")) == .specialMention)
        #expect(ledger.outstandingPrincipal(asOf: loanDay("2024-03-01")) == 12_000_000)
    }

    @Test func partialPaymentGoesToInterestFirst() throws {
        var ledger = LoanLedger(schedule: schedule)
        try ledger.record(Repayment(day: loanDay("2024-03-05"), amount: 100_000))
        var position = ledger.position(asOf: loanDay("2024-03-05"))
        #expect(position.installments[0].paidInterest == 100_000)
        #expect(position.installments[0].paidPrincipal == .zero)
        #expect(position.installments[0].status == .overdue)
        #expect(position.amountOverdue == 966_185)
        #expect(position.overdueDays == 5)

        try ledger.record(Repayment(day: loanDay("2024-03-10"), amount: 100_000))
        position = ledger.position(asOf: loanDay("2024-03-10"))
        #expect(position.installments[0].paidInterest == 120_000)
        #expect(position.installments[0].paidPrincipal == 80_000)
        #expect(position.outstandingPrincipal == Cents(12_000_000 - 80_000))

        try ledger.record(Repayment(day: loanDay("2024-03-12"), amount: 866_185))
        #expect(ledger.overdueDays(asOf: loanDay("2024-03-11")) == 11)
        #expect(ledger.overdueDays(asOf: loanDay("2024-03-12")) == 0)
        #expect(ledger.position(asOf: loanDay("2024-03-12")).installments[0].paidOn == loanDay("2024-03-12"))
        // Queries before a repayment ignore it.
        #expect(ledger.amountOverdue(asOf: loanDay("2024-03-04")) == payment)
    }

    @Test func oldestInstallmentIsPaidFirstAndSetsOverdueDays() throws {
        var ledger = LoanLedger(schedule: schedule)
        // Nothing paid: 02-29 → 04-01 is 32 days.
        #expect(ledger.overdueDays(asOf: loanDay("2024-04-01")) == 32)
        #expect(ledger.amountOverdue(asOf: loanDay("2024-04-01")) == payment + payment)
        try ledger.record(Repayment(day: loanDay("2024-04-01"), amount: payment))
        let position = ledger.position(asOf: loanDay("2024-04-01"))
        #expect(position.installments.map(\.status).prefix(3) == [.paid, .overdue, .future])
        #expect(position.overdueDays == 1)   // installment 2, due 03-31
    }

    @Test func earlyPartPaymentOfTheCurrentInstallment() throws {
        let ledger = try LoanLedger(schedule: schedule, repayments: [Repayment(day: loanDay("2024-02-20"), amount: 500_000)])
        #expect(ledger.status(ofInstallment: 1, asOf: loanDay("2024-02-20")) == .partiallyPaid)
        #expect(ledger.position(asOf: loanDay("2024-02-20")).prepayments.isEmpty)
        #expect(ledger.status(ofInstallment: 1, asOf: loanDay("2024-02-29")) == .due)
        #expect(ledger.amountDue(asOf: loanDay("2024-02-29")) == 566_185)
        #expect(ledger.outstandingPrincipal(asOf: loanDay("2024-02-29")) == Cents(12_000_000 - 380_000))
    }

    /// Installment 2 paid early on 03-15 with 50,000.00 more: installments 3–12 are re-planned on
    /// 50,981.68 yuan over the same ten due days.
    @Test func partialPrepaymentReplansTheRemainingInstallmentsKeepingTheTerm() throws {
        let ledger = try LoanLedger(schedule: schedule, repayments: [
            Repayment(day: loanDay("2024-02-29"), amount: payment),
            Repayment(day: loanDay("2024-03-15"), amount: payment + 5_000_000),
        ])
        let position = ledger.position(asOf: loanDay("2024-03-15"))
        #expect(position.prepayments == [Prepayment(day: loanDay("2024-03-15"), principal: 5_000_000, afterInstallment: 2)])
        #expect(position.installments[1].status == .paid)
        #expect(position.outstandingPrincipal == 5_098_168)
        let rest = position.installments.dropFirst(2).map { [$0.installment.principal.value, $0.installment.interest.value] }
        #expect(rest == [[487_293, 50_982], [492_166, 46_109], [497_088, 41_187], [502_059, 36_216], [507_079, 31_196],
                         [512_150, 26_125], [517_272, 21_003], [522_444, 15_831], [527_669, 10_606], [532_948, 5_329]])
        #expect(position.installments.map(\.installment.number) == Array(1...12))
        #expect(position.installments.map(\.installment.due) == schedule.installments.map(\.due))
        // Before the prepayment the original plan still applies.
        #expect(ledger.position(asOf: loanDay("2024-03-14")).installments[2].installment == schedule.installments[2])
    }

    @Test func fullPrepaymentSettlesTheLoan() throws {
        var ledger = try LoanLedger(schedule: schedule, repayments: [Repayment(day: loanDay("2024-02-29"), amount: payment)])
        // Payoff on 03-15: installment 2 in full (its month has begun) plus the principal after it.
        #expect(ledger.payoffAmount(asOf: loanDay("2024-03-15")) == 11_164_353)
        #expect(throws: DomainError.self) { try ledger.recording(Repayment(day: loanDay("2024-03-15"), amount: 11_164_354)) }
        try ledger.record(Repayment(day: loanDay("2024-03-15"), amount: 11_164_353))
        let position = ledger.position(asOf: loanDay("2024-03-15"))
        #expect(position.isSettled)
        #expect(position.settledOn == loanDay("2024-03-15"))
        #expect(position.outstandingPrincipal == .zero)
        #expect(position.payoffAmount == .zero)
        #expect(position.installments.count == 2)
        #expect(ledger.status(ofInstallment: 3, asOf: loanDay("2024-04-30")) == nil)
        #expect(ledger.overdueDays(asOf: loanDay("2025-06-01")) == 0)
        #expect(!ledger.isSettled(asOf: loanDay("2024-03-14")))
        #expect(throws: DomainError.conflict("贷款已结清，不能再登记还款")) {
            try ledger.record(Repayment(day: loanDay("2024-03-20"), amount: 1))
        }
    }

    @Test func interestFirstPrepaymentLowersLaterInterest() throws {
        let schedule = RepaymentSchedule.make(principal: Cents(yuan: 120_000), rate: AnnualRate(basisPoints: 1200),
                                              termMonths: 12, method: .interestFirst, start: loanDay("2024-01-31"))
        let ledger = try LoanLedger(schedule: schedule, repayments: [
            Repayment(day: loanDay("2024-02-29"), amount: 120_000),
            Repayment(day: loanDay("2024-03-31"), amount: 120_000),
            Repayment(day: loanDay("2024-04-10"), amount: 120_000 + 2_000_000),
        ])
        let plan = ledger.position(asOf: loanDay("2024-04-10")).installments.map(\.installment)
        #expect(plan[2].interest == 120_000)   // April's interest was owed in full
        #expect(plan[3...].map(\.interest.value) == Array(repeating: 100_000, count: 9))
        #expect(plan[3...].map(\.principal.value) == Array(repeating: 0, count: 8) + [10_000_000])
    }

    @Test func bulletLoanOwesTheAgreedInterestAndGoesOverdueAtMaturity() throws {
        let schedule = RepaymentSchedule.make(principal: Cents(yuan: 120_000), rate: AnnualRate(basisPoints: 1200),
                                              termMonths: 12, method: .bullet, start: loanDay("2024-01-31"))
        var ledger = LoanLedger(schedule: schedule)
        #expect(ledger.payoffAmount(asOf: loanDay("2024-06-01")) == 13_440_000)
        #expect(ledger.overdueDays(asOf: loanDay("2025-05-01")) == 90)
        #expect(ledger.classification(asOf: loanDay("2025-05-01")) == .specialMention)
        #expect(ledger.classification(asOf: loanDay("2025-05-02")) == .substandard)
        try ledger.record(Repayment(day: loanDay("2024-06-01"), amount: 12_000_000))
        let position = ledger.position(asOf: loanDay("2024-06-01"))
        #expect(position.installments[0].paidInterest == 1_440_000)
        #expect(position.outstandingPrincipal == 1_440_000)
        #expect(position.installments[0].status == .partiallyPaid)
    }

    @Test func rejectsInvalidRepayments() throws {
        let ledger = try LoanLedger(schedule: schedule, repayments: [Repayment(day: loanDay("2024-03-01"), amount: 1)])
        #expect(throws: DomainError.invalidInput(field: "amount", reason: "还款金额必须大于零")) {
            try ledger.recording(Repayment(day: loanDay("2024-03-02"), amount: 0))
        }
        #expect(throws: DomainError.self) { try ledger.recording(Repayment(day: loanDay("2024-02-29"), amount: 1)) }
        #expect(throws: DomainError.self) {
            try LoanLedger(schedule: schedule, repayments: [Repayment(day: loanDay("2024-01-30"), amount: 1)])
        }
        // A repayment on the day of an earlier one is fine.
        #expect(throws: Never.self) { try ledger.recording(Repayment(day: loanDay("2024-03-01"), amount: 1)) }
    }

    @Test func codableRoundTripAndValidationOnDecode() throws {
        let ledger = try LoanLedger(schedule: schedule, repayments: [Repayment(day: loanDay("2024-02-29"), amount: payment)])
        let data = try JSONEncoder().encode(ledger)
        #expect(try JSONDecoder().decode(LoanLedger.self, from: data) == ledger)
        let tampered = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"amount\":1066185", with: "\"amount\":-5")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LoanLedger.self, from: Data(tampered.utf8)) }
    }

    /// Random loans with random repayments (late, partial, early, prepaying): every cent is accounted for.
    @Test func randomRepaymentsKeepTheBooksBalanced() throws {
        var random = LoanTestRandom(state: 77)
        for _ in 0..<300 {
            let method = RepaymentMethod.allCases[random.next(4)]
            let schedule = RepaymentSchedule.make(principal: Cents(Int64(random.next(100_000_000)) + 100),
                                                  rate: AnnualRate(basisPoints: random.next(1_500)),
                                                  termMonths: random.next(24) + 1, method: method, start: loanDay("2024-01-31"))
            var ledger = LoanLedger(schedule: schedule)
            var day = schedule.start
            for _ in 0..<30 {
                day = day.adding(days: random.next(40))
                let payoff = ledger.payoffAmount(asOf: day)
                guard payoff.isPositive else { break }
                let amount = random.next(5) == 0 ? payoff : Cents(Int64(random.next(Int(payoff.value))) + 1)
                try ledger.record(Repayment(day: day, amount: amount))
            }
            let position = ledger.position(asOf: day)
            let paid = ledger.repayments.reduce(Cents.zero) { $0 + $1.amount }
            let prepaid = position.prepayments.reduce(Cents.zero) { $0 + $1.principal }
            let planPrincipal = position.installments.reduce(Cents.zero) { $0 + $1.installment.principal }
            let paidParts = position.installments.reduce(Cents.zero) { $0 + $1.paid }
            #expect(planPrincipal + prepaid == schedule.principal)
            #expect(paidParts + prepaid == paid)
            #expect(position.outstandingPrincipal == schedule.principal - prepaid
                    - position.installments.reduce(Cents.zero) { $0 + $1.paidPrincipal })
            #expect(position.installments.allSatisfy { $0.remaining.value >= 0 && $0.installment.principal.value >= 0 })
            #expect(Set(position.installments.map(\.installment.due)).isSubset(of: schedule.installments.map(\.due)))
            #expect(position.isSettled == (position.installments.allSatisfy { $0.remaining == .zero }))
        }
    }
}
