import Domain
import Foundation
@testable import Views

/// Fixed values for the pre-approval and credit-line pages.
enum CreditLineFixtures {
    typealias F = PortalFixtures
    static let day = Day(year: 2026, month: 3, day: 1)

    static var table: PreapprovalTable {
        PreapprovalTable(basis: .grade, bands: [
            .init(grade: "A+", maxLimit: Cents(yuan: 3_000_000), rates: RateRange(minBasisPoints: 380, maxBasisPoints: 400), termMonths: 12),
            .init(grade: "A", maxLimit: Cents(yuan: 2_000_000), rates: RateRange(minBasisPoints: 390, maxBasisPoints: 410), termMonths: 12),
        ], ceiling: DefaultProbability(ppm: 50_000))
    }

    static var run: PreapprovalRun {
        PreapprovalRun(id: 7, institutionID: 1, productID: 3, productName: "工信e贷", source: .scorecard, table: table,
                       scaling: .standard, requireRecommended: false, validUntil: day.adding(days: 30), ranOn: day, ranBy: "dlbank-staff",
                       universe: 30_512, excluded: ["失信或黑名单": 312, "尚无信用评价": 1_200], declined: ["信用等级不在授信表中": 9_000],
                       offers: 20_000, offeredTotal: Cents(yuan: 11_000_000_000), offersDigest: "sha256:" + String(repeating: "ab", count: 32),
                       elapsedMillis: 2_345)
    }

    static func offer(id: Int64 = 11, status: PreapprovalOffer.Status = .offered) -> PreapprovalOffer {
        PreapprovalOffer(id: id, runID: 7, institutionID: 1, institutionName: "大连银行", productID: 3, productName: "工信e贷",
                         uscc: "91210202MA0000001X", firmName: "大连海韵科技有限公司", status: status, limit: Cents(yuan: 3_000_000),
                         rate: AnnualRate(basisPoints: 382), rates: RateRange(minBasisPoints: 380, maxBasisPoints: 400), termMonths: 12,
                         probability: DefaultProbability(ppm: 3_200), validUntil: day.adding(days: 30),
                         reasons: ["违约概率 0.32%（来源：银行评分卡（按公共信用综合评价得分换算））",
                                   "信用等级 A+ 对应：最高额度 300万元，利率 3.80%–4.00%，期限 12 个月",
                                   "执行利率按违约概率在区间内定位：3.82%（概率越低利率越低）", "预授信额度 300 万元，循环使用，随借随还"])
    }

    static var line: CreditLineSummary {
        var ledger = CreditLineLedger(limit: Cents(yuan: 3_000_000), rate: AnnualRate(basisPoints: 382), openedOn: day, termMonths: 12)
        ledger.record(.draw(id: 41, day: day, amount: Cents(yuan: 1_000_000)))
        ledger.record(CreditLineEntry(id: 42, kind: .repayment, day: day.adding(days: 20), amount: Cents(yuan: 400_000),
                                      interestPart: Cents(212_222), principalPart: Cents(yuan: 400_000) - Cents(212_222)))
        ledger.record(.draw(id: 43, day: day.adding(days: 25), amount: Cents(yuan: 200_000), coupon: DrawCoupon(couponID: 6, cutBasisPoints: 20)))
        let line = CreditLine(id: 5, offerID: 11, institutionID: 1, institutionName: "大连银行", productID: 3, productName: "工信e贷",
                              uscc: "91210202MA0000001X", firmName: "大连海韵科技有限公司", ledger: ledger)
        return CreditLineSummary(line: line, asOf: day.adding(days: 35), thresholds: .default)
    }

    static var product: LoanProduct {
        LoanProduct(id: "3", institutionID: "1", name: "工信e贷", type: .pureCredit, amountRange: AmountRange(minYuan: 10_000, maxYuan: 3_000_000),
                    rateRange: RateRange(minBasisPoints: 350, maxBasisPoints: 450), termRange: TermRange(minMonths: 1, maxMonths: 12),
                    repaymentMethods: RepaymentMethod.allCases, status: .online)
    }
}
