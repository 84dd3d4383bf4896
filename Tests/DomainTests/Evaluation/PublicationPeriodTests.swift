import Foundation
import Testing
@testable import Domain

@Suite("公共信用综合评价：行政处罚公示期")
struct PublicationPeriodTests {
    func day(_ text: String) -> Day { Day(iso: text) ?? Day(year: 1, month: 1, day: 1) }

    func periods() throws -> PublicationPeriods { PublicationPeriods(try EvaluationFixtures.model().penaltyRegimes) }

    @Test(arguments: [
        // 2026-04-01 regime: 轻微 not counted, 一般 1 year, 严重 3 years.
        ("轻微", "2026-04-01", "2026-04-01", false),
        ("一般", "2026-04-01", "2027-03-31", true),
        ("一般", "2026-04-01", "2027-04-01", false),
        ("严重", "2026-04-01", "2029-03-31", true),
        ("严重", "2026-04-01", "2029-04-01", false),
        // 2023-05-01 regime, decided the day before the new rules: 轻微 3 months.
        ("轻微", "2026-03-30", "2026-06-29", true),
        ("轻微", "2026-03-30", "2026-06-30", false),
        ("一般", "2023-05-01", "2024-04-30", true),
        ("一般", "2023-05-01", "2024-05-01", false),
        ("严重", "2023-05-01", "2026-04-30", true),
        ("严重", "2023-05-01", "2026-05-01", false),
        // 2019 regime: three years for 一般 too.
        ("一般", "2023-04-30", "2026-04-29", true),
        ("一般", "2023-04-30", "2026-04-30", false),
        ("轻微", "2023-04-30", "2023-07-29", true),
        ("轻微", "2023-04-30", "2023-07-30", false),
        // Not yet decided on the evaluation day; before any regime; unknown severity.
        ("严重", "2026-05-01", "2026-04-30", false),
        ("严重", "2019-06-30", "2019-07-01", false),
        ("特别严重", "2026-04-01", "2026-04-02", false),
    ])
    func penaltyCountsUntilItsPeriodEnds(severity: String, decided: String, asOf: String, counts: Bool) throws {
        #expect(try periods().counts(severity: severity, decided: day(decided), asOf: day(asOf)) == counts)
    }

    @Test func regimeIsChosenByDecisionDate() throws {
        let p = try periods()
        #expect(p.regime(on: day("2026-03-31"))?.from == "2023-05-01")
        #expect(p.regime(on: day("2026-04-01"))?.from == "2026-04-01")
        #expect(p.regime(on: day("2023-04-30"))?.from == "2019-07-01")
        #expect(p.regime(on: day("2019-06-30")) == nil)
    }

    @Test func evaluatorDropsPenaltyOnTheDayItsPeriodEnds() throws {
        let model = try EvaluationFixtures.model()
        let records = [EvaluationFixtures.record("admin.penalty", "p", date: "2026-04-01",
                                                 ["decision_no": "大市监罚〔2026〕30号", "decided_on": "2026-04-01",
                                                  "authority": "大连市市场监督管理局", "severity": "一般"])]
        let last = Evaluator.evaluate(uscc: EvaluationFixtures.uscc, records: records, asOf: day("2027-03-31"), model: model)
        let after = Evaluator.evaluate(uscc: EvaluationFixtures.uscc, records: records, asOf: day("2027-04-01"), model: model)
        #expect(last.explanation.map(\.points) == [-20])
        #expect(last.explanation.first?.text == "2026年4月受到一般行政处罚1次（大市监罚〔2026〕30号），扣20分")
        #expect(after.explanation.isEmpty)
    }
}
