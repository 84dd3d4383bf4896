import Foundation
import Testing
@testable import Domain

/// "Is applying for a loan blocked for this firm today, and by which measure and listing?" (issue 12 §3):
/// every effect traced to a published measure and a listing that is a basis that day.
@Suite struct ListEffectsTests {
    let rules: ListRules
    let catalogue: MeasuresCatalogue
    let entry: ListingEntry
    init() throws {
        rules = try ListRules.bundled()
        catalogue = try MeasuresCatalogue.bundled()
        entry = try ListFixtures.listed(rules: rules) // listed 2026-03-10
    }

    @Test func aListedFirmIsBlockedWithTheMeasureAndTheListingNamed() throws {
        let reasons = try ListEffects.blocking([entry], on: ListFixtures.day("2026-03-10"), catalogue: catalogue, rules: rules)
        let block = try #require(catalogue.measures.first { $0.effects.contains(.blockNewApplications) })
        #expect(reasons.map(\.measureCode) == [block.code] && reasons.map(\.listingID) == ["L-1"])
        let text = try #require(reasons.first?.text)
        #expect(text.contains("涉金融严重失信人名单") && text.contains("大金罚〔2026〕3号") && text.contains(block.title))
        #expect(text.hasSuffix("：限制新增融资申请"))
    }

    @Test func nothingIsBlockedBeforeTheListingOrFromTheRemovalDay() throws {
        #expect(try ListEffects.blocking([entry], on: ListFixtures.day("2026-03-09"), catalogue: catalogue, rules: rules).isEmpty)
        let removed = try entry.applying(.remove(reason: "处罚决定已履行完毕"), on: ListFixtures.day("2026-06-01"), rules: rules)
        #expect(try !ListEffects.blocking([removed], on: ListFixtures.day("2026-05-31"), catalogue: catalogue, rules: rules).isEmpty)
        #expect(try ListEffects.blocking([removed], on: ListFixtures.day("2026-06-01"), catalogue: catalogue, rules: rules).isEmpty)
        #expect(try ListEffects.blocking([], on: ListFixtures.day("2026-06-01"), catalogue: catalogue, rules: rules).isEmpty)
    }

    @Test func anEffectWhoseMeasureIsUnpublishedDoesNotApplyWhileTheOthersDo() throws {
        var c = catalogue
        let i = try #require(c.measures.firstIndex { $0.effects.contains(.blockNewApplications) })
        c.measures[i].publishedOn = "2026-04-01"
        let day = ListFixtures.day("2026-03-20")
        #expect(try ListEffects.blocking([entry], on: day, catalogue: c, rules: rules).isEmpty)
        #expect(try ListEffects.reasons(for: .blockRecommendationList, listings: [entry], on: day, catalogue: c, rules: rules).count == 1)
        #expect(try ListEffects.blocking([entry], on: ListFixtures.day("2026-04-01"), catalogue: c, rules: rules).count == 1)
    }

    @Test func allPunitiveEffectsAreListedAndEachListingCounts() throws {
        let court = try ListingEntry.external(
            id: "C-1", kind: .dishonestJudgmentDebtor, scope: .national, parties: [SanctionedParty(role: .subject, name: "张三", identifier: "210202198001011234")],
            authority: "大连市中级人民法院", basisDocumentNumber: "（2025）辽02执123号", reason: "有履行能力而拒不履行",
            actEndedOn: nil, removalConditions: "", listedOn: ListFixtures.day("2025-06-01"))
        let effects = try ListEffects.all([entry, court], on: ListFixtures.day("2026-03-20"), catalogue: catalogue, rules: rules)
        #expect(Set(effects.keys) == [.blockNewApplications, .blockRecommendationList, .flagInReports, .alertLenders])
        let blocking = try #require(effects[.blockNewApplications])
        #expect(blocking.map(\.listingID) == ["L-1", "C-1"] && blocking.map(\.listKind) == [.financialSeriousDishonest, .dishonestJudgmentDebtor])
        #expect(blocking[1].text.hasPrefix("张三被列入失信被执行人名单"))
    }

    @Test func aListingNoRulesVersionCanJudgeIsAnErrorNotSilentlyIgnored() throws {
        let ancient = try ListingEntry.external(
            id: "C-0", kind: .dishonestJudgmentDebtor, scope: .national, parties: [ListFixtures.firm], authority: "法院",
            basisDocumentNumber: "（2015）执1号", reason: "拒不履行", actEndedOn: nil, removalConditions: "",
            listedOn: ListFixtures.day("2015-01-05"))
        #expect(throws: DomainError.self) {
            try ListEffects.blocking([ancient], on: ListFixtures.day("2026-03-20"), catalogue: catalogue, rules: rules)
        }
    }
}
