import Domain
import Testing
@testable import Views

@Suite("Indicator formulas in Chinese")
struct FormulaTextTests {
    private func text(_ code: String) -> String {
        IndicatorCatalog.indicator(code).map { FormulaText.describe($0.formula) } ?? "missing \(code)"
    }

    @Test("ratios, sums of classes, percentiles, changes and distinct counts read as written")
    func examples() {
        #expect(text("lending.credit_loan_share") == "信用贷款金额 ÷ 放款金额，以百分比表示；分母为零时不计算")
        #expect(text("risk.npl_balance") == "期末存量金额：次级类余额＋可疑类余额＋损失类余额")
        #expect(text("demand.take_days_median") == "发布至接单天数的中位数（最近秩法）；无观测时不计算")
        #expect(text("demand.take_days_p90") == "发布至接单天数的第90百分位数（最近秩法）；无观测时不计算")
        #expect(text("lending.average_rate_change").hasPrefix("本期加权平均利率减去比较期"))
        #expect(text("lending.loan_firms") == "期内去重计数（同一对象只计一次）：获得放款的企业")
        #expect(text("platform.firms_registered") == "期末存量：注册企业户数")
        #expect(text("lending.loans") == "期内合计：放款笔数")
    }

    @Test("every indicator of the catalog has a description without raw codes")
    func everyIndicator() {
        for indicator in IndicatorCatalog.all {
            let description = FormulaText.describe(indicator.formula)
            #expect(!description.isEmpty)
            #expect(!description.contains { $0.isASCII && ($0.isLetter || $0 == "_") }, "\(indicator.code): \(description)")
        }
    }
}
