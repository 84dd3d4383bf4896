import Foundation
import Testing
@testable import Domain

/// The incentives a red-list firm gets from a product (issue 12 §4): the published measures, the rate cut in
/// whole basis points, the amount raise rounded down to the cent and capped, and the Chinese line the quota
/// estimate and the application show.
@Suite struct IncentiveOfferTests {
    let catalogue: MeasuresCatalogue
    let entry: RedListEntry
    let day = Day(year: 2026, month: 5, day: 1)
    init() throws {
        catalogue = try MeasuresCatalogue.bundled()
        let rules = try RedListRules.bundled()
        let facts = RedListFacts(uscc: "91210202MA0000001J", name: "大连示例贸易有限公司", taxGrade: "A", evaluationGrade: "A",
                                 firstPlatformLoanOn: Day(year: 2024, month: 1, day: 5))
        entry = try RedListEntry.propose(facts, on: Day(year: 2026, month: 4, day: 10), rules: rules)
            .applying(.startPublicity, on: Day(year: 2026, month: 4, day: 10), rules: rules)
            .applying(.activate, on: Day(year: 2026, month: 4, day: 20), rules: rules)
    }

    @Test func aRateCutIsInWholeBasisPointsAndShownInTheLine() throws {
        let offer = IncentiveOffer.make(entry: entry, on: day, preference: RedListPreference(rateCutBasisPoints: 50),
                                        rate: .benchmark, amount: Cents(yuan: 100_000), catalogue: catalogue)
        #expect(offer.adjustedRate == AnnualRate(basisPoints: 385) && offer.adjustedAmount == Cents(yuan: 100_000))
        #expect(offer.measures.map(\.effects) == [[.greenChannel], [.acceptWithMissingDocuments], [.ratePreference]])
        #expect(offer.text == "适用守信激励：绿色通道、容缺受理、贷款利率优惠 50 个基点（4.35% → 3.85%）")
    }

    @Test func aRateCutNeverGoesBelowZero() {
        let offer = IncentiveOffer.make(entry: entry, on: day, preference: RedListPreference(rateCutBasisPoints: 500),
                                        rate: AnnualRate(basisPoints: 300), amount: 1, catalogue: catalogue)
        #expect(offer.adjustedRate == AnnualRate(basisPoints: 0))
    }

    @Test func anAmountRaiseIsRoundedDownToTheCent() {
        // 333.33 yuan × 110 % = 366.663 yuan → 366.66; 0.09 yuan × 105 % = 0.0945 → 0.09.
        #expect(IncentiveOffer.raised(Cents(33_333), byPercent: 10) == Cents(36_666))
        #expect(IncentiveOffer.raised(Cents(9), byPercent: 5) == Cents(9))
        #expect(IncentiveOffer.raised(Cents(19_999), byPercent: 50) == Cents(29_998), "29,998.5 cents rounds down")
        #expect(IncentiveOffer.raised(Cents(yuan: 100_000), byPercent: 20) == Cents(yuan: 120_000))
    }

    @Test func anAmountRaiseIsCappedAtTheProductsMaximum() {
        let offer = IncentiveOffer.make(entry: entry, on: day, preference: RedListPreference(amountRaisePercent: 20),
                                        rate: .benchmark, amount: Cents(yuan: 900_000), maximumAmount: Cents(yuan: 1_000_000),
                                        catalogue: catalogue)
        #expect(offer.adjustedAmount == Cents(yuan: 1_000_000) && offer.adjustedRate == .benchmark)
        #expect(offer.text == "适用守信激励：绿色通道、容缺受理、授信额度优惠 20%（¥900,000.00 → ¥1,000,000.00）")
    }

    @Test func withoutAValidEntryNothingApplies() throws {
        let preference = RedListPreference(rateCutBasisPoints: 50, amountRaisePercent: 10)
        for (e, d) in [(nil, day), (entry, Day(year: 2026, month: 4, day: 19)), (entry, Day(year: 2027, month: 4, day: 20))] as [(RedListEntry?, Day)] {
            let offer = IncentiveOffer.make(entry: e, on: d, preference: preference, rate: .benchmark,
                                            amount: Cents(yuan: 100_000), catalogue: catalogue)
            #expect(!offer.applies && offer.text == nil && offer.adjustedRate == .benchmark && offer.adjustedAmount == Cents(yuan: 100_000))
        }
        let lastDay = IncentiveOffer.make(entry: entry, on: Day(year: 2027, month: 4, day: 19), preference: preference,
                                          rate: .benchmark, amount: Cents(yuan: 100_000), catalogue: catalogue)
        #expect(lastDay.applies && lastDay.adjustedAmount == Cents(yuan: 110_000) && lastDay.adjustedRate == AnnualRate(basisPoints: 385))
    }

    @Test func anUnpublishedIncentiveMeasureDoesNotApply() throws {
        var c = catalogue
        let i = try #require(c.measures.firstIndex { $0.effects == [.ratePreference] })
        c.measures[i].publishedOn = "2026-05-02"
        let before = IncentiveOffer.make(entry: entry, on: day, preference: RedListPreference(rateCutBasisPoints: 50),
                                         rate: .benchmark, amount: 1, catalogue: c)
        #expect(before.adjustedRate == .benchmark && before.text == "适用守信激励：绿色通道、容缺受理")
        let on = IncentiveOffer.make(entry: entry, on: day.adding(days: 1), preference: RedListPreference(rateCutBasisPoints: 50),
                                     rate: .benchmark, amount: 1, catalogue: c)
        #expect(on.adjustedRate == AnnualRate(basisPoints: 385))
    }

    @Test func aDeclaredPreferenceIsChecked() {
        #expect(throws: Never.self) { try RedListPreference(rateCutBasisPoints: 1, amountRaisePercent: 100).validate() }
        #expect(throws: DomainError.self) { try RedListPreference(rateCutBasisPoints: 0).validate() }
        #expect(throws: DomainError.self) { try RedListPreference(amountRaisePercent: 101).validate() }
        #expect(RedListPreference().isEmpty)
    }
}
