import Foundation
import Testing
@testable import Domain

/// Replay (issue 12): detection, scoring and deadlines use the rules version in force on their own day, so a
/// past decision comes out as it did. Version 2 exists only in this test, read through `WarningRules.decode`.
@Suite struct WarningReplayTests {
    static let switchDay = Day(year: 2026, month: 7, day: 1)

    /// The shipped rules plus a stricter version 2 from 2026-07-01, round-tripped through JSON.
    let rules: WarningRules
    init() throws {
        var shipped = try WarningRules.bundled()
        var first = shipped.versions[0]
        first.points[SignalCode.newLawsuitAsDefendant.rawValue] = 10
        first.headcountDropPercent = 20
        first.countingDays = 180
        first.acknowledgeDays[WarningLevel.yellow.rawValue] = 3
        first.levelFloors = ["red": 80, "orange": 60, "yellow": 40, "blue": 20]
        var second = first
        second.version = 2
        second.effectiveFrom = Self.switchDay.description
        second.points[SignalCode.newLawsuitAsDefendant.rawValue] = 45
        second.headcountDropPercent = 10
        second.countingDays = 90
        second.acknowledgeDays[WarningLevel.yellow.rawValue] = 1
        shipped.versions = [first, second]
        rules = try WarningRules.decode(JSONEncoder().encode(shipped))
    }

    @Test func theVersionInForceIsChosenByDay() {
        #expect(rules.inForce(on: Self.switchDay.adding(days: -1))?.version == 1)
        #expect(rules.inForce(on: Self.switchDay)?.version == 2)
        #expect(rules.inForce(on: Day(year: 2023, month: 12, day: 31)) == nil, "before version 1")
        #expect(RiskScore.assess(signals: [], on: Day(year: 2023, month: 12, day: 31), rules: rules) == nil)
    }

    @Test func aScoreIsReplayedUnderTheVersionOfItsDay() throws {
        let lawsuit = WarningFixtures.signal(.newLawsuitAsDefendant, on: Day(year: 2026, month: 6, day: 20))
        let june = try #require(RiskScore.assess(signals: [lawsuit], on: Self.switchDay.adding(days: -1), rules: rules))
        #expect(june.version == 1 && june.score == 10 && june.level == .green)
        let july = try #require(RiskScore.assess(signals: [lawsuit], on: Self.switchDay, rules: rules))
        #expect(july.version == 2 && july.score == 45 && july.level == .yellow)
        // Version 2 counts a signal for 90 days, version 1 for 180.
        let old = WarningFixtures.signal(.newLawsuitAsDefendant, on: Day(year: 2026, month: 3, day: 1))
        #expect(RiskScore.assess(signals: [old], on: Self.switchDay.adding(days: -1), rules: rules)?.score == 10)
        #expect(RiskScore.assess(signals: [old], on: Self.switchDay, rules: rules)?.score == 0)
    }

    @Test func aDetectionIsReplayedUnderTheVersionOfTheLaterSnapshot() {
        func detect(on day: Day) -> SignalDetector.Result? {
            SignalDetector.detect(before: WarningFixtures.snapshot(on: day.adding(days: -1)) { $0.insuredHeadcount = 100 },
                                  after: WarningFixtures.snapshot(on: day) { $0.insuredHeadcount = 85 }, rules: rules)
        }
        let june = detect(on: Self.switchDay.adding(days: -1))
        #expect(june?.version == 1 && june?.signals.isEmpty == true, "15 % is below version 1's 20 %")
        let july = detect(on: Self.switchDay)
        #expect(july?.version == 2 && july?.signals.map(\.code) == [.headcountDrop])
    }

    @Test func aDeadlineKeepsTheVersionOfTheDayTheAlertWasOpened() {
        let lastOfJune = Self.switchDay.adding(days: -1)
        #expect(AlertResponse.deadline(openedOn: lastOfJune, level: .yellow, rules: rules) == Day(year: 2026, month: 7, day: 3))
        #expect(AlertResponse.deadline(openedOn: Self.switchDay, level: .yellow, rules: rules) == Day(year: 2026, month: 7, day: 2))
        #expect(AlertResponse.escalation(openedOn: lastOfJune, respondedOn: nil, today: Day(year: 2026, month: 7, day: 3),
                                         level: .yellow, rules: rules) == .onTime)
    }
}
