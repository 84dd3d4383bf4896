import Testing
@testable import Domain

/// Response deadlines and the 红黄绿灯 (issue 12, §2): on time up to the deadline, overdue for the grace days,
/// escalated after; the clock stops on the day the bank answered.
@Suite struct AlertEscalationTests {
    let opened = Day(year: 2026, month: 2, day: 27)
    /// Red: acknowledge in 1 day, resolve in 5; yellow: 3 and 15; 2 grace days before escalating.
    let rules: WarningRules
    init() throws {
        rules = try WarningFixtures.rules { v in
            v.acknowledgeDays["red"] = 1; v.resolveDays["red"] = 5
            v.acknowledgeDays["yellow"] = 3; v.resolveDays["yellow"] = 15
            v.escalateAfterDays = 2
        }
    }

    func escalation(respondedOn: Day? = nil, today: Day, level: WarningLevel = .red,
                    stage: AlertEscalation.Stage = .acknowledgement, rules: WarningRules? = nil) -> AlertEscalation? {
        AlertResponse.escalation(openedOn: opened, respondedOn: respondedOn, today: today, level: level, stage: stage,
                                 rules: rules ?? self.rules)
    }

    @Test func theDeadlineDependsOnTheLevelAndTheStage() {
        #expect(AlertResponse.deadline(openedOn: opened, level: .red, rules: rules) == Day(year: 2026, month: 2, day: 28))
        #expect(AlertResponse.deadline(openedOn: opened, level: .yellow, rules: rules) == Day(year: 2026, month: 3, day: 2))
        #expect(AlertResponse.deadline(openedOn: opened, level: .red, stage: .resolution, rules: rules) == Day(year: 2026, month: 3, day: 4))
        #expect(AlertResponse.deadline(openedOn: Day(year: 2023, month: 1, day: 1), level: .red, rules: rules) == nil)
    }

    @Test func anUnansweredAlertGoesFromOnTimeToOverdueToEscalated() {
        let deadline = Day(year: 2026, month: 2, day: 28)
        #expect(escalation(today: opened) == .onTime)
        #expect(escalation(today: deadline) == .onTime, "the deadline day itself")
        #expect(escalation(today: deadline.adding(days: 1)) == .overdue(days: 1))
        #expect(escalation(today: deadline.adding(days: 2)) == .overdue(days: 2))
        #expect(escalation(today: deadline.adding(days: 3)) == .escalated(days: 3))
        #expect(escalation(today: deadline.adding(days: 30)) == .escalated(days: 30))
    }

    @Test func theClockStopsWhenTheBankAnswers() {
        let deadline = Day(year: 2026, month: 2, day: 28)
        let later = Day(year: 2026, month: 6, day: 1)
        #expect(escalation(respondedOn: deadline, today: later) == .onTime)
        #expect(escalation(respondedOn: deadline.adding(days: 1), today: later) == .overdue(days: 1))
        #expect(escalation(respondedOn: deadline.adding(days: 2), today: later) == .overdue(days: 2))
        #expect(escalation(respondedOn: deadline.adding(days: 3), today: later) == .escalated(days: 3))
    }

    @Test func withoutGraceDaysAMissedDeadlineEscalatesAtOnce() throws {
        let strict = try WarningFixtures.rules { $0.acknowledgeDays["red"] = 1; $0.escalateAfterDays = 0 }
        #expect(escalation(today: Day(year: 2026, month: 2, day: 28), rules: strict) == .onTime)
        #expect(escalation(today: Day(year: 2026, month: 3, day: 1), rules: strict) == .escalated(days: 1))
    }

    @Test func theResultStageHasItsOwnLongerDeadline() {
        let resolveDeadline = Day(year: 2026, month: 3, day: 4)
        #expect(escalation(today: resolveDeadline, stage: .resolution) == .onTime)
        #expect(escalation(today: resolveDeadline.adding(days: 1), stage: .resolution) == .overdue(days: 1))
        #expect(escalation(today: resolveDeadline.adding(days: 3), stage: .resolution) == .escalated(days: 3))
        #expect(escalation(today: resolveDeadline, level: .yellow, stage: .resolution) == .onTime)
    }

    @Test func anAlertShowsTheWorseOfItsTwoStages() throws {
        let alert = AlertResponse(openedOn: opened)
        #expect(alert.escalation(level: .red, today: Day(year: 2026, month: 3, day: 3), rules: rules) == .escalated(days: 3),
                "never acknowledged")
        let acknowledged = try alert.applying(.acknowledge, on: Day(year: 2026, month: 2, day: 28))
        #expect(acknowledged.escalation(level: .red, today: Day(year: 2026, month: 3, day: 4), rules: rules) == .onTime)
        #expect(acknowledged.escalation(level: .red, today: Day(year: 2026, month: 3, day: 5), rules: rules) == .overdue(days: 1),
                "acknowledged in time but no result yet")
        let handled = try acknowledged.applying(.handle(measure: "约谈企业"), on: Day(year: 2026, month: 3, day: 4))
        #expect(handled.escalation(level: .red, today: Day(year: 2026, month: 9, day: 1), rules: rules) == .onTime)
    }

    @Test func eachEscalationHasALightAndAChineseLabel() {
        #expect(AlertEscalation.onTime.light == .green && AlertEscalation.onTime.light.label == "绿灯")
        #expect(AlertEscalation.overdue(days: 2).light.label == "黄灯" && AlertEscalation.overdue(days: 2).label == "已超期 2 天")
        #expect(AlertEscalation.escalated(days: 3).light.label == "红灯")
        #expect(AlertEscalation.escalated(days: 3).label == "已超期 3 天，已升级至信用中心")
        #expect(AlertEscalation.onTime < .overdue(days: 5) && AlertEscalation.overdue(days: 5) < .escalated(days: 3))
    }
}
