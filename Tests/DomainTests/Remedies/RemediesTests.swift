import Foundation
import Testing
@testable import Domain

@Suite("异议与信用修复")
struct RemediesTests {
    func day(_ text: String) -> Day { Day(iso: text) ?? Day(year: 1, month: 1, day: 1) }

    // MARK: Working days

    @Test(arguments: [
        ("2026-11-20", 5, "2026-11-27"), // Friday → next Friday
        ("2026-11-22", 5, "2026-11-27"), // Sunday → Friday
        ("2026-11-23", 5, "2026-11-30"), // Monday → next Monday
        ("2026-11-23", 1, "2026-11-24"),
        ("2026-11-27", 1, "2026-11-30"), // Friday + 1 → Monday
        ("2026-11-23", 0, "2026-11-23"),
    ])
    func workingDayDeadlines(start: String, count: Int, expected: String) {
        #expect(WorkingDays().adding(count, to: day(start)) == day(expected))
    }

    @Test func holidaysAreSkipped() {
        // National Day week 2026: 10-01 (Thu) … 10-07 (Wed) off.
        let holidays = Set((1...7).map { day(String(format: "2026-10-%02d", $0)) })
        let calendar = WorkingDays(holidays: holidays)
        #expect(!calendar.isWorkingDay(day("2026-10-05")))
        #expect(calendar.isWorkingDay(day("2026-10-08")))
        #expect(!calendar.isWorkingDay(day("2026-10-10"))) // Saturday
        #expect(calendar.adding(5, to: day("2026-09-30")) == day("2026-10-14"))
        #expect(ObjectionPolicy(workingDays: 5, calendar: calendar).deadline(filedOn: day("2026-09-30")) == day("2026-10-14"))
    }

    // MARK: Objections

    func objection(filed: String = "2026-11-23") throws -> Objection {
        try Objection.file(uscc: "91350100M000100Y43", dataset: "market.abnormal", recordID: "A1", recordVersion: 1,
                           departmentID: 1, reason: " 已于当月补报年报 ", attachments: ["年报回执", " "],
                           at: day(filed).date.addingTimeInterval(36_000), policy: ObjectionPolicy())
    }

    @Test func filingChecksTheReasonAndSetsTheDeadline() throws {
        let o = try objection()
        #expect(o.status == .pending && o.reason == "已于当月补报年报" && o.attachments == ["年报回执"])
        #expect(o.deadline == "2026-11-30")
        #expect(throws: DomainError.invalidInput(field: "reason", reason: "异议理由不能为空")) {
            try Objection.file(uscc: "x", dataset: "d", recordID: "r", recordVersion: 1, departmentID: nil, reason: "  ",
                               attachments: [], at: Date(), policy: ObjectionPolicy())
        }
    }

    @Test func resolutions() throws {
        let o = try objection()
        let at = Date()
        let rejected = try o.applying(.reject(reason: "经核实记录无误"), by: "scjgj", at: at)
        #expect(rejected.status == .rejected && rejected.resolution == "经核实记录无误" && rejected.resolvedBy == "scjgj")
        #expect(throws: DomainError.invalidInput(field: "reason", reason: "驳回理由不能为空")) {
            try o.applying(.reject(reason: " "), by: "scjgj", at: at)
        }
        #expect(try o.applying(.confirm(note: ""), by: "scjgj", at: at).status == .confirmed)
        let corrected = try o.applying(.correct(version: 2, note: ""), by: "scjgj", at: at)
        #expect(corrected.status == .corrected && corrected.correctedVersion == 2)
        // A correction needs the new version sent through the ingest path first.
        #expect(throws: DomainError.self) { try o.applying(.correct(version: 1, note: ""), by: "scjgj", at: at) }
        #expect(try o.applying(.withdraw, by: "firm", at: at).status == .withdrawn)
        let escalated = try o.applying(.escalate, by: "platform", at: at)
        #expect(escalated.status == .escalated && escalated.escalatedAt == at && escalated.resolvedAt == nil)
        #expect(try escalated.applying(.confirm(note: ""), by: "admin", at: at).status == .confirmed)
    }

    @Test(arguments: [ObjectionStatus.confirmed, .corrected, .rejected, .withdrawn])
    func finalStatesAllowNothing(status: ObjectionStatus) throws {
        var o = try objection()
        o.status = status
        for event: ObjectionEvent in [.confirm(note: ""), .correct(version: 9, note: ""), .reject(reason: "x"), .escalate, .withdraw] {
            #expect(throws: DomainError.illegalTransition(entity: "异议", from: status.label, action: event.action.label)) {
                try o.applying(event, by: "x", at: Date())
            }
        }
    }

    @Test func escalatedCannotBeEscalatedAgain() throws {
        let escalated = try objection().applying(.escalate, by: "platform", at: Date())
        #expect(throws: DomainError.illegalTransition(entity: "异议", from: "已升级", action: "升级处理")) {
            try escalated.applying(.escalate, by: "platform", at: Date())
        }
    }

    @Test func overdueOnlyAfterTheDeadline() throws {
        let o = try objection() // deadline 2026-11-30
        #expect(!o.isOverdue(on: day("2026-11-30")))
        #expect(o.isOverdue(on: day("2026-12-01")))
        #expect(ObjectionPolicy().overdue([o], on: day("2026-12-01")).count == 1)
        let answered = try o.applying(.reject(reason: "无误"), by: "x", at: Date())
        #expect(!answered.isOverdue(on: day("2027-01-01")))
    }

    // MARK: Repair

    func periods() throws -> (PublicationPeriods, [PenaltyRegime]) {
        let regimes = try EvaluationFixtures.model().penaltyRegimes
        return (PublicationPeriods(regimes), regimes)
    }

    /// For every regime and severity: the day before the minimum period ends is too early, that day is
    /// eligible, the last published day still is, the day after it has expired.
    @Test func eligibilityAtTheBoundariesOfEachRegime() throws {
        let (periods, regimes) = try periods()
        #expect(regimes.count == 3)
        for regime in regimes {
            // Decided inside the regime, on a day whose month arithmetic is plain.
            let decided = EvaluationDates.adding(months: 1, to: day(regime.from)).adding(days: 9)
            #expect(periods.regime(on: decided) == regime)
            for (severity, months) in regime.months.sorted(by: { $0.key < $1.key }) {
                let label = "\(regime.from) \(severity)"
                guard months > 0 else {
                    #expect(RepairEligibility.of(severity: severity, decided: decided, asOf: decided, periods: periods) == .notPublished, "\(label)")
                    continue
                }
                let least = regime.minMonths?[severity] ?? 0
                let earliest = EvaluationDates.adding(months: least, to: decided)
                let last = EvaluationDates.adding(months: months, to: decided).adding(days: -1)
                #expect(periods.earliestRepairDay(severity: severity, decided: decided) == earliest, "\(label)")
                if least > 0 {
                    #expect(RepairEligibility.of(severity: severity, decided: decided, asOf: earliest.adding(days: -1), periods: periods)
                            == .tooEarly(earliest: earliest), "\(label)")
                    #expect(throws: DomainError.conflict("最短公示期尚未届满，最早可于 \(earliest) 申请信用修复")) {
                        try RepairEligibility.require(severity: severity, decided: decided, asOf: earliest.adding(days: -1), periods: periods)
                    }
                }
                #expect(RepairEligibility.of(severity: severity, decided: decided, asOf: earliest, periods: periods)
                        == .eligible(earliest: earliest, lastPublished: last), "\(label)")
                #expect(RepairEligibility.of(severity: severity, decided: decided, asOf: last, periods: periods).mayApply, "\(label)")
                #expect(RepairEligibility.of(severity: severity, decided: decided, asOf: last.adding(days: 1), periods: periods)
                        == .expired(lastPublished: last), "\(label)")
            }
        }
    }

    /// The regime is the one in force at the decision date: a 一般 penalty decided the day before
    /// 2023-05-01 is published 36 months, one decided that day 12 months; 轻微 stops being published
    /// from 2026-04-01.
    @Test func regimeByDecisionDate() throws {
        let (periods, _) = try periods()
        #expect(periods.lastCountedDay(severity: "一般", decided: day("2023-04-30")) == day("2026-04-29"))
        #expect(periods.lastCountedDay(severity: "一般", decided: day("2023-05-01")) == day("2024-04-30"))
        #expect(periods.earliestRepairDay(severity: "严重", decided: day("2023-05-01")) == day("2024-05-01"))
        #expect(periods.earliestRepairDay(severity: "一般", decided: day("2026-03-31")) == day("2026-06-30"))
        #expect(periods.earliestRepairDay(severity: "轻微", decided: day("2026-03-31")) == day("2026-03-31"))
        #expect(periods.earliestRepairDay(severity: "轻微", decided: day("2026-04-01")) == nil)
        #expect(periods.earliestRepairDay(severity: "未知", decided: day("2026-04-01")) == nil)
    }

    @Test func repairApplicationAndReview() throws {
        let (periods, _) = try periods()
        let now = day("2026-11-23").date.addingTimeInterval(36_000)
        #expect(throws: DomainError.conflict("最短公示期尚未届满，最早可于 2027-09-01 申请信用修复")) {
            try RepairApplication.apply(uscc: "x", recordID: "P1", severity: "严重", decidedOn: day("2026-09-01"), proof: "已整改",
                                        attachments: [], commitmentID: 1, at: now, periods: periods)
        }
        #expect(throws: DomainError.self) {
            try RepairApplication.apply(uscc: "x", recordID: "P1", severity: "一般", decidedOn: day("2026-06-01"), proof: " ",
                                        attachments: [], commitmentID: 1, at: now, periods: periods)
        }
        let repair = try RepairApplication.apply(uscc: "x", recordID: "P1", severity: "一般", decidedOn: day("2026-06-01"),
                                                 proof: "已缴清罚款并整改", attachments: ["缴款凭证"], commitmentID: 7, at: now,
                                                 periods: periods)
        #expect(repair.status == .pending && repair.dataset == "admin.penalty")
        #expect(throws: DomainError.invalidInput(field: "note", reason: "驳回须说明理由")) {
            try repair.deciding(approve: false, note: "", by: "admin", at: now)
        }
        let approved = try repair.deciding(approve: true, note: "", by: "admin", at: now)
        #expect(approved.status == .approved && approved.reviewedBy == "admin")
        #expect(throws: DomainError.illegalTransition(entity: "信用修复申请", from: "已修复", action: "驳回")) {
            try approved.deciding(approve: false, note: "x", by: "admin", at: now)
        }
    }
}
