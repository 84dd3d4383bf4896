import Foundation
@testable import Domain

/// Crafted products and firms for the marketplace tests.
enum MarketplaceFixtures {
    static let equalInstallment = RepaymentMethod(rawValue: "equal_installment")!
    static let interestFirst = RepaymentMethod(rawValue: "interest_first")!
    static let bullet = RepaymentMethod(rawValue: "bullet")!

    /// LPR 3.0 % × 1.3.
    static let policy = ProductPolicy(rateCapBasisPoints: 390)
    static let today = Day(year: 2025, month: 6, day: 15)

    /// A pure-credit product: 10万–300万元, 3.20–3.80 %, 1–12 months, online.
    static func product(id: String = "P1", institutionID: String = "BANK1", minGrade: String? = nil,
                        amount: AmountRange = AmountRange(minYuan: 100_000, maxYuan: 3_000_000),
                        rate: RateRange = RateRange(minBasisPoints: 320, maxBasisPoints: 380),
                        term: TermRange = TermRange(minMonths: 1, maxMonths: 12),
                        industries: [String] = [], districts: [String] = [], minYears: Int = 0,
                        auto: [AutoApprovalRule]? = nil, status: ProductStatus = .online) -> LoanProduct {
        LoanProduct(id: id, institutionID: institutionID, name: "产品\(id)", type: .pureCredit, amountRange: amount,
                    rateRange: rate, termRange: term, repaymentMethods: [equalInstallment, interestFirst],
                    eligibility: EligibilityRules(minimumGrade: minGrade, industries: industries, districts: districts,
                                                  minimumYearsInBusiness: minYears),
                    autoApproval: auto.map(AutoApprovalRules.init), status: status)
    }

    static func firm(grade: String = "A", score: Int = 800, industry: String = "C13", district: String = "210202",
                     established: Day = Day(year: 2015, month: 3, day: 1), dishonest: Bool = false,
                     overdue: Bool = false, monthsSincePenalty: Int? = nil) -> FirmFacts {
        FirmFacts(uscc: "91350100M000100Y43", name: "大连示例科技有限公司", grade: grade, score: score,
                  industryCode: industry, districtCode: district, established: established, isDishonest: dishonest,
                  hasOverdueLoans: overdue, monthsSinceLastPenalty: monthsSincePenalty)
    }

    static func yuan(_ y: Int64) -> Int64 { y * 100 }

    static func date(_ iso: String, hour: Int = 9) -> Date {
        Day(iso: iso)!.date.addingTimeInterval(Double(hour) * 3600)
    }

    static func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try JSONDecoder().decode(T.self, from: encoder.encode(value))
    }
}
