import Testing
@testable import Domain

/// Post-loan monitoring (issue 12, §2): a lender's report crossing the overdue threshold, or moving the loan to a
/// worse five-tier class. The detector only reads the class; it never sets one.
@Suite struct LenderSignalTests {
    let rules: WarningRules
    init() throws { rules = try WarningFixtures.rules { $0.overdueDaysAtLeast = 31 } }

    func detect(before: [MonitoringSnapshot.LenderReport] = [.init(lender: "大连银行")],
                after: [MonitoringSnapshot.LenderReport]) -> [MonitoringSignal] {
        WarningFixtures.detect(rules, before: WarningFixtures.snapshot { $0.lenderReports = before }) { $0.lenderReports = after }
    }

    @Test func anOverdueReportCountsFromTheThreshold() throws {
        #expect(detect(after: [.init(lender: "大连银行", overdueDays: 30)]).isEmpty)
        let signal = try #require(detect(after: [.init(lender: "大连银行", overdueDays: 31)]).first)
        #expect(signal.code == .lenderOverdue && signal.text == "大连银行报告贷款逾期 31 天")
        #expect(signal.facts == .lenderOverdue(lender: "大连银行", days: 31))
    }

    @Test func onlyCrossingTheThresholdIsASignal() {
        #expect(detect(before: [.init(lender: "大连银行", overdueDays: 30)], after: [.init(lender: "大连银行", overdueDays: 31)]).count == 1)
        #expect(detect(before: [.init(lender: "大连银行", overdueDays: 40)], after: [.init(lender: "大连银行", overdueDays: 45)]).isEmpty,
                "still overdue is the same matter")
        #expect(detect(before: [], after: [.init(lender: "兴业银行大连分行", overdueDays: 31)]).map(\.facts)
            == [.lenderOverdue(lender: "兴业银行大连分行", days: 31)], "a lender not seen before")
        #expect(detect(after: [.init(lender: "大连银行"), .init(lender: "大连农商银行", overdueDays: 60)]).map(\.text)
            == ["大连农商银行报告贷款逾期 60 天"])
    }

    @Test func aDowngradeIsASignalAndAnUpgradeOrTheSameClassIsNot() throws {
        let signal = try #require(detect(after: [.init(lender: "大连银行", classification: .specialMention)]).first)
        #expect(signal.code == .classificationDowngrade && signal.text == "大连银行将贷款分类由正常下调为关注")
        #expect(signal.facts == .classification(lender: "大连银行", before: .normal, after: .specialMention))
        let watched = [MonitoringSnapshot.LenderReport(lender: "大连银行", classification: .specialMention)]
        #expect(detect(before: watched, after: watched).isEmpty)
        #expect(detect(before: watched, after: [.init(lender: "大连银行", classification: .normal)]).isEmpty)
        #expect(detect(before: watched, after: [.init(lender: "大连银行", classification: .loss)]).map(\.text)
            == ["大连银行将贷款分类由关注下调为损失"])
        #expect(detect(before: [], after: [.init(lender: "大连银行", classification: .substandard)]).map(\.facts)
            == [.classification(lender: "大连银行", before: .normal, after: .substandard)], "a first report below 正常")
    }

    @Test func severalRowsOfOneLenderCountAsItsWorst() {
        let signals = detect(after: [.init(lender: "大连银行", overdueDays: 10, classification: .substandard),
                                     .init(lender: "大连银行 ", overdueDays: 35, classification: .specialMention)])
        #expect(signals.map(\.facts) == [.lenderOverdue(lender: "大连银行", days: 35),
                                         .classification(lender: "大连银行", before: .normal, after: .substandard)])
    }

    @Test func theThresholdIsConfigurable() throws {
        let ninety = try WarningFixtures.rules { $0.overdueDaysAtLeast = 90 }
        let before = WarningFixtures.snapshot()
        #expect(WarningFixtures.detect(ninety, before: before) { $0.lenderReports = [.init(lender: "大连银行", overdueDays: 89)] }.isEmpty)
        #expect(WarningFixtures.detect(ninety, before: before) { $0.lenderReports = [.init(lender: "大连银行", overdueDays: 90)] }.count == 1)
    }
}
