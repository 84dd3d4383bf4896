import Testing
@testable import Domain

/// Post-loan monitoring (issue 12, §2): arrears that appear or grow, a tax grade that drops, a headcount that falls.
@Suite struct ArrearsSignalTests {
    static var arrears: [(SignalCode, WritableKeyPath<MonitoringSnapshot, Cents>, String)] { [
        (.taxArrears, \.taxArrears, "欠税"),
        (.socialInsuranceArrears, \.socialInsuranceArrears, "社会保险费欠缴"),
        (.housingFundArrears, \.housingFundArrears, "住房公积金欠缴"),
        (.utilityArrears, \.utilityArrears, "水电气费欠缴"),
    ] }

    @Test func arrearsCountFromTheMinimumWhenTheyAppear() throws {
        let rules = try WarningFixtures.rules { $0.minimumArrearsCents = 100_000 }
        for (code, path, name) in Self.arrears {
            #expect(WarningFixtures.detect(rules) { $0[keyPath: path] = 99_999 }.isEmpty, "\(code)")
            let signals = WarningFixtures.detect(rules) { $0[keyPath: path] = 100_000 }
            #expect(signals.map(\.code) == [code])
            #expect(signals.map(\.text) == ["出现\(name)，金额 ¥1,000.00"])
            #expect(signals.map(\.facts) == [.arrears(before: .zero, after: 100_000)])
        }
    }

    @Test func arrearsThatGrowAreASignalAndArrearsThatStayOrShrinkAreNot() throws {
        let rules = try WarningFixtures.rules { $0.minimumArrearsCents = 100_000 }
        for (code, path, name) in Self.arrears {
            let before = WarningFixtures.snapshot { $0[keyPath: path] = 150_000 }
            #expect(WarningFixtures.detect(rules, before: before) { $0[keyPath: path] = 150_001 }.map(\.code) == [code])
            #expect(WarningFixtures.detect(rules, before: before) { $0[keyPath: path] = 200_000 }.map(\.text)
                == ["\(name)金额增加 ¥500.00（¥1,500.00 → ¥2,000.00）"])
            #expect(WarningFixtures.detect(rules, before: before) { $0[keyPath: path] = 150_000 }.isEmpty)
            #expect(WarningFixtures.detect(rules, before: before) { $0[keyPath: path] = 120_000 }.isEmpty)
        }
    }

    @Test func aTaxGradeDroppingIntoTheWarningGradesIsASignal() throws {
        let rules = try WarningFixtures.rules { $0.warningTaxGrades = ["C", "D"] }
        func codes(_ from: String?, _ to: String?) -> [SignalCode] {
            WarningFixtures.detect(rules, before: WarningFixtures.snapshot { $0.taxGrade = from }) { $0.taxGrade = to }.map(\.code)
        }
        #expect(codes("B", "C") == [.taxGradeDrop])
        #expect(codes("A", "D") == [.taxGradeDrop])
        #expect(codes("C", "D") == [.taxGradeDrop], "worse within the warning grades")
        #expect(codes(nil, "D") == [.taxGradeDrop], "a first grade of D")
        #expect(codes("D", "C") == [], "an improvement")
        #expect(codes("C", "C") == [])
        #expect(codes("A", "B") == [], "B is not a warning grade")
        #expect(codes("A", "M") == [])
        #expect(codes("B", nil) == [])
        let texts = WarningFixtures.detect(rules) { $0.taxGrade = "C" }.map(\.text)
        #expect(texts == ["纳税信用等级由 B 级降为 C 级"])
        let first = WarningFixtures.detect(rules, before: WarningFixtures.snapshot { $0.taxGrade = nil }) { $0.taxGrade = "D" }
        #expect(first.map(\.text) == ["纳税信用等级评为 D 级"])
    }

    @Test func whichTaxGradesWarnIsConfigurable() throws {
        let onlyD = try WarningFixtures.rules { $0.warningTaxGrades = ["D"] }
        #expect(WarningFixtures.detect(onlyD) { $0.taxGrade = "C" }.isEmpty)
        #expect(WarningFixtures.detect(onlyD) { $0.taxGrade = "D" }.map(\.code) == [.taxGradeDrop])
    }

    @Test func aHeadcountDropCountsFromTheThresholdPercentage() throws {
        let rules = try WarningFixtures.rules { $0.headcountDropPercent = 20; $0.headcountMinimumBefore = 5 }
        let big = WarningFixtures.snapshot { $0.insuredHeadcount = 1_000 }
        #expect(WarningFixtures.detect(rules, before: big) { $0.insuredHeadcount = 801 }.isEmpty, "19.9 %")
        let signals = WarningFixtures.detect(rules, before: big) { $0.insuredHeadcount = 800 }
        #expect(signals.map(\.code) == [.headcountDrop])
        #expect(signals.map(\.text) == ["参保人数较上期下降 20%（1000 → 800）"])
        #expect(signals.map(\.facts) == [.headcount(before: 1_000, after: 800)])
        #expect(WarningFixtures.detect(rules) { $0.insuredHeadcount = 26 }.map(\.text) == ["参保人数较上期下降 35%（40 → 26）"])
        #expect(WarningFixtures.detect(rules) { $0.insuredHeadcount = 41 }.isEmpty)
        #expect(WarningFixtures.detect(rules) { $0.insuredHeadcount = nil }.isEmpty)
    }

    @Test func aHeadcountDropNeedsTheMinimumHeadcountBefore() throws {
        let rules = try WarningFixtures.rules { $0.headcountDropPercent = 20; $0.headcountMinimumBefore = 5 }
        #expect(WarningFixtures.detect(rules, before: WarningFixtures.snapshot { $0.insuredHeadcount = 4 }) { $0.insuredHeadcount = 0 }.isEmpty)
        #expect(WarningFixtures.detect(rules, before: WarningFixtures.snapshot { $0.insuredHeadcount = 5 }) { $0.insuredHeadcount = 4 }
            .map(\.code) == [.headcountDrop])
        let stricter = try WarningFixtures.rules { $0.headcountDropPercent = 12.5; $0.headcountMinimumBefore = 5 }
        let eight = WarningFixtures.snapshot { $0.insuredHeadcount = 8 }
        #expect(WarningFixtures.detect(stricter, before: eight) { $0.insuredHeadcount = 7 }.map(\.text) == ["参保人数较上期下降 12.5%（8 → 7）"])
    }
}
