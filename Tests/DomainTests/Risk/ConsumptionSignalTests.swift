import Testing
@testable import Domain

/// Post-loan monitoring (issue 12, §2): a new month of consumption against the firm's own baseline, the average
/// of the months right before it — and no signal without enough history.
@Suite struct ConsumptionSignalTests {
    /// Baseline of 6 months, a drop of 30 % or more.
    let rules: WarningRules
    init() throws { rules = try WarningFixtures.rules { $0.consumptionBaselineMonths = 6; $0.consumptionDropPercent = 30 } }

    /// Yesterday the data hub had September 2025 – February 2026; today March 2026 arrives with `march`.
    func detect(_ history: [Int64] = [1_000, 1_000, 1_000, 1_000, 1_000, 1_000], march: Int64,
                rules: WarningRules? = nil) -> [MonitoringSignal] {
        let start = (2025, 3 + 12 - history.count)
        let before = WarningFixtures.snapshot { $0.consumption = WarningFixtures.usage(from: start, history) }
        return WarningFixtures.detect(rules ?? self.rules, before: before) {
            $0.consumption = WarningFixtures.usage(from: start, history + [march])
        }
    }

    @Test func aDropOfThirtyPercentIsASignalAndOfLessIsNot() throws {
        #expect(detect(march: 701).isEmpty, "29.9 %")
        let signals = detect(march: 700)
        let signal = try #require(signals.first)
        #expect(signals.count == 1 && signal.code == .consumptionDrop)
        #expect(signal.text == "2026年3月用电量 700，较前 6 个月平均 1000 下降 30%")
        #expect(signal.facts == .consumption(year: 2026, month: 3, quantity: 700, baselineTotal: 6_000, baselineMonths: 6))
        #expect(detect(march: 1_500).isEmpty, "a rise")
    }

    @Test func theBaselineIsTheAverageOfTheMonthsRightBefore() {
        // Average 983.3: 688 is 30.03 % below it, 689 is 29.93 % below.
        let history: [Int64] = [1_000, 1_000, 1_000, 1_000, 1_000, 900]
        #expect(detect(history, march: 689).isEmpty)
        #expect(detect(history, march: 688).map(\.text) == ["2026年3月用电量 688，较前 6 个月平均 983.3 下降 30%"])
        // Older months outside the baseline do not count.
        let longer: [Int64] = [9_000, 9_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000]
        #expect(detect(longer, march: 701).isEmpty)
        #expect(detect(longer, march: 700).count == 1)
    }

    @Test func withTooLittleHistoryThereIsNoSignal() {
        #expect(detect([1_000, 1_000, 1_000, 1_000, 1_000], march: 0).isEmpty, "five months of history for a baseline of six")
        #expect(detect([], march: 0).isEmpty)
        let sixMonthsWithAGap = WarningFixtures.usage(from: (2025, 8), [1_000]) + WarningFixtures.usage(from: (2025, 10), [1_000, 1_000, 1_000, 1_000, 1_000])
        let before = WarningFixtures.snapshot { $0.consumption = sixMonthsWithAGap }
        let signals = WarningFixtures.detect(rules, before: before) {
            $0.consumption = sixMonthsWithAGap + WarningFixtures.usage(from: (2026, 3), [0])
        }
        #expect(signals.isEmpty, "September 2025 is missing, so the six months right before March are incomplete")
    }

    @Test func theBaselineLengthIsConfigurable() throws {
        let history: [Int64] = [100, 100, 100, 1_000, 1_000, 1_000]
        #expect(detect(history, march: 700).isEmpty, "six months average 550")
        let three = try WarningFixtures.rules { $0.consumptionBaselineMonths = 3; $0.consumptionDropPercent = 30 }
        #expect(detect(history, march: 700, rules: three).map(\.text) == ["2026年3月用电量 700，较前 3 个月平均 1000 下降 30%"])
        #expect(detect([1_000, 1_000, 1_000], march: 700, rules: three).count == 1, "three months are enough for three")
    }

    @Test func onlyANewMonthIsJudged() {
        let low = WarningFixtures.usage(from: (2025, 9), [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 100])
        let before = WarningFixtures.snapshot { $0.consumption = low }
        #expect(WarningFixtures.detect(rules, before: before) { $0.consumption = low }.isEmpty, "seen yesterday already")
        let first = WarningFixtures.snapshot { $0.consumption = [] }
        #expect(WarningFixtures.detect(rules, before: first) { $0.consumption = low }.map(\.code) == [.consumptionDrop])
    }

    @Test func rowsOfOneMonthAreAddedUp() {
        let history = WarningFixtures.usage(from: (2025, 9), [1_000, 1_000, 1_000, 1_000, 1_000, 1_000])
        let before = WarningFixtures.snapshot { $0.consumption = history }
        let twoMeters = [MonitoringSnapshot.MonthlyUsage(year: 2026, month: 3, quantity: 400),
                         MonitoringSnapshot.MonthlyUsage(year: 2026, month: 3, quantity: 301)]
        #expect(WarningFixtures.detect(rules, before: before) { $0.consumption = history + twoMeters }.isEmpty, "701 in all")
        let named = WarningFixtures.detect(rules, before: before) {
            $0.consumption = history + [MonitoringSnapshot.MonthlyUsage(year: 2026, month: 3, quantity: 400)]
            $0.consumptionName = "用水量"
        }
        #expect(named.map(\.text) == ["2026年3月用水量 400，较前 6 个月平均 1000 下降 60%"])
    }
}
