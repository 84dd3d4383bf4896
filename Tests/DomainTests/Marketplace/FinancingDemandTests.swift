import Foundation
import Testing
@testable import Domain

@Suite struct FinancingDemandTests {
    typealias F = MarketplaceFixtures
    let published = F.date("2025-06-01", hour: 9)

    func demand(_ urgency: DemandUrgency = .withinWeek) throws -> FinancingDemand {
        try FinancingDemand(id: "D1", uscc: "91350100M000100Y43", amountCents: F.yuan(500_000), termMonths: 12,
                            purpose: "  采购原材料 ", urgency: urgency, publishedAt: published)
    }

    @Test func publishingValidatesAndOpensTheDemand() throws {
        let d = try demand()
        #expect(d.status == .open)
        #expect(d.purpose == "采购原材料")
        #expect(d.timeToTake == nil)
        #expect(throws: DomainError.invalidInput(field: "amount", reason: "融资金额须大于 0")) {
            try FinancingDemand(id: "D", uscc: "U", amountCents: 0, termMonths: 12, purpose: "x", urgency: .withinWeek, publishedAt: published)
        }
        #expect(throws: DomainError.invalidInput(field: "termMonths", reason: "融资期限须在 1–360 个月之间")) {
            try FinancingDemand(id: "D", uscc: "U", amountCents: 1, termMonths: 361, purpose: "x", urgency: .withinWeek, publishedAt: published)
        }
        #expect(throws: DomainError.invalidInput(field: "purpose", reason: "请填写资金用途")) {
            try FinancingDemand(id: "D", uscc: "U", amountCents: 1, termMonths: 1, purpose: "\u{3000}", urgency: .withinWeek, publishedAt: published)
        }
    }

    @Test func firstTakerWins() throws {
        var d = try demand()
        let first = published.addingTimeInterval(2 * 3600 + 15 * 60)
        try d.take(by: "BANK1", at: first)
        #expect(throws: DomainError.illegalTransition(entity: "融资需求", from: "已接单", action: "接单")) {
            try d.take(by: "BANK2", at: first.addingTimeInterval(1))
        }
        #expect(d.status == .taken)
        #expect(d.takenBy == "BANK1")
        #expect(d.takenAt == first)
        #expect(d.timeToTake == 8100)
    }

    @Test func urgencyIsTheWindowForTaking() throws {
        #expect(DemandUrgency.allCases.map(\.label) == ["一周内", "一月内", "三月内"])
        #expect(DemandUrgency.allCases.map(\.days) == [7, 30, 90])
        var d = try demand(.withinWeek)
        let deadline = published.addingTimeInterval(7 * 86_400)
        #expect(d.expiresAt == deadline)
        #expect(throws: DomainError.illegalTransition(entity: "融资需求", from: "已过期", action: "接单")) {
            try d.take(by: "BANK1", at: deadline)
        }
        #expect(throws: DomainError.self) { try d.expire(at: deadline.addingTimeInterval(-1)) }
        try d.expire(at: deadline)
        #expect(d.status == .expired)
        #expect(d.endedAt == deadline)
        var early = try demand(.withinWeek)
        try early.take(by: "BANK1", at: deadline.addingTimeInterval(-1))
        #expect(early.status == .taken)
    }

    @Test func closingWithdrawingAndFinalStates() throws {
        var open = try demand()
        #expect(throws: DomainError.illegalTransition(entity: "融资需求", from: "待接单", action: "办结")) {
            try open.close(at: published)
        }
        try open.withdraw(at: published.addingTimeInterval(60))
        #expect(open.status == .withdrawn)
        #expect(throws: DomainError.illegalTransition(entity: "融资需求", from: "已撤回", action: "接单")) {
            try open.take(by: "BANK1", at: published.addingTimeInterval(120))
        }

        var taken = try demand()
        try taken.take(by: "BANK1", at: published.addingTimeInterval(60))
        #expect(throws: DomainError.illegalTransition(entity: "融资需求", from: "已接单", action: "过期关闭")) {
            try taken.expire(at: published.addingTimeInterval(30 * 86_400))
        }
        try taken.close(at: published.addingTimeInterval(86_400))
        #expect(taken.status == .closed)
        #expect(taken.status.isFinal)
        #expect(throws: DomainError.illegalTransition(entity: "融资需求", from: "已办结", action: "撤回")) {
            try taken.withdraw(at: published.addingTimeInterval(2 * 86_400))
        }
    }

    @Test func cannotBeTakenBeforePublicationOrAnonymously() throws {
        var d = try demand()
        #expect(throws: DomainError.self) { try d.take(by: "BANK1", at: published.addingTimeInterval(-1)) }
        #expect(throws: DomainError.self) { try d.take(by: " ", at: published) }
        #expect(d.status == .open)
    }
}
