import Foundation
import Testing
@testable import Domain

/// `list-rules.json` as versioned data: a listing is replayed under the version in force on its proposal day,
/// and a malformed version is refused when loaded.
@Suite struct ListRulesTests {
    static func json(_ secondVersion: String = "") -> String {
        let v1 = #"{"version":1,"effectiveFrom":"2017-03-09","curePeriod":{"days":10,"counting":"working"},"objectionWindow":{"days":5,"counting":"working"},"objectionAnswer":{"days":5,"counting":"working"},"listingDeadline":{"days":5,"counting":"working"},"disclosureYears":5,"disclosureExtendedWhileListed":false,"seriousDebtorCreditorTypes":["银行"],"seriousDebtorThreshold":100000000,"unconfirmed":[]}"#
        return #"{"name":"测试","source":"RISK.md §3","versions":["# + v1 + (secondVersion.isEmpty ? "" : "," + secondVersion) + "]}"
    }

    @Test func theBundledRulesLoadWithTheirSources() throws {
        let rules = try ListRules.bundled()
        let v = try #require(rules.inForce(on: Day(year: 2026, month: 1, day: 1)))
        #expect(v.disclosureYears == 5 && v.disclosureExtendedWhileListed)
        #expect(v.objectionAnswer == ProcedurePeriod(days: 5, counting: .working))
        #expect(v.listingDeadline == ProcedurePeriod(days: 5, counting: .working))
        #expect(Set(v.unconfirmed).isSuperset(of: ["curePeriod", "objectionWindow", "seriousDebtorThreshold"]))
        #expect(rules.inForce(on: Day(year: 2017, month: 3, day: 8)) == nil && rules.inForce(on: Day(year: 2017, month: 3, day: 9)) != nil)
    }

    @Test func aListingIsReplayedUnderTheDisclosureYearsOfItsProposalDay() throws {
        let three = #"{"version":2,"effectiveFrom":"2022-01-01","curePeriod":{"days":10,"counting":"working"},"objectionWindow":{"days":5,"counting":"working"},"objectionAnswer":{"days":5,"counting":"working"},"listingDeadline":{"days":5,"counting":"working"},"disclosureYears":3,"disclosureExtendedWhileListed":false,"seriousDebtorCreditorTypes":["银行"],"seriousDebtorThreshold":100000000,"unconfirmed":[]}"#
        let rules = try ListRules.decode(Data(Self.json(three).utf8))
        let older = try ListFixtures.listed(noticed: ListFixtures.day("2021-12-31"), listed: ListFixtures.day("2022-01-10"),
                                            actEnded: ListFixtures.day("2021-12-01"), rules: rules)
        let newer = try ListFixtures.listed(noticed: ListFixtures.day("2022-01-03"), listed: ListFixtures.day("2022-01-11"),
                                            actEnded: ListFixtures.day("2021-12-01"), rules: rules)
        #expect(try older.disclosureEnds(rules: rules) == ListFixtures.day("2026-12-01"))
        #expect(try newer.disclosureEnds(rules: rules) == ListFixtures.day("2024-12-01"))
        #expect(try newer.isBasisForMeasures(on: ListFixtures.day("2024-12-01"), rules: rules))
        #expect(try !newer.isBasisForMeasures(on: ListFixtures.day("2024-12-02"), rules: rules))
        #expect(try older.isBasisForMeasures(on: ListFixtures.day("2024-12-02"), rules: rules))
    }

    @Test func malformedVersionsAreRefused() {
        #expect(throws: Never.self) { try ListRules.decode(Data(Self.json().utf8)) }
        for (bad, good) in [("\"2017-03-09\"", "\"2017-02-30\""), ("\"disclosureYears\":5", "\"disclosureYears\":0"),
                            ("100000000", "-1"), ("[\"银行\"]", "[]"), ("\"days\":10", "\"days\":-1")] {
            let json = Self.json().replacingOccurrences(of: bad, with: good)
            #expect(throws: DomainError.self, "\(good)") { try ListRules.decode(Data(json.utf8)) }
        }
        let duplicate = Self.json(String(Self.json().split(separator: "[", maxSplits: 1)[1].dropLast(2)))
        #expect(throws: DomainError.invalidCatalog(entry: "list-rules.json", reason: "失信名单规则的版本号重复")) {
            try ListRules.decode(Data(duplicate.utf8))
        }
    }

    @Test func aDecisionIsListedWithinFiveWorkingDays() throws {
        let v = try #require(try ListRules.bundled().inForce(on: Day(year: 2026, month: 1, day: 1)))
        // Thursday 12 March 2026 → Thursday 19 March; with Monday 16 March a holiday → Friday 20 March.
        #expect(v.listingDue(afterDecisionOn: Day(year: 2026, month: 3, day: 12)) == Day(year: 2026, month: 3, day: 19))
        let holiday = WorkingDays(holidays: [Day(year: 2026, month: 3, day: 16)])
        #expect(v.listingDue(afterDecisionOn: Day(year: 2026, month: 3, day: 12), calendar: holiday) == Day(year: 2026, month: 3, day: 20))
    }

    @Test func aDayWithNoRulesInForceIsAnError() throws {
        let rules = try ListRules.bundled()
        #expect(throws: DomainError.invalidCatalog(entry: "list-rules.json", reason: "2016-12-31 没有生效的失信名单规则")) {
            try rules.required(on: Day(year: 2016, month: 12, day: 31))
        }
    }
}
