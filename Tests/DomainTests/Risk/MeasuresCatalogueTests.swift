import Foundation
import Testing
@testable import Domain

/// The measures catalogue (RISK.md §3.4): "未经公布的惩戒措施不得采取", a measure only for the lists it names,
/// and never on an entry that is no basis that day.
@Suite struct MeasuresCatalogueTests {
    let rules: ListRules
    let catalogue: MeasuresCatalogue
    let entry: ListingEntry
    let day = Day(year: 2026, month: 3, day: 16)
    init() throws {
        rules = try ListRules.bundled()
        catalogue = try MeasuresCatalogue.bundled()
        entry = try ListFixtures.listed(rules: rules)
    }

    func block() throws -> Measure { try #require(catalogue.measures.first { $0.effects == [.blockNewApplications] }) }

    /// The catalogue with the blocking measure published on `published` (nil: not published).
    func catalogue(blockPublishedOn published: String?) throws -> MeasuresCatalogue {
        var c = catalogue
        let i = try #require(c.measures.firstIndex { $0.effects == [.blockNewApplications] })
        c.measures[i].publishedOn = published
        return c
    }

    @Test func theBundledCatalogueHasEachEffectWithABasisAndItsSources() {
        #expect(Set(catalogue.measures.flatMap(\.effects)) == Set(MeasureEffect.allCases))
        #expect(catalogue.measures.allSatisfy { !$0.legalBasis.isEmpty && $0.publishedDay != nil })
        #expect(catalogue.source.contains("RISK.md §3.4") && catalogue.source.contains("未经公布的惩戒措施不得采取"))
        let punitive = catalogue.measures.filter { $0.kind == .punishment }
        #expect(punitive.allSatisfy { m in ListKind.allCases.allSatisfy { m.applies(to: $0.rawValue) } })
    }

    @Test func aMeasureAppliesFromItsPublicationDayNotBefore() throws {
        let c = try catalogue(blockPublishedOn: "2026-03-16")
        let measure = try #require(c.measure(try block().code))
        let applied = try c.apply(measure, to: entry, on: day, rules: rules)
        #expect(applied.text.contains("大连示例贸易有限公司被列入涉金融严重失信人名单") && applied.text.contains(measure.title))
        #expect(throws: DomainError.conflict("未经公布的惩戒措施不得采取：\(measure.title)（公布日期 2026-03-16）")) {
            try c.apply(measure, to: entry, on: day.adding(days: -1), rules: rules)
        }
    }

    @Test func anUnpublishedOrUnknownMeasureIsRefused() throws {
        let c = try catalogue(blockPublishedOn: nil)
        let draft = try #require(c.measure(try block().code))
        #expect(throws: DomainError.conflict("未经公布的惩戒措施不得采取：\(draft.title)（尚未公布）")) {
            try c.apply(draft, to: entry, on: day, rules: rules)
        }
        let invented = Measure(code: "X99", name: "提高贷款利率", kind: .punishment, legalBasis: "无", publishedOn: "2020-01-01",
                               appliesTo: [ListKind.financialSeriousDishonest.rawValue], effects: [.blockNewApplications])
        #expect(throws: DomainError.self) { try catalogue.apply(invented, to: entry, on: day, rules: rules) }
    }

    @Test func incentivesAndMeasuresForOtherListsAreRefused() throws {
        let green = try #require(catalogue.measures.first { $0.effects == [.greenChannel] })
        #expect(throws: DomainError.conflict("\(green.title)是激励措施，不能用于失信名单")) {
            try catalogue.apply(green, to: entry, on: day, rules: rules)
        }
        var c = catalogue
        let i = try #require(c.measures.firstIndex { $0.effects == [.blockNewApplications] })
        c.measures[i].appliesTo = [ListKind.dishonestJudgmentDebtor.rawValue]
        #expect(throws: DomainError.conflict("\(c.measures[i].title)不适用于涉金融严重失信人名单")) {
            try c.apply(c.measures[i], to: entry, on: day, rules: rules)
        }
    }

    @Test func noMeasureAfterTheDisclosureLimitOrAfterRemoval() throws {
        var strict = rules
        strict.versions[0].disclosureExtendedWhileListed = false
        // Act ended 10 March 2021: disclosed through 10 March 2026.
        let old = try ListFixtures.listed(noticed: ListFixtures.day("2021-04-01"), listed: ListFixtures.day("2021-04-09"),
                                          actEnded: ListFixtures.day("2021-03-10"), rules: strict)
        let measure = try block()
        #expect(throws: Never.self) { try catalogue.apply(measure, to: old, on: ListFixtures.day("2026-03-10"), rules: strict) }
        #expect(throws: DomainError.conflict("不能采取\(measure.title)：失信信息公开期限已于 2026-03-10 届满，不再作为惩戒依据")) {
            try catalogue.apply(measure, to: old, on: ListFixtures.day("2026-03-11"), rules: strict)
        }
        let removed = try entry.applying(.remove(reason: "处罚决定已履行完毕"), on: day, rules: rules)
        #expect(throws: DomainError.self) { try catalogue.apply(measure, to: removed, on: day, rules: rules) }
    }

    @Test func aMalformedCatalogueIsRefusedWhenLoaded() {
        let good = #"{"name":"x","source":"y","measures":[{"code":"P01","name":"限制","kind":"punishment","legalBasis":"依据","publishedOn":"2026-01-01","appliesTo":["涉金融严重失信"],"effects":["block_new_applications"]}]}"#
        #expect(throws: Never.self) { try MeasuresCatalogue.decode(Data(good.utf8)) }
        let mixed = good.replacingOccurrences(of: "\"block_new_applications\"", with: "\"block_new_applications\",\"green_channel\"")
        #expect(throws: DomainError.invalidCatalog(entry: "credit-measures.json", reason: "措施“P01”是惩戒措施，不能有激励效果“绿色通道”")) {
            try MeasuresCatalogue.decode(Data(mixed.utf8))
        }
        for (from, to) in [("2026-01-01", "2026-1-1"), ("\"依据\"", "\" \""), ("[\"涉金融严重失信\"]", "[]"),
                           ("\"effects\":[\"block_new_applications\"]", "\"effects\":[]"), ("punishment", "reward")] {
            #expect(throws: DomainError.self, "\(to)") { try MeasuresCatalogue.decode(Data(good.replacingOccurrences(of: from, with: to).utf8)) }
        }
        let twice = good.replacingOccurrences(of: "]}]}", with: "]},{\"code\":\"P01\",\"name\":\"n\",\"kind\":\"punishment\",\"legalBasis\":\"b\",\"publishedOn\":null,\"appliesTo\":[\"a\"],\"effects\":[\"flag_in_reports\"]}]}")
        #expect(throws: DomainError.invalidCatalog(entry: "credit-measures.json", reason: "措施“P01”编号重复")) {
            try MeasuresCatalogue.decode(Data(twice.utf8))
        }
    }
}
