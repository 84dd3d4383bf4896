import Foundation
import Testing
@testable import Domain

/// The red-list entry's lifecycle (issue 12 §4): proposed → publicity (objections) → valid until → expired,
/// at the edges of the publicity and the validity.
@Suite struct RedListEntryTests {
    let rules: RedListRules
    /// Friday 10 April 2026; 7 calendar days of publicity end on Friday 17 April.
    let proposed = Day(year: 2026, month: 4, day: 10)
    let publicityEnds = Day(year: 2026, month: 4, day: 17)
    init() throws { rules = try RedListRules.bundled() }

    let facts = RedListFacts(uscc: "91210202MA0000001J", name: "大连示例贸易有限公司", taxGrade: "A", evaluationGrade: "A+",
                             firstPlatformLoanOn: Day(year: 2024, month: 1, day: 5))

    func inPublicity() throws -> RedListEntry {
        try RedListEntry.propose(facts, on: proposed, rules: rules).applying(.startPublicity, on: proposed, rules: rules)
    }

    @Test func anIneligibleFirmCannotBeProposed() {
        var bad = facts
        bad.taxGrade = "B"
        #expect(throws: DomainError.conflict("不符合守信激励名单条件：纳税信用等级为 B 级，须为 A 级")) {
            try RedListEntry.propose(bad, on: proposed, rules: rules)
        }
    }

    @Test func thePublicityRunsSevenCalendarDaysAndObjectionsEndWithIt() throws {
        let entry = try inPublicity()
        #expect(entry.status == .inPublicity && entry.publicityEnds == publicityEnds)
        #expect(try entry.applying(.object(reason: "该企业曾拖欠货款"), on: publicityEnds, rules: rules).status == .objecting)
        #expect(throws: DomainError.invalidInput(field: "day", reason: "公示期已于 2026-04-17 届满，不再受理异议")) {
            try entry.applying(.object(reason: "迟到"), on: publicityEnds.adding(days: 1), rules: rules)
        }
    }

    @Test func itTakesEffectOnlyAfterThePublicity() throws {
        let entry = try inPublicity()
        #expect(throws: DomainError.conflict("公示期至 2026-04-17 届满，届满前不得生效")) {
            try entry.applying(.activate, on: publicityEnds, rules: rules)
        }
        let valid = try entry.applying(.activate, on: publicityEnds.adding(days: 1), rules: rules)
        #expect(valid.status == .valid && valid.validFrom == Day(year: 2026, month: 4, day: 18))
    }

    @Test func itIsValidThroughTheDayBeforeTheSameDayNMonthsOn() throws {
        let valid = try inPublicity().applying(.activate, on: Day(year: 2026, month: 4, day: 20), rules: rules)
        #expect(valid.validUntil == Day(year: 2027, month: 4, day: 19))
        #expect(!valid.isValid(on: Day(year: 2026, month: 4, day: 19)), "not before it takes effect")
        #expect(valid.isValid(on: Day(year: 2026, month: 4, day: 20)))
        #expect(valid.isValid(on: Day(year: 2027, month: 4, day: 19)) && valid.status(on: Day(year: 2027, month: 4, day: 19)) == .valid)
        #expect(!valid.isValid(on: Day(year: 2027, month: 4, day: 20)) && valid.status(on: Day(year: 2027, month: 4, day: 20)) == .expired)
    }

    @Test func aValidityFromAMonthsLastDayEndsOnTheShorterMonthsLastDay() {
        #expect(RedListEntry.lastDay(ofMonths: 1, from: Day(year: 2026, month: 1, day: 31)) == Day(year: 2026, month: 2, day: 28))
        #expect(RedListEntry.lastDay(ofMonths: 12, from: Day(year: 2028, month: 2, day: 29)) == Day(year: 2029, month: 2, day: 28))
        #expect(RedListEntry.lastDay(ofMonths: 1, from: Day(year: 2026, month: 1, day: 15)) == Day(year: 2026, month: 2, day: 14))
    }

    @Test func anObjectionPausesItAndItsAnswerDecides() throws {
        let objected = try inPublicity().applying(.object(reason: "该企业曾拖欠货款"), on: Day(year: 2026, month: 4, day: 13), rules: rules)
        #expect(objected.objections[0].answerDue == Day(year: 2026, month: 4, day: 20), "5 working days")
        #expect(throws: DomainError.illegalTransition(entity: "守信激励名单记录", from: "公示异议处理中", action: "生效")) {
            try objected.applying(.activate, on: Day(year: 2026, month: 4, day: 20), rules: rules)
        }
        let answered = Day(year: 2026, month: 4, day: 21)
        let resumed = try objected.applying(.rejectObjection(answer: "经核实，货款纠纷已结案"), on: answered, rules: rules)
        #expect(throws: DomainError.self) { try resumed.applying(.activate, on: answered.adding(days: -1), rules: rules) }
        #expect(try resumed.applying(.activate, on: answered, rules: rules).isValid(on: answered))
        let withdrawn = try objected.applying(.upholdObjection(answer: "经核实，存在未结清欠款"), on: answered, rules: rules)
        #expect(withdrawn.status == .withdrawn && !withdrawn.isValid(on: answered))
    }

    @Test func aRevokedEntryIsNoLongerValid() throws {
        let valid = try inPublicity().applying(.activate, on: Day(year: 2026, month: 4, day: 20), rules: rules)
        let revoked = try valid.applying(.revoke(reason: "被列入失信被执行人名单"), on: Day(year: 2026, month: 9, day: 1), rules: rules)
        #expect(revoked.status == .revoked && !revoked.isValid(on: Day(year: 2026, month: 9, day: 1)))
        #expect(throws: DomainError.illegalTransition(entity: "守信激励名单记录", from: "已过期", action: "撤销")) {
            try valid.applying(.revoke(reason: "x"), on: Day(year: 2027, month: 5, day: 1), rules: rules)
        }
    }

    @Test(arguments: [
        (RedListStatus.proposed, RedListEvent.activate), (.proposed, .object(reason: "x")), (.inPublicity, .startPublicity),
        (.inPublicity, .revoke(reason: "x")), (.valid, .activate), (.valid, .object(reason: "x")),
        (.withdrawn, .startPublicity), (.revoked, .activate), (.objecting, .startPublicity),
    ])
    func stepsOutOfOrderAreIllegalTransitions(status: RedListStatus, event: RedListEvent) throws {
        var entry = try inPublicity()
        entry.status = status
        #expect(throws: DomainError.illegalTransition(entity: "守信激励名单记录", from: status.label, action: event.action.label)) {
            try entry.applying(event, on: Day(year: 2026, month: 5, day: 1), rules: rules)
        }
    }
}
