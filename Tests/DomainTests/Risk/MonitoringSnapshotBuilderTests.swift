import Foundation
import Testing
@testable import Domain

/// The data hub's records as a monitoring snapshot: only what is active counts, periodic datasets by their latest
/// period, utility arrears over every period; and the stored forms (snapshot, signal, alert) survive a round trip.
@Suite struct MonitoringSnapshotBuilderTests {
    static let uscc = "91210202MA0000001J"
    static let day = Day(year: 2026, month: 3, day: 15)

    static func record(_ dataset: String, _ id: String, _ content: [String: String]) -> StoredRecord {
        StoredRecord(dataset: dataset, recordID: id, uscc: uscc, content: content, eventDate: "", collectedAt: Date(timeIntervalSince1970: 0),
                     version: 1, batchID: 1, sourceDepartment: nil)
    }

    static let records = [
        record("judicial.dishonest", "D1", ["case_no": "（2026）辽0202执1号", "listed_on": "2026-03-01"]),
        record("judicial.dishonest", "D0", ["case_no": "（2024）辽0202执9号", "listed_on": "2024-01-01", "removed_on": "2024-06-01"]),
        record("market.abnormal", "AB1", ["reason": "未按期公示年度报告"]),
        record("credit.list", "CL1", ["list_type": "black", "reason": "涉金融严重失信"]),
        record("credit.list", "CL2", ["list_type": "red", "reason": "守信激励"]),
        record("judicial.case", "J1", ["case_no": "（2026）辽0202民初1号", "role": "被告"]),
        record("judicial.case", "J2", ["case_no": "（2026）辽0202民初2号", "role": "原告"]),
        record("judicial.case", "J3", ["case_no": "（2025）辽0202民初3号", "role": "被告", "closed_on": "2025-12-01"]),
        record("admin.penalty", "P1", ["decision_no": "大市监罚〔2026〕1号", "severity": "严重", "amount": "20000.5"]),
        record("tax.payment", "T1", ["period": "2026-01", "arrears": "300"]),
        record("tax.payment", "T2", ["period": "2026-02", "arrears": "1200.50"]),
        record("tax.rating", "R1", ["year": "2024", "grade": "A"]),
        record("tax.rating", "R2", ["year": "2025", "grade": "C"]),
        record("social.insurance", "S1", ["period": "2026-02", "insured_count": "38", "arrears": "0"]),
        record("social.insurance", "S0", ["period": "2026-01", "insured_count": "45", "arrears": "999"]),
        record("housing.fund", "H1", ["period": "2026-02", "arrears": "88"]),
        record("utility.payment", "U1", ["utility": "electricity", "period": "2026-01", "amount_due": "1000", "amount_paid": "1000"]),
        record("utility.payment", "U2", ["utility": "electricity", "period": "2026-02", "amount_due": "900", "amount_paid": "400"]),
        record("utility.payment", "U3", ["utility": "water", "period": "2026-02", "amount_due": "50", "amount_paid": "0"]),
    ]

    @Test func recordsBecomeTheSnapshot() {
        let s = MonitoringSnapshotBuilder.snapshot(uscc: Self.uscc, day: Self.day, records: Self.records, legalRepresentative: "王伟",
                                                   loans: [.init(lender: "大连银行", overdueDays: 40, classification: .specialMention)])
        #expect(s.listings.map(\.kind).sorted() == ["失信被执行人", "涉金融严重失信", "经营异常"])
        #expect(s.listings.contains { $0.id == "（2026）辽0202执1号" })
        #expect(s.lawsuitsAsDefendant == ["（2026）辽0202民初1号"], "open cases as defendant only")
        #expect(s.penalties == [.init(id: "大市监罚〔2026〕1号", severity: .severe, amount: Cents(2_000_050))])
        #expect(s.taxArrears == Cents(120_050), "the latest period's arrears")
        #expect(s.taxGrade == "C")
        #expect(s.insuredHeadcount == 38 && s.socialInsuranceArrears == .zero)
        #expect(s.housingFundArrears == Cents(8_800))
        #expect(s.utilityArrears == Cents(55_000), "unpaid power and water over every period")
        #expect(s.consumptionName == "电费（元）" && s.consumption.map(\.quantity) == [1_000, 900])
        #expect(s.legalRepresentative == "王伟")
        #expect(s.lenderReports == [.init(lender: "大连银行", overdueDays: 40, classification: .specialMention)])
        #expect(MonitoringSnapshotBuilder.snapshot(uscc: Self.uscc, day: Self.day, records: Self.records.reversed(),
                                                   legalRepresentative: "王伟", loans: [.init(lender: "大连银行", overdueDays: 40,
                                                                                         classification: .specialMention)]) == s,
                "the order records arrive in does not matter")
    }

    @Test func amountsInCents() {
        #expect(MonitoringSnapshotBuilder.cents("1200") == Cents(120_000))
        #expect(MonitoringSnapshotBuilder.cents("1200.5") == Cents(120_050))
        #expect(MonitoringSnapshotBuilder.cents("0.07") == Cents(7))
        #expect(MonitoringSnapshotBuilder.cents("") == .zero && MonitoringSnapshotBuilder.cents("abc") == .zero)
    }

    @Test func storedFormsRoundTrip() throws {
        let s = MonitoringSnapshotBuilder.snapshot(uscc: Self.uscc, day: Self.day, records: Self.records, legalRepresentative: "王伟", loans: [])
        let decoder = JSONDecoder(), encoder = JSONEncoder()
        #expect(try decoder.decode(MonitoringSnapshot.self, from: try encoder.encode(s)) == s)
        let before = MonitoringSnapshot(uscc: Self.uscc, day: Self.day.adding(days: -1))
        let rules = try WarningRules.bundled()
        let signals = try #require(SignalDetector.detect(before: before, after: s, rules: rules)?.signals)
        #expect(try decoder.decode([MonitoringSignal].self, from: try encoder.encode(signals)) == signals)
        let score = try #require(RiskScore.assess(signals: signals, on: Self.day, rules: rules))
        var alert = RiskAlert(uscc: Self.uscc, firmName: "大连海湾科技有限公司", district: "210202", institutionID: 1, relation: .loan,
                              score: score, at: Date(timeIntervalSince1970: 0))
        #expect(alert.level == .red && alert.score == 100 && alert.signals.count == score.contributions.count)
        try alert.respond(.acknowledge, by: "客户经理", on: Self.day, at: Date(timeIntervalSince1970: 0))
        #expect(try decoder.decode(RiskAlert.self, from: try encoder.encode(alert)) == alert)
        // Answered alerts are not raised again; open ones follow the latest assessment.
        try alert.respond(.handle(measure: "压降额度"), by: "客户经理", on: Self.day, at: Date(timeIntervalSince1970: 0))
        let steps = alert.steps.count
        alert.update(with: score, relation: .loan, at: Date(timeIntervalSince1970: 0))
        #expect(alert.steps.count == steps)
    }

    @Test func theInputsKeyFollowsLoansAndListingsOnly() {
        let loan = MonitoringSnapshotBuilder.Loan(lender: "甲银行", overdueDays: 0, classification: .normal)
        let base = MonitoringSnapshotBuilder.inputsKey(loans: [loan], listed: [], day: Self.day)
        var late = loan
        late.overdueDays = 1
        #expect(MonitoringSnapshotBuilder.inputsKey(loans: [late], listed: [], day: Self.day) != base, "a day overdue")
        let other = MonitoringSnapshotBuilder.Loan(lender: "乙银行", overdueDays: 0, classification: .normal)
        #expect(MonitoringSnapshotBuilder.inputsKey(loans: [loan, other], listed: [], day: Self.day)
            == MonitoringSnapshotBuilder.inputsKey(loans: [other, loan], listed: [], day: Self.day), "order does not matter")
        #expect(MonitoringSnapshotBuilder.inputsKey(loans: [], listed: [], day: Self.day) != base)
    }

    @Test func everyFirmHasExactlyOneTurnInEachFullReadCycle() {
        for n in 0..<50 {
            let uscc = "9121020\(n)MA00000X"
            let turns = (0..<7).filter { MonitoringSnapshotBuilder.isDueForFullRead(uscc: uscc, on: Self.day.adding(days: $0), cycle: 7) }
            #expect(turns.count == 1, "\(uscc): \(turns)")
            let next = (7..<14).filter { MonitoringSnapshotBuilder.isDueForFullRead(uscc: uscc, on: Self.day.adding(days: $0), cycle: 7) }
            #expect(next == turns.map { $0 + 7 }, "the same weekday")
        }
        #expect(MonitoringSnapshotBuilder.isDueForFullRead(uscc: Self.uscc, on: Self.day, cycle: 1), "a cycle of one day reads every day")
    }
}
