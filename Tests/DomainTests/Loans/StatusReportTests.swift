import Foundation
import Testing
@testable import Domain

@Suite struct StatusReportTests {
    let schedule = RepaymentSchedule.make(principal: Cents(yuan: 120_000), rate: AnnualRate(basisPoints: 1200),
                                          termMonths: 12, method: .equalPrincipal, start: loanDay("2024-01-31"))

    @Test func reportsFromTheLedger() throws {
        let ledger = try LoanLedger(schedule: schedule, repayments: [Repayment(day: loanDay("2024-02-29"), amount: 1_120_000)])
        let disbursement = LoanStatusReport.from(ledger, reference: "DL-2024-001", kind: .disbursement, day: loanDay("2024-01-31"))
        #expect(disbursement.amount == 12_000_000)
        #expect(disbursement.outstandingPrincipal == 12_000_000)
        let repayment = LoanStatusReport.from(ledger, reference: "DL-2024-001", kind: .repayment, day: loanDay("2024-02-29"))
        #expect(repayment.amount == 1_120_000)
        #expect(repayment.outstandingPrincipal == 11_000_000)
        // By 07-01 installments 2–5 (due 03-31, 04-30, 05-31, 06-30) are unpaid; the oldest is 92 days overdue.
        let overdue = LoanStatusReport.from(ledger, reference: "DL-2024-001", kind: .overdue, day: loanDay("2024-07-01"))
        #expect(overdue.overdueDays == 92)
        #expect(overdue.amount == Cents(1_110_000 + 1_100_000 + 1_090_000 + 1_080_000))
        #expect(overdue.classification == .substandard)
        for report in [disbursement, repayment, overdue] { #expect(throws: Never.self) { try report.validate() } }
    }

    @Test func validationCatchesIncoherentReports() {
        let good = LoanStatusReport(loanReference: "L1", kind: .overdue, day: loanDay("2025-01-01"), amount: 100,
                                    outstandingPrincipal: 1_000, overdueDays: 120, classification: .substandard)
        #expect(throws: Never.self) { try good.validate() }
        var report = good
        report.classification = .specialMention
        #expect(throws: DomainError.invalidInput(field: "classification", reason: "逾期120天的贷款至少应为“次级”，不能报为“关注”")) {
            try report.validate()
        }
        report = good
        report.classification = .loss   // worse than the days imply is allowed
        #expect(throws: Never.self) { try report.validate() }
        report = good
        report.overdueDays = 0
        report.classification = .normal
        #expect(throws: DomainError.self) { try report.validate() }
        report = good
        report.kind = .settlement
        #expect(throws: DomainError.self) { try report.validate() }
        report = good
        report.loanReference = " "
        #expect(throws: DomainError.self) { try report.validate() }
        report = good
        report.kind = .repayment
        report.amount = .zero
        #expect(throws: DomainError.self) { try report.validate() }
    }

    @Test func codableWithTextDays() throws {
        let report = LoanStatusReport(loanReference: "L1", kind: .repayment, day: loanDay("2025-03-10"), amount: 5,
                                      outstandingPrincipal: 0, overdueDays: 0, classification: .normal)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"day\":\"2025-03-10\""))
        #expect(json.contains("\"kind\":\"repayment\""))
        #expect(try JSONDecoder().decode(LoanStatusReport.self, from: Data(json.utf8)) == report)
        #expect(LoanReportKind.allCases.map(\.label) == ["放款", "还款", "逾期", "结清"])
    }
}
