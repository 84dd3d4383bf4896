import Domain
import Testing

/// The supermarket's filters and the product page's text (issue 16, product setup).
@Suite struct ProductSearchTests {
    let product = LoanProduct(id: "3", institutionID: "1", name: "纳税贷", type: .pureCredit,
                              amountRange: AmountRange(minYuan: 100_000, maxYuan: 3_000_000),
                              rateRange: RateRange(minBasisPoints: 345, maxBasisPoints: 550),
                              termRange: TermRange(minMonths: 6, maxMonths: 36), repaymentMethods: [.equalInstallment])

    @Test func aProductMatchesWhenItsRangesHoldWhatTheFirmNeeds() {
        #expect(ProductSearch().matches(product))
        #expect(ProductSearch(amount: Cents(300_000_000), termMonths: 36, type: .pureCredit, maxRate: AnnualRate(basisPoints: 345)).matches(product),
                "the ends of every range are included")
        #expect(!ProductSearch(amount: Cents(300_000_001)).matches(product))
        #expect(!ProductSearch(amount: Cents(9_999_999)).matches(product))
        #expect(!ProductSearch(termMonths: 5).matches(product))
        #expect(!ProductSearch(maxRate: AnnualRate(basisPoints: 344)).matches(product), "its lowest rate is above what the firm accepts")
        #expect(!ProductSearch(type: .guaranteed).matches(product))
        #expect(!ProductSearch(institutionID: "2").matches(product))
    }

    @Test func theDetailsAreCheckedEachUnderItsOwnField() {
        var p = product
        p.details = ProductDetails(introduction: String(repeating: "字", count: ProductDetails.maxLength + 1), contactPhone: "abc")
        let fields = p.problems(ProductPolicy(rateCapBasisPoints: 1_500)).compactMap { problem -> String? in
            if case .invalidInput(let field, _) = problem { field } else { nil }
        }
        #expect(fields == ["details.introduction", "details.contactPhone"])
        for phone in ["13912345678", "0411-12345678", "041112345678", "400-820-8820"] {
            p.details = ProductDetails(contactPhone: phone)
            #expect(p.problems(ProductPolicy(rateCapBasisPoints: 1_500)).isEmpty, "\(phone)")
        }
        #expect(ProductDetails(introduction: "介绍", process: "流程").sections.map(\.title) == ["产品介绍", "办理流程"])
        #expect(ProductDetails(contactName: "张经理").contact == "张经理")
        #expect(ProductDetails().contact == nil)
    }
}
