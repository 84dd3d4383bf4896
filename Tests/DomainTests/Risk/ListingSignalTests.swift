import Testing
@testable import Domain

/// Post-loan monitoring (issue 12, §2): signals from ids that appear — listings, lawsuits as defendant,
/// administrative penalties — and the change of legal representative.
@Suite struct ListingSignalTests {
    let rules: WarningRules
    init() throws { rules = try WarningFixtures.rules() }

    func detect(before: MonitoringSnapshot = WarningFixtures.snapshot(), _ edit: (inout MonitoringSnapshot) -> Void) -> [MonitoringSignal] {
        WarningFixtures.detect(rules, before: before, after: edit)
    }

    @Test func aQuietDayGivesNoSignal() throws {
        let result = try #require(SignalDetector.detect(before: WarningFixtures.snapshot(),
                                                        after: WarningFixtures.snapshot(on: WarningFixtures.day), rules: rules))
        #expect(result.signals.isEmpty && result.version == 1)
    }

    @Test func aNewDishonestDebtorListingIsASignalWithItsCaseNumber() throws {
        let signals = detect { $0.listings = [.init(id: "(2026)辽0202执1234号", kind: "失信被执行人")] }
        let signal = try #require(signals.first)
        #expect(signals.count == 1 && signal.code == .newDishonestDebtor)
        #expect(signal.text == "新增失信被执行人记录（案号 (2026)辽0202执1234号）")
        #expect(signal.facts == .listing(id: "(2026)辽0202执1234号", kind: "失信被执行人"))
        #expect(signal.detectedOn == WarningFixtures.day)
    }

    @Test(arguments: [
        ("失信被执行人", SignalCode.newDishonestDebtor), ("被执行人", .newJudgmentDebtor), ("限制高消费", .newConsumptionRestriction),
        ("经营异常", .newAbnormalOperation), ("严重违法失信", .newSeriousViolation), ("涉金融严重失信", .newFinancialDishonesty),
        ("重大税收违法失信主体", .newOtherListing),
    ])
    func eachListKindHasItsCode(kind: String, code: SignalCode) {
        #expect(detect { $0.listings = [.init(id: "L-1", kind: kind)] }.map(\.code) == [code])
    }

    @Test func anAbnormalOperationListingIsNamedAsTheList() {
        #expect(detect { $0.listings = [.init(id: "YC-2026-08", kind: "经营异常")] }.map(\.text) == ["新增经营异常名录记录（编号 YC-2026-08）"])
    }

    @Test func aListingAlreadyThereOrRemovedIsNoSignal() {
        let listed = WarningFixtures.snapshot { $0.listings = [.init(id: "A", kind: "被执行人")] }
        #expect(detect(before: listed) { $0.listings = [.init(id: "A", kind: "被执行人")] }.isEmpty)
        #expect(detect(before: listed) { $0.listings = [] }.isEmpty, "a removal is good news, not a signal")
        #expect(detect(before: listed) { $0.listings = [.init(id: "A", kind: "被执行人"), .init(id: "B", kind: "被执行人")] }
            .map(\.facts) == [.listing(id: "B", kind: "被执行人")])
        #expect(detect(before: listed) { $0.listings = [.init(id: "A", kind: "失信被执行人")] }.map(\.code) == [.newDishonestDebtor],
                "the same case moving to the dishonest list is a new listing")
    }

    @Test func aNewLawsuitAsDefendantIsASignalOnce() {
        let before = WarningFixtures.snapshot { $0.lawsuitsAsDefendant = ["(2025)辽0202民初1号"] }
        let signals = detect(before: before) { $0.lawsuitsAsDefendant = ["(2025)辽0202民初1号", "(2026)辽0202民初7号", "(2026)辽0202民初7号"] }
        #expect(signals.map(\.code) == [.newLawsuitAsDefendant])
        #expect(signals.map(\.text) == ["新增作为被告的诉讼案件（案号 (2026)辽0202民初7号）"])
        #expect(detect(before: before) { $0.lawsuitsAsDefendant = ["(2025)辽0202民初1号"] }.isEmpty)
    }

    @Test func aNewPenaltyCarriesItsSeverityAndFine() throws {
        let before = WarningFixtures.snapshot { $0.penalties = [.init(id: "大市监罚〔2025〕1号", severity: .severe)] }
        let signals = detect(before: before) {
            $0.penalties = [.init(id: "大市监罚〔2025〕1号", severity: .severe),
                            .init(id: "大税罚〔2026〕9号", severity: .major, amount: Cents(yuan: 5_000))]
        }
        let signal = try #require(signals.first)
        #expect(signals.count == 1 && signal.code == .newPenalty)
        #expect(signal.facts == .penalty(id: "大税罚〔2026〕9号", severity: .major, amount: Cents(yuan: 5_000)))
        #expect(signal.text == "新增较重行政处罚（决定书 大税罚〔2026〕9号，罚款 ¥5,000.00）")
        #expect(detect { $0.penalties = [.init(id: "P", severity: .minor)] }.map(\.text) == ["新增轻微行政处罚（决定书 P）"])
    }

    @Test func aNewLegalRepresentativeIsASignalButTheSameNameSpelledDifferentlyIsNot() throws {
        let signal = try #require(detect { $0.legalRepresentative = "李娜" }.first)
        #expect(signal.code == .legalRepresentativeChange && signal.text == "法定代表人由张伟变更为李娜")
        #expect(detect { $0.legalRepresentative = " 张　伟 " }.isEmpty)
        #expect(detect { $0.legalRepresentative = nil }.isEmpty, "an unknown name is not a change")
        #expect(detect(before: WarningFixtures.snapshot { $0.legalRepresentative = nil }) { $0.legalRepresentative = "李娜" }.isEmpty)
    }

    @Test func noRulesInForceMeansNoDetection() {
        let early = WarningFixtures.snapshot(on: Day(year: 2023, month: 12, day: 31))
        #expect(SignalDetector.detect(before: early, after: early, rules: rules) == nil)
    }
}
