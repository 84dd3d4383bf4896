import Foundation
import Testing
@testable import Domain

/// The disclosure limit (RISK.md §3.3): 5 years from the end of the act, the last day being the same calendar
/// day five years on, extended while the party is still listed (Zhejiang) unless the version says otherwise
/// (Shandong). After it the entry is no basis for any measure.
@Suite struct ListingDisclosureTests {
    let rules: ListRules
    /// The same rules without the extension while listed.
    let strict: ListRules
    init() throws {
        rules = try ListRules.bundled()
        var s = rules
        s.versions[0].disclosureExtendedWhileListed = false
        strict = s
    }

    /// Act ended 10 March 2020; proposed and noticed 1 April, listed 15 April, published 16 April 2020.
    func entry() throws -> ListingEntry {
        try ListFixtures.listed(noticed: ListFixtures.day("2020-04-01"), listed: ListFixtures.day("2020-04-15"),
                                published: ListFixtures.day("2020-04-16"), actEnded: ListFixtures.day("2020-03-10"), rules: rules)
    }

    @Test func theLimitEndsFiveYearsAfterTheActOnTheSameCalendarDay() throws {
        let e = try entry()
        #expect(try e.nominalDisclosureEnd(rules: rules) == ListFixtures.day("2025-03-10"))
        #expect(try e.disclosureEnds(rules: strict) == ListFixtures.day("2025-03-10"))
        #expect(try e.isBasisForMeasures(on: ListFixtures.day("2025-03-09"), rules: strict))
        #expect(try e.isBasisForMeasures(on: ListFixtures.day("2025-03-10"), rules: strict))
        #expect(try !e.isBasisForMeasures(on: ListFixtures.day("2025-03-11"), rules: strict))
        #expect(try e.whyNoBasis(on: ListFixtures.day("2025-03-11"), rules: strict) == "失信信息公开期限已于 2025-03-10 届满，不再作为惩戒依据")
    }

    @Test func whileStillListedTheDisclosureRunsOnUnderTheExtension() throws {
        let e = try entry()
        #expect(try e.disclosureEnds(rules: rules) == nil)
        #expect(try e.isBasisForMeasures(on: ListFixtures.day("2027-01-01"), rules: rules))
        let removed = try e.applying(.remove(reason: "处罚决定已履行完毕"), on: ListFixtures.day("2026-01-01"), rules: rules)
        #expect(try removed.disclosureEnds(rules: rules) == ListFixtures.day("2025-12-31"), "through the last day on the list")
        #expect(try removed.isDisclosed(on: ListFixtures.day("2025-12-31"), rules: rules))
        #expect(try !removed.isDisclosed(on: ListFixtures.day("2026-01-01"), rules: rules))
    }

    @Test func anEarlyRemovalEndsTheMeasuresButNotTheDisclosure() throws {
        let removed = try entry().applying(.remove(reason: "信用修复完成"), on: ListFixtures.day("2021-06-01"), rules: rules)
        #expect(try removed.disclosureEnds(rules: rules) == ListFixtures.day("2025-03-10"))
        #expect(try removed.isDisclosed(on: ListFixtures.day("2024-01-01"), rules: rules))
        #expect(try removed.isBasisForMeasures(on: ListFixtures.day("2021-05-31"), rules: rules))
        #expect(try removed.whyNoBasis(on: ListFixtures.day("2021-06-01"), rules: rules)
                == "已于 2021-06-01 移出涉金融严重失信人名单，不再作为惩戒依据")
    }

    @Test func aContinuingActCountsFromTheRemovalDay() throws {
        let continuing = try ListFixtures.listed(noticed: ListFixtures.day("2020-04-01"), listed: ListFixtures.day("2020-04-15"),
                                                 published: nil, actEnded: nil, rules: rules)
        #expect(try continuing.nominalDisclosureEnd(rules: strict) == nil)
        #expect(try continuing.isBasisForMeasures(on: ListFixtures.day("2030-01-01"), rules: strict), "no end while the act continues")
        let removed = try continuing.applying(.remove(reason: "已履行义务"), on: ListFixtures.day("2024-05-20"), rules: rules)
        #expect(try removed.disclosureEnds(rules: rules) == ListFixtures.day("2029-05-20"))
    }

    @Test func aLeapDayActEndsOnTheLastDayOfFebruary() throws {
        let e = try ListFixtures.listed(noticed: ListFixtures.day("2020-03-02"), listed: ListFixtures.day("2020-03-10"),
                                        actEnded: ListFixtures.day("2020-02-29"), rules: rules)
        #expect(try e.disclosureEnds(rules: strict) == ListFixtures.day("2025-02-28"))
    }

    @Test func notYetListedIsNoBasis() throws {
        let e = try entry()
        #expect(try e.whyNoBasis(on: ListFixtures.day("2020-04-14"), rules: rules) == "2020-04-14 尚未列入涉金融严重失信人名单（列入日期 2020-04-15）")
        let proposed = try ListFixtures.proposed()
        #expect(try proposed.whyNoBasis(on: ListFixtures.day("2026-06-01"), rules: rules) == "尚未列入涉金融严重失信人名单（当前状态：拟列入）")
    }
}
