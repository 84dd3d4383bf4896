import Foundation
import Testing
@testable import Domain

/// The listing procedure (issue 12 §3, RISK.md §3.3): prior written notice, an objection window that an
/// objection pauses, listing, publication and removal; every other step is an illegal transition.
@Suite struct ListingProcedureTests {
    let rules: ListRules
    /// Monday 2 March 2026: the 5-working-day objection window runs through Monday 9 March.
    let noticed = Day(year: 2026, month: 3, day: 2)
    let windowEnds = Day(year: 2026, month: 3, day: 9)
    let notice = ListingEvent.notify(text: "拟列入的事由、依据，及陈述申辩和提出异议的权利")
    init() throws { rules = try ListRules.bundled() }

    func noticedEntry() throws -> ListingEntry {
        try ListFixtures.proposed(on: noticed).applying(notice, on: noticed, rules: rules)
    }

    @Test func theNoticeOpensTheObjectionWindow() throws {
        let entry = try noticedEntry()
        #expect(entry.status == .noticed && entry.noticeDay == noticed && entry.objectionWindowEnds == windowEnds)
        #expect(entry.parties.map(\.role) == [.subject, .legalRepresentative, .actualController])
    }

    @Test func anObjectionIsAcceptedOnTheLastDayOfTheWindowButNotTheDayAfter() throws {
        let objected = try noticedEntry().applying(.object(reason: "已全额退赔集资款"), on: windowEnds, rules: rules)
        #expect(objected.status == .objecting && objected.objections.count == 1)
        #expect(objected.objections[0].answerDue == Day(year: 2026, month: 3, day: 16), "answered within 5 working days")
        #expect(throws: DomainError.invalidInput(field: "day", reason: "异议期已于 2026-03-09 届满，不再受理异议")) {
            try noticedEntry().applying(.object(reason: "迟到的异议"), on: windowEnds.adding(days: 1), rules: rules)
        }
    }

    @Test func listingWaitsUntilTheWindowHasRunOut() throws {
        #expect(throws: DomainError.conflict("异议期至 2026-03-09 届满，届满前不得列入名单")) {
            try noticedEntry().applying(.list, on: windowEnds, rules: rules)
        }
        let listed = try noticedEntry().applying(.list, on: windowEnds.adding(days: 1), rules: rules)
        #expect(listed.status == .listed && listed.listedOn == Day(year: 2026, month: 3, day: 10))
    }

    @Test func anOpenObjectionPausesTheListing() throws {
        let objected = try noticedEntry().applying(.object(reason: "处罚决定已被撤销"), on: noticed.adding(days: 1), rules: rules)
        #expect(throws: DomainError.illegalTransition(entity: "失信名单记录", from: "异议处理中", action: "列入名单")) {
            try objected.applying(.list, on: Day(year: 2026, month: 3, day: 20), rules: rules)
        }
    }

    @Test func aRejectedObjectionResumesTheProcedureAndAnUpheldOneEndsIt() throws {
        let objected = try noticedEntry().applying(.object(reason: "处罚决定已被撤销"), on: noticed.adding(days: 1), rules: rules)
        let answerDay = Day(year: 2026, month: 3, day: 12)
        let resumed = try objected.applying(.rejectObjection(answer: "经核实，处罚决定仍然有效"), on: answerDay, rules: rules)
        #expect(resumed.status == .noticed && resumed.objections[0].upheld == false && !resumed.objections[0].isOpen)
        #expect(throws: DomainError.self) { try resumed.applying(.list, on: answerDay.adding(days: -1), rules: rules) }
        #expect(try resumed.applying(.list, on: answerDay, rules: rules).status == .listed)

        let dropped = try objected.applying(.upholdObjection(answer: "经核实，处罚决定已被撤销"), on: answerDay, rules: rules)
        #expect(dropped.status == .dropped && dropped.objections[0].upheld == true)
        #expect(throws: DomainError.illegalTransition(entity: "失信名单记录", from: "异议成立，不予列入", action: "列入名单")) {
            try dropped.applying(.list, on: answerDay, rules: rules)
        }
    }

    @Test func anAnswerIsOverdueAfterItsDueDay() throws {
        let objected = try noticedEntry().applying(.object(reason: "理由"), on: noticed, rules: rules)
        let objection = objected.objections[0]
        #expect(!objection.isOverdue(on: objection.answerDue) && objection.isOverdue(on: objection.answerDue.adding(days: 1)))
    }

    @Test func publicationAndRemovalFollowTheListing() throws {
        let listed = try noticedEntry().applying(.list, on: Day(year: 2026, month: 3, day: 10), rules: rules)
        #expect(throws: DomainError.self) { try listed.applying(.publish, on: Day(year: 2026, month: 3, day: 9), rules: rules) }
        let published = try listed.applying(.publish, on: Day(year: 2026, month: 3, day: 11), rules: rules)
        #expect(published.status == .published && published.publishedOn == Day(year: 2026, month: 3, day: 11))
        #expect(throws: DomainError.self) { try published.applying(.remove(reason: "  "), on: Day(year: 2026, month: 9, day: 1), rules: rules) }
        let removed = try published.applying(.remove(reason: "处罚决定已履行完毕"), on: Day(year: 2026, month: 9, day: 1), rules: rules)
        #expect(removed.status == .removed && removed.removalReason == "处罚决定已履行完毕")
        #expect(removed.isListed(on: Day(year: 2026, month: 8, day: 31)) && !removed.isListed(on: Day(year: 2026, month: 9, day: 1)))
    }

    @Test(arguments: [
        (ListingStatus.proposed, ListingEvent.list), (.proposed, .object(reason: "x")), (.proposed, .publish),
        (.noticed, .publish), (.noticed, .remove(reason: "x")), (.noticed, .rejectObjection(answer: "x")),
        (.listed, .notify(text: "x")), (.listed, .list), (.published, .publish), (.removed, .remove(reason: "x")),
        (.removed, .list), (.dropped, .notify(text: "x")),
    ])
    func stepsOutOfOrderAreIllegalTransitions(status: ListingStatus, event: ListingEvent) throws {
        var entry = try ListFixtures.listed(rules: rules)
        entry.status = status
        #expect(throws: DomainError.illegalTransition(entity: "失信名单记录", from: status.label, action: event.action.label)) {
            try entry.applying(event, on: Day(year: 2026, month: 12, day: 1), rules: rules)
        }
    }

    @Test func aListingMustStateItsParticulars() throws {
        #expect(throws: DomainError.self) {
            try ListingEntry.propose(id: "x", kind: .financialSeriousDishonest, parties: [ListFixtures.representative],
                                     authority: "局", basisDocumentNumber: "文号", reason: "事由", actEndedOn: nil,
                                     removalConditions: "条件", on: noticed)
        }
        #expect(throws: DomainError.invalidInput(field: "removalConditions", reason: "须写明移出条件")) {
            try ListingEntry.propose(id: "x", kind: .financialSeriousDishonest, parties: [ListFixtures.firm],
                                     authority: "局", basisDocumentNumber: "文号", reason: "事由", actEndedOn: nil,
                                     removalConditions: " ", on: noticed)
        }
        #expect(throws: DomainError.self) { try ListFixtures.proposed().applying(.notify(text: ""), on: noticed, rules: rules) }
        #expect(throws: DomainError.self) {
            try ListFixtures.proposed(on: noticed).applying(notice, on: noticed.adding(days: -1), rules: rules)
        }
    }

    @Test func theObjectionWindowOfTheProposalDaysVersionApplies() throws {
        let longer = ListFixtures.withVersion(rules, from: "2026-04-01") {
            $0.objectionWindow = ProcedurePeriod(days: 15, counting: .calendar)
        }
        let march = try ListFixtures.proposed(on: noticed).applying(notice, on: Day(year: 2026, month: 4, day: 2), rules: longer)
        #expect(march.objectionWindowEnds == Day(year: 2026, month: 4, day: 9), "proposed in March: 5 working days")
        let april = try ListFixtures.proposed(on: Day(year: 2026, month: 4, day: 1))
            .applying(notice, on: Day(year: 2026, month: 4, day: 2), rules: longer)
        #expect(april.objectionWindowEnds == Day(year: 2026, month: 4, day: 17), "proposed in April: 15 calendar days")
    }

    @Test func anExternalListingArrivesDecided() throws {
        let court = try ListingEntry.external(
            id: "C-1", kind: .dishonestJudgmentDebtor, scope: .national, parties: [ListFixtures.firm], authority: "大连市中级人民法院",
            basisDocumentNumber: "（2025）辽02执123号", reason: "有履行能力而拒不履行", actEndedOn: nil, removalConditions: "",
            listedOn: Day(year: 2025, month: 6, day: 1), publishedOn: Day(year: 2025, month: 6, day: 1))
        #expect(court.status == .published && court.isListed(on: Day(year: 2025, month: 6, day: 1)))
        #expect(!court.isListed(on: Day(year: 2025, month: 5, day: 31)))
        #expect(throws: DomainError.self) {
            try ListingEntry.external(id: "C-2", kind: .dishonestJudgmentDebtor, scope: .national, parties: [ListFixtures.firm],
                                      authority: "法院", basisDocumentNumber: "案号", reason: "事由", actEndedOn: nil,
                                      removalConditions: "", listedOn: Day(year: 2025, month: 6, day: 1),
                                      removedOn: Day(year: 2025, month: 5, day: 1))
        }
    }
}
