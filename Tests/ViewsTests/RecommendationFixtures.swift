import Domain
import Foundation
@testable import Views

/// Fixed entries and pushes for the recommendation pages' golden files.
enum RecommendationFixtures {
    static let day = Day(year: 2026, month: 3, day: 2)
    static let at = Date(timeIntervalSince1970: 1_772_409_600)

    static func entry(id: Int64, status: RecommendationStatus, rejections: [ScreeningRejection] = []) throws -> RecommendationEntry {
        var e = try RecommendationEntry(id: id, uscc: "91210202MA0000001X", firmName: "大连海湾科技有限公司", source: .visit,
                                         referrer: "信用中心管理员", amountCents: 50_000_000, termMonths: 12, purpose: "采购原材料",
                                         note: "走访：订单增长", declaredAt: at)
        e.status = status
        e.screening = ScreeningOutcome(version: 1, day: day, rejections: rejections)
        if status == .publicity { e.publicityFrom = day; e.publicityUntil = day.adding(days: 7); e.reviewedBy = "审核员"; e.reviewNote = "" }
        if status == .removed { e.removalReason = "复核未通过：企业被列入失信被执行人名单" }
        return e
    }

    static let tooYoung = ScreeningRejection(code: "too_young", criterion: .compliantOperation, text: "成立 3 个月，不足 12 个月")

    static func push(id: Int64, status: PushStatus) throws -> RecommendationPush {
        var p = RecommendationPush(id: id, entry: try entry(id: 7, status: .pushed), institutionID: 1, institutionName: "大连银行", day: day,
                                   decisionDays: 30, escalationDays: 10, by: "信用中心管理员", at: at)
        switch status {
        case .disbursed:
            try p.record(.disbursed(PushLoan(amountCents: 40_000_000, rateBasisPoints: 385, disbursedOn: day.adding(days: 10),
                                              creditLoan: true, firstLoan: true, renewalWithoutRepayment: false), note: ""),
                          by: "客户经理", today: day.adding(days: 10), at: at)
        case .declined:
            try p.record(.declined(reason: "负债率偏高", help: "推荐政府性融资担保"), by: "客户经理", today: day.adding(days: 5), at: at)
        default: break
        }
        return p
    }

    /// A red-list entry: in publicity (optionally objected to) or in effect.
    static func redList(valid: Bool, objected: Bool = false) throws -> RedListEntry {
        let rules = try RedListRules.bundled()
        let facts = RedListFacts(uscc: "91210202MA0000001X", name: "大连海湾科技有限公司", taxGrade: "A", evaluationGrade: "A",
                                 firstPlatformLoanOn: Day(year: 2024, month: 1, day: 5))
        var entry = try RedListEntry.propose(facts, on: day, rules: rules).applying(.startPublicity, on: day, rules: rules)
        entry.id = valid ? 1 : 2
        if objected { entry = try entry.applying(.object(reason: "（异议人：李娜）拖欠货款"), on: day.adding(days: 1), rules: rules) }
        if valid { entry = try entry.applying(.activate, on: day.adding(days: 8), rules: rules) }
        return entry
    }

    /// A platform listing: noticed (within its objection window) or listed and published.
    static func listing(listed: Bool) throws -> ListingEntry {
        let rules = try ListRules.bundled()
        var e = try ListingEntry.propose(id: listed ? "platform:1" : "platform:2", kind: .financialSeriousDishonest,
                                          parties: [SanctionedParty(role: .subject, name: "大连海湾科技有限公司", identifier: "91210202MA0000001X")],
                                          authority: "市信用中心（信易贷平台）", basisDocumentNumber: "大金罚〔2026〕3号", reason: "骗取贷款，受到较重行政处罚",
                                          actEndedOn: day.adding(days: -10), removalConditions: "履行处罚决定并满一年", on: day)
        e = try e.applying(.notify(text: "拟列入涉金融严重失信人名单；可在异议期内陈述申辩。"), on: day, rules: rules)
        if listed {
            e = try e.applying(.list, on: day.adding(days: 14), rules: rules)
            e = try e.applying(.publish, on: day.adding(days: 15), rules: rules)
        }
        return e
    }
}
