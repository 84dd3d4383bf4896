import Foundation
import Testing
@testable import Domain

@Suite struct MoneyTests {
    @Test func yuanText() {
        #expect(Cents(123_456).yuanText == "¥1,234.56")
        #expect(Cents(5).yuanText == "¥0.05")
        #expect(Cents(0).yuanText == "¥0.00")
        #expect(Cents(100_000_000_00).yuanText == "¥100,000,000.00")
        #expect(Cents(99_999).yuanText == "¥999.99")
        #expect(Cents(-123_456).yuanText == "-¥1,234.56")
        #expect(Cents(yuan: 120_000).yuanText == "¥120,000.00")
    }

    @Test func wanYuanTextRoundsHalfUp() {
        #expect(Cents(12_345_678).wanYuanText == "12.35万元")   // 123,456.78 yuan
        #expect(Cents(12_345_000).wanYuanText == "12.35万元")   // 123,450.00: exactly half, rounds up
        #expect(Cents(12_344_999).wanYuanText == "12.34万元")
        #expect(Cents(yuan: 3_000_000).wanYuanText == "300.00万元")
        #expect(Cents(yuan: 123_456_789).wanYuanText == "12,345.68万元")
        #expect(Cents(4_999).wanYuanText == "0.00万元")
        #expect(Cents(-12_345_678).wanYuanText == "-12.35万元")
    }

    @Test func ratePercentText() {
        #expect(AnnualRate(basisPoints: 435).percentText == "4.35%")
        #expect(AnnualRate(basisPoints: 300).percentText == "3.00%")
        #expect(AnnualRate(basisPoints: 5).percentText == "0.05%")
        #expect(AnnualRate.benchmark == AnnualRate(basisPoints: 435))
    }

    @Test func rateCapThirtyPercentAboveBenchmark() {
        // 4.35 × 1.3 = 5.655 → 5.66 (half up).
        #expect(AnnualRate.benchmark.raised(byPercent: 30) == AnnualRate(basisPoints: 566))
        #expect(AnnualRate(basisPoints: 300).raised(byPercent: 0) == AnnualRate(basisPoints: 300))
    }

    @Test func monthlyInterestRoundsHalfUpToTheCent() {
        let rate = AnnualRate(basisPoints: 1200)   // 1 % a month
        #expect(rate.interest(on: 12_000_000) == 120_000)
        #expect(rate.interest(on: 50) == 1)      // 0.50 → 1
        #expect(rate.interest(on: 49) == 0)      // 0.49 → 0
        #expect(rate.interest(on: 150) == 2)     // 1.50 → 2
        // 100,000.01 yuan at 4.35 %: 10,000,001 × 0.0435 / 12 = 36,250.0036 → 36,250.
        #expect(AnnualRate(basisPoints: 435).interest(on: 10_000_001) == 36_250)
        // Simple interest for 12 months at once, one rounding: 99 × 15 % = 14.85 → 15.
        #expect(AnnualRate(basisPoints: 1500).interest(on: 99, months: 12) == 15)
    }

    @Test func codableAsPlainNumbers() throws {
        let terms = LoanTerms(amount: 12_345, rate: AnnualRate(basisPoints: 435), termMonths: 12, method: .equalPrincipal)
        let json = String(decoding: try JSONEncoder().encode(terms), as: UTF8.self)
        #expect(json.contains("\"amount\":12345"))
        #expect(json.contains("\"rate\":435"))
        #expect(json.contains("\"method\":\"equal_principal\""))
        #expect(try JSONDecoder().decode(LoanTerms.self, from: Data(json.utf8)) == terms)
    }

    @Test func repaymentMethodIdsAndLabels() {
        #expect(RepaymentMethod.allCases.map(\.rawValue) == ["equal_installment", "equal_principal", "interest_first", "bullet"])
        #expect(RepaymentMethod.allCases.map(\.label) == ["等额本息", "等额本金", "先息后本", "到期一次还本付息"])
    }
}
