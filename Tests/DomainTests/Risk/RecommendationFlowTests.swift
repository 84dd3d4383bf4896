import Domain
import Foundation
import Testing

/// The 推荐清单 entry and push as state machines: review and publicity, the 30-day decision clock at its edges,
/// what an institution may report when, and removal after a later failed screening.
@Suite struct RecommendationFlowTests {
    let day = Day(year: 2026, month: 3, day: 2)
    let at = Date(timeIntervalSince1970: 1_772_409_600)

    func entry(_ source: RecommendationSource = .selfDeclared, note: String = "") throws -> RecommendationEntry {
        try RecommendationEntry(id: 1, uscc: "X", firmName: "甲", source: source, referrer: "r", amountCents: 1_000_000, termMonths: 12,
                                purpose: "采购原材料", note: note, declaredAt: at)
    }

    func passed() -> ScreeningOutcome { ScreeningOutcome(version: 1, day: day, rejections: []) }
    func failed(_ text: String) -> ScreeningOutcome {
        ScreeningOutcome(version: 1, day: day, rejections: [ScreeningRejection(code: "firm_listed", criterion: .goodCredit, text: text)])
    }

    @Test func entriesAreValidated() throws {
        #expect(throws: DomainError.self) {
            try RecommendationEntry(uscc: "X", firmName: "甲", source: .selfDeclared, referrer: "r", amountCents: 0, termMonths: 12,
                                    purpose: "p", declaredAt: at)
        }
        #expect(throws: DomainError.self) {
            try RecommendationEntry(uscc: "X", firmName: "甲", source: .selfDeclared, referrer: "r", amountCents: 1, termMonths: 361,
                                    purpose: "p", declaredAt: at)
        }
        #expect(throws: DomainError.self, "a referral needs its reason") { try entry(.referral) }
        #expect(throws: DomainError.self, "a visit needs its record") { try entry(.visit) }
        #expect(try entry(.visit, note: "走访").source == .visit)
    }

    @Test func publicityEndsOnItsLastDayAndAnOpenObjectionHoldsTheListing() throws {
        var e = try entry()
        e.apply(passed(), at: at)
        #expect(e.status == .screened)
        #expect(throws: DomainError.self, "a rejection needs a reason") {
            var copy = e
            try copy.review(approve: false, note: " ", by: "审核员", today: day, publicityDays: 7)
        }
        try e.review(approve: true, note: "", by: "审核员", today: day, publicityDays: 7)
        #expect(e.status == .publicity && e.publicityUntil == day.adding(days: 7))
        #expect(!e.publicityOver(on: day.adding(days: 6)))
        #expect(e.publicityOver(on: day.adding(days: 7)))
        #expect(throws: DomainError.self) { var c = e; try c.list(today: day.adding(days: 6), openObjection: false) }
        #expect(throws: DomainError.self) { var c = e; try c.list(today: day.adding(days: 7), openObjection: true) }
        try e.list(today: day.adding(days: 7), openObjection: false)
        #expect(e.status == .listed)
        try e.markPushed()
        #expect(e.status == .pushed)
        #expect(throws: DomainError.self, "a pushed entry is not reviewed again") {
            try e.review(approve: true, note: "", by: "审核员", today: day, publicityDays: 7)
        }
    }

    @Test func aListedFirmThatFailsLaterIsRemovedWithTheReasons() throws {
        var e = try entry()
        let removedNew = e.apply(failed("企业被列入失信被执行人名单"), at: at)
        #expect(!removedNew)
        #expect(e.status == .screenedOut, "a new entry that fails is screened out, not removed")
        var listed = try entry()
        listed.apply(passed(), at: at)
        try listed.review(approve: true, note: "", by: "审核员", today: day, publicityDays: 0)
        let removedOnPass = listed.apply(passed(), at: at)
        #expect(!removedOnPass, "passing again changes nothing")
        let removedOnFail = listed.apply(failed("企业被列入失信被执行人名单"), at: at)
        #expect(removedOnFail)
        #expect(listed.status == .removed)
        #expect(listed.removalReason == "复核未通过：企业被列入失信被执行人名单")
    }

    func push() throws -> RecommendationPush {
        var e = try entry()
        e.apply(passed(), at: at)
        return RecommendationPush(entry: e, institutionID: 9, institutionName: "甲银行", day: day, decisionDays: 30, escalationDays: 10,
                                  by: "中心", at: at)
    }

    @Test func theDecisionClockTurnsAmberAfterTheDueDayAndRedAtEscalation() throws {
        let p = try push()
        #expect(p.dueOn == day.adding(days: 30) && p.escalatesOn == day.adding(days: 40))
        #expect(p.light(on: day.adding(days: 30)) == .green)
        #expect(p.daysLeft(on: day.adding(days: 30)) == 0)
        #expect(p.light(on: day.adding(days: 31)) == .amber)
        #expect(p.daysLeft(on: day.adding(days: 31)) == -1)
        #expect(p.light(on: day.adding(days: 39)) == .amber)
        #expect(p.light(on: day.adding(days: 40)) == .red)
        var decided = p
        try decided.record(.declined(reason: "负债率高", help: "推荐担保"), by: "经理", today: day.adding(days: 45), at: at)
        #expect(decided.light(on: day.adding(days: 45)) == .green && decided.daysLeft(on: day.adding(days: 45)) == nil)
        #expect(decided.decidedOn == day.adding(days: 45))
    }

    @Test func anUndecidedPushIsEscalatedOnceFromItsEscalationDay() throws {
        var p = try push()
        let onAmber = p.escalate(on: day.adding(days: 39), at: at)
        #expect(!onAmber && p.escalatedOn == nil, "amber is not escalated")
        let onRed = p.escalate(on: day.adding(days: 40), at: at)
        #expect(onRed && p.escalatedOn == day.adding(days: 40) && p.steps.last?.note.contains("已升级至信用中心") == true)
        let again = p.escalate(on: day.adding(days: 41), at: at)
        #expect(!again && p.escalatedOn == day.adding(days: 40), "once")
        var decided = try push()
        try decided.record(.granted(amountCents: 100, note: ""), by: "经理", today: day.adding(days: 41), at: at)
        let afterDecision = decided.escalate(on: day.adding(days: 41), at: at)
        #expect(!afterDecision, "a decision stops the clock")
    }

    @Test func whatAnInstitutionMayReportAndWhen() throws {
        var p = try push()
        try p.record(.contacted(note: "已上门"), by: "经理", today: day, at: at)
        #expect(p.light(on: day.adding(days: 31)) == .amber, "contact does not stop the clock")
        #expect(throws: DomainError.self, "contact once") { var c = p; try c.record(.contacted(note: ""), by: "经理", today: day, at: at) }
        #expect(throws: DomainError.self, "a decline without help") {
            var c = p; try c.record(.declined(reason: "负债率高", help: ""), by: "经理", today: day, at: at)
        }
        try p.record(.granted(amountCents: 500_000, note: ""), by: "经理", today: day.adding(days: 3), at: at)
        let early = PushLoan(amountCents: 500_000, rateBasisPoints: 385, disbursedOn: day.adding(days: -1), creditLoan: true,
                             firstLoan: false, renewalWithoutRepayment: false)
        #expect(throws: DomainError.self, "not disbursed before the push") {
            var c = p; try c.record(.disbursed(early, note: ""), by: "经理", today: day.adding(days: 5), at: at)
        }
        var loan = early
        loan.disbursedOn = day.adding(days: 5)
        try p.record(.disbursed(loan, note: ""), by: "经理", today: day.adding(days: 5), at: at)
        #expect(p.status == .disbursed && p.decidedOn == day.adding(days: 3), "the decision day is the grant's")
        #expect(throws: DomainError.self, "nothing after a disbursement") {
            var c = p; try c.record(.declined(reason: "x", help: "y"), by: "经理", today: day, at: at)
        }
        var withdrawn = try push()
        withdrawn.withdraw(reason: "复核未通过", at: at)
        #expect(withdrawn.status == .withdrawn && withdrawn.withdrawnReason == "复核未通过")
        p.withdraw(reason: "复核未通过", at: at)
        #expect(p.status == .disbursed, "a decided push keeps its decision")
    }
}
