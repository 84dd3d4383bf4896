import Domain
import Foundation
import Testing

/// The marketplace's size limits are versioned data: the shipped file holds what the platform applied before, and a
/// new version changes demands and quota caps from its effective day only, so an earlier decision replays as made.
@Suite struct MarketRulesTests {
    @Test func theShippedRulesAreTheLimitsThePlatformApplied() throws {
        let rules = try MarketRules.bundled()
        let v1 = try rules.required(on: Day(iso: "2026-12-06")!)
        #expect(v1 == MarketRules.firstShipped.withUnconfirmed(v1.unconfirmed))
        #expect(v1.demandMaximumCents(scale: "微型") == 10_000_000 * 100)
        #expect(v1.demandMaximumCents(scale: nil) == 50_000_000 * 100, "an unknown size is held to a small firm's")
        #expect(v1.quotaCapCents(scale: "中型") == 20_000_000 * 100 && v1.quotaCapCents(scale: "大型") == nil)
        #expect(throws: DomainError.self) { try rules.required(on: Day(iso: "2019-12-31")!) }
    }

    @Test func aNewVersionAppliesFromItsDayAndEarlierDecisionsKeepTheirs() throws {
        var v2 = MarketRules.firstShipped
        v2.version = 2
        v2.effectiveFrom = "2027-01-01"
        v2.quotaCapYuan["微型"] = 2_000_000
        v2.demandMaximumYuan["微型"] = 20_000_000
        let rules = MarketRules(name: "测试", source: "测试", versions: [MarketRules.firstShipped, v2])
        let before = try rules.required(on: Day(iso: "2026-12-31")!), after = try rules.required(on: Day(iso: "2027-01-01")!)
        #expect(before.version == 1 && after.version == 2)

        // A micro firm's ¥15,000,000 demand: refused under version 1, accepted under version 2.
        #expect(throws: DomainError.self) {
            try DemandLimits.check(amountCents: 15_000_000 * 100, termMonths: 12, scale: "微型", rules: before)
        }
        try DemandLimits.check(amountCents: 15_000_000 * 100, termMonths: 12, scale: "微型", rules: after)

        // The same micro firm's quota on a ¥5,000,000 product: ¥1,000,000 before, ¥2,000,000 after.
        let range = AmountRange(minYuan: 100_000, maxYuan: 5_000_000)
        func facts(_ version: MarketRules.Version) -> FirmFacts {
            FirmFacts(uscc: "91210202MA0000001J", name: "甲", grade: "A", score: 900, industryCode: "C", districtCode: "210202",
                      established: Day(iso: "2015-01-01")!, scale: "微型", quotaCapCents: .some(version.quotaCapCents(scale: "微型")))
        }
        #expect(QuotaEstimate.amount(range, score: 900, cap: facts(before).quotaCapCents) == 1_000_000 * 100)
        #expect(QuotaEstimate.amount(range, score: 900, cap: facts(after).quotaCapCents) == 2_000_000 * 100)
        // Facts written before the rules were data (no cap recorded) replay under the first version.
        let old = Data(#"{"uscc":"91210202MA0000001J","name":"甲","grade":"A","score":900,"industryCode":"C","districtCode":"210202","established":"2015-01-01","isDishonest":false,"hasOverdueLoans":false,"scale":"微型"}"#.utf8)
        #expect(try JSONDecoder().decode(FirmFacts.self, from: old).quotaCapCents == 1_000_000 * 100)
        let uncapped = try JSONDecoder().decode(FirmFacts.self, from: try JSONEncoder().encode(
            FirmFacts(uscc: "x", name: "x", grade: "A", score: 1, industryCode: "C", districtCode: "1", established: Day(iso: "2015-01-01")!,
                      scale: "微型", quotaCapCents: .some(nil))))
        #expect(uncapped.quotaCapCents == nil, "a firm the rules in force did not cap stays uncapped")
    }

    @Test func aMalformedFileIsRefusedInChinese() {
        #expect(throws: DomainError.self) {
            try MarketRules.decode(Data(#"{"name":"x","source":"x","versions":[{"version":1,"effectiveFrom":"2020-01","demandMaximumYuan":{"小型":1},"demandMaximumTermMonths":12,"quotaCapYuan":{},"unconfirmed":[]}]}"#.utf8))
        }
        #expect(throws: DomainError.self) {
            try MarketRules.decode(Data(#"{"name":"x","source":"x","versions":[{"version":1,"effectiveFrom":"2020-01-01","demandMaximumYuan":{"微型":1},"demandMaximumTermMonths":12,"quotaCapYuan":{},"unconfirmed":[]}]}"#.utf8))
        }
    }
}
