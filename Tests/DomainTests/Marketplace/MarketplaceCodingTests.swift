import Foundation
import Testing
@testable import Domain

@Suite struct MarketplaceCodingTests {
    typealias F = MarketplaceFixtures

    @Test func firmFactsEncodeTheirDayAsISOText() throws {
        let firm = F.firm(monthsSincePenalty: 5)
        #expect(try F.roundTrip(firm) == firm)
        let json = String(decoding: try JSONEncoder().encode(firm), as: UTF8.self)
        #expect(json.contains(#""established":"2015-03-01""#))
        let broken = json.replacingOccurrences(of: "2015-03-01", with: "2015-02-30")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FirmFacts.self, from: Data(broken.utf8)) }
    }

    @Test func decisionsEstimatesAndDemandsRoundTrip() throws {
        let firm = F.firm()
        let estimate = QuotaEstimate.estimate(for: firm, products: [F.product(), F.product(id: "P2", minGrade: "A+")],
                                              today: F.today)
        #expect(try F.roundTrip(estimate) == estimate)
        let decision = AutoApproval.decide(F.product(auto: [.noOverdueLoans]), firm,
                                           request: AutoApproval.Request(amountCents: F.yuan(200_000), termMonths: 6),
                                           today: F.today)
        #expect(decision.isApproved)
        #expect(try F.roundTrip(decision) == decision)
        var demand = try FinancingDemand(id: "D1", uscc: firm.uscc, amountCents: F.yuan(300_000), termMonths: 6,
                                         purpose: "发放工资", urgency: .withinMonth, publishedAt: F.date("2025-06-01"))
        try demand.take(by: "BANK1", at: F.date("2025-06-02"))
        #expect(try F.roundTrip(demand) == demand)
    }
}
