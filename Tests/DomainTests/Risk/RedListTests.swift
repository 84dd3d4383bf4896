import Foundation
import Testing
@testable import Domain

/// The red-list evaluation (issue 12 §4): tax grade A, a top evaluation grade, a clean repayment history on
/// the platform for N months, no blocking listing; each failing criterion a reason in Chinese.
@Suite struct RedListTests {
    let rules: RedListRules
    let day = Day(year: 2026, month: 4, day: 10)
    let months: Int
    init() throws {
        rules = try RedListRules.bundled()
        months = try #require(rules.inForce(on: day)).cleanRepaymentMonths
    }

    func facts(tax: String? = "A", grade: String? = "A+", firstLoan: Day? = Day(year: 2024, month: 1, day: 5),
               lastOverdue: Day? = nil, blocking: [ListEffects.Reason] = []) -> RedListFacts {
        RedListFacts(uscc: "91210202MA0000001J", name: "大连示例贸易有限公司", taxGrade: tax, evaluationGrade: grade,
                     firstPlatformLoanOn: firstLoan, lastOverdueOn: lastOverdue, blocking: blocking)
    }

    func codes(_ f: RedListFacts, on day: Day? = nil, rules: RedListRules? = nil) -> [String] {
        RedList.evaluate(f, on: day ?? self.day, rules: rules ?? self.rules)?.reasons.map(\.code) ?? ["no_rules"]
    }

    @Test func theBundledRulesAreTwelveMonthsAndMarkUnconfirmedDefaults() throws {
        let v = try #require(rules.inForce(on: day))
        #expect(v.taxGrades == ["A"] && v.evaluationGrades == ["A+", "A"] && months == 12)
        #expect(Set(v.unconfirmed).isSuperset(of: ["cleanRepaymentMonths", "publicity", "validityMonths"]))
        #expect(rules.source.contains("RISK.md §4") && rules.source.contains("UNCONFIRMED"))
    }

    @Test func aGoodFirmIsEligible() throws {
        let result = try #require(RedList.evaluate(facts(), on: day, rules: rules))
        #expect(result.eligible && result.version == 1)
    }

    @Test func onlyTheListedTaxAndEvaluationGradesQualify() {
        #expect(codes(facts(tax: "B")) == ["tax_grade"])
        #expect(codes(facts(tax: nil)) == ["tax_grade"])
        #expect(codes(facts(grade: "A")) == [])
        #expect(codes(facts(grade: "B")) == ["evaluation_grade"])
        #expect(RedList.evaluate(facts(grade: "B"), on: day, rules: rules)?.reasons.first?.text == "信用评价等级为 B，须为 A+、A")
    }

    @Test func theHistoryMustCoverNWholeMonths() {
        let start = LoanCalendar.adding(months: -months, to: day)
        #expect(start == Day(year: 2025, month: 4, day: 10))
        #expect(codes(facts(firstLoan: start)) == [])
        #expect(codes(facts(firstLoan: start.adding(days: 1))) == ["short_history"])
        #expect(codes(facts(firstLoan: nil)) == ["no_history"])
    }

    @Test func anOverdueWithinTheLastNMonthsFailsButOneBeforeDoesNot() {
        let start = Day(year: 2025, month: 4, day: 10)
        #expect(codes(facts(lastOverdue: start)) == [])
        #expect(codes(facts(lastOverdue: start.adding(days: 1))) == ["recent_overdue"])
        #expect(codes(facts(lastOverdue: day)) == ["recent_overdue"])
    }

    @Test func aBlockingListingFailsOncePerListing() throws {
        let rules = try ListRules.bundled()
        let entry = try ListFixtures.listed(rules: rules)
        let blocking = try ListEffects.blocking([entry], on: day, catalogue: try MeasuresCatalogue.bundled(), rules: rules)
        #expect(!blocking.isEmpty)
        #expect(codes(facts(blocking: blocking + blocking)) == ["listed"])
        #expect(RedList.evaluate(facts(blocking: blocking), on: day, rules: self.rules)?.reasons.first?.text
                == "被列入涉金融严重失信人名单，不得列入守信激励名单")
    }

    @Test func anEvaluationIsReplayedUnderTheVersionOfItsDay() throws {
        let v2 = #"{"version":2,"effectiveFrom":"2026-07-01","taxGrades":["A"],"evaluationGrades":["A+"],"cleanRepaymentMonths":24,"publicity":{"days":5,"counting":"working"},"objectionAnswer":{"days":5,"counting":"working"},"validityMonths":24,"unconfirmed":[]}"#
        let data = try JSONSerialization.data(withJSONObject: [
            "name": rules.name, "source": rules.source,
            "versions": [try JSONSerialization.jsonObject(with: JSONEncoder().encode(rules.versions[0])),
                         try JSONSerialization.jsonObject(with: Data(v2.utf8))],
        ])
        let versioned = try RedListRules.decode(data)
        let f = facts(grade: "A", firstLoan: Day(year: 2025, month: 1, day: 1))
        #expect(codes(f, on: Day(year: 2026, month: 6, day: 30), rules: versioned) == [])
        #expect(codes(f, on: Day(year: 2026, month: 7, day: 1), rules: versioned) == ["evaluation_grade", "short_history"])
        #expect(codes(f, on: Day(year: 2016, month: 7, day: 11), rules: versioned) == ["no_rules"])
    }

    @Test func malformedRulesAreRefused() throws {
        let good = String(decoding: try JSONEncoder().encode(rules), as: UTF8.self)
        #expect(throws: Never.self) { try RedListRules.decode(Data(good.utf8)) }
        for (from, to) in [("\"validityMonths\":12", "\"validityMonths\":0"), ("\"taxGrades\":[\"A\"]", "\"taxGrades\":[]"),
                           ("2016-07-12", "2016-07-32"), ("\"cleanRepaymentMonths\":12", "\"cleanRepaymentMonths\":-1")] {
            #expect(good.contains(from), "\(from)")
            #expect(throws: DomainError.self, "\(to)") { try RedListRules.decode(Data(good.replacingOccurrences(of: from, with: to).utf8)) }
        }
    }
}
