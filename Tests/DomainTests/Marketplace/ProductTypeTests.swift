import Foundation
import Testing
@testable import Domain

@Suite struct ProductTypeTests {
    @Test func stableRawValuesAndChineseLabels() {
        let expected: [(ProductType, String, String)] = [
            (.pureCredit, "pure_credit", "纯信用"), (.guaranteed, "guaranteed", "担保"),
            (.supplyChain, "supply_chain", "供应链"), (.ipPledge, "ip_pledge", "知识产权质押"),
            (.collateral, "collateral", "抵押"), (.other, "other", "其他"),
        ]
        #expect(ProductType.allCases.count == expected.count)
        for (type, raw, label) in expected {
            #expect(type.rawValue == raw)
            #expect(type.label == label)
            #expect(ProductType(rawValue: raw) == type)
        }
    }

    @Test func productStatusLabels() {
        #expect(ProductStatus.allCases.map(\.label) == ["草稿", "待审核", "已上架", "已下架"])
        #expect(ProductStatus.pendingReview.rawValue == "pending_review")
    }

    @Test func productRoundTripsWithRulesAsIDAndValue() throws {
        let product = MarketplaceFixtures.product(minGrade: "A", industries: ["C"], auto: [
            .minimumGrade("A"), .maximumAmount(cents: 100_000_000), .maximumTerm(months: 12), .noOverdueLoans,
            .noPenaltyWithin(months: 24), .minimumScore(700), .noDishonestRecord, .withinEstimatedQuota,
        ])
        #expect(try MarketplaceFixtures.roundTrip(product) == product)

        let json = String(decoding: try JSONEncoder().encode(AutoApprovalRule.noPenaltyWithin(months: 24)), as: UTF8.self)
        #expect(json.contains("\"id\":\"no_penalty_within\""))
        #expect(json.contains("\"value\":24"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AutoApprovalRule.self, from: Data(#"{"id":"be_nice"}"#.utf8))
        }
    }
}
