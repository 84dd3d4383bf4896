import Domain
import Persistence
import Services
import Vapor
import Views

/// The product form as posted by the bank portal, turned into a product (the page itself is in Views).
enum Products {
    struct Form: Content {
        var name: String?; var type: String?; var min_amount: String?; var max_amount: String?
        var min_rate: String?; var max_rate: String?; var min_term: String?; var max_term: String?
        var methods: [String]?; var min_grade: String?; var min_years: String?; var industries: String?
        var districts: String?; var auto_grade: String?; var auto_max_amount: String?
        var red_rate_cut: String?; var red_amount_raise: String?
    }

    static func fromForm(_ form: Form, institutionID: Int64) throws -> LoanProduct {
        func list(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init)
        }
        var auto: AutoApprovalRules?
        if let grade = form.auto_grade?.nonEmpty {
            auto = AutoApprovalRules([.minimumGrade(grade), .maximumAmount(cents: try Money.cents(form.auto_max_amount, field: "自动审批单笔上限").value),
                                      .noDishonestRecord, .noOverdueLoans, .noPenaltyWithin(months: 12), .withinEstimatedQuota])
        }
        let minYears = (form.min_years?.nonEmpty).map { Int($0) } ?? 0
        guard let years = minYears, years >= 0 else { throw DomainError.invalidInput(field: "最低成立年限", reason: "应为不小于 0 的整数") }
        return LoanProduct(
            id: "", institutionID: String(institutionID), name: try Validate.text(form.name, field: "产品名称", max: 60),
            type: ProductType(rawValue: form.type ?? "") ?? .pureCredit,
            amountRange: AmountRange(minCents: try Money.cents(form.min_amount, field: "最低额度").value,
                                     maxCents: try Money.cents(form.max_amount, field: "最高额度").value),
            rateRange: RateRange(minBasisPoints: try Money.basisPoints(form.min_rate, field: "最低年利率"),
                                 maxBasisPoints: try Money.basisPoints(form.max_rate, field: "最高年利率")),
            termRange: TermRange(minMonths: try Validate.int(form.min_term, field: "最短期限", range: 1...360),
                                 maxMonths: try Validate.int(form.max_term, field: "最长期限", range: 1...360)),
            repaymentMethods: (form.methods ?? []).compactMap(RepaymentMethod.init(rawValue:)),
            eligibility: EligibilityRules(minimumGrade: form.min_grade?.nonEmpty, industries: list(form.industries),
                                          districts: list(form.districts), minimumYearsInBusiness: years),
            autoApproval: auto, redListPreference: try redList(form))
    }

    /// The 守信激励 preference as typed: basis points off the rate and percent more amount; both empty is none.
    static func redList(_ form: Form) throws -> RedListPreference? {
        let cut = try form.red_rate_cut?.nonEmpty.map { try Validate.int($0, field: "守信激励利率优惠（基点）", range: 1...1_000) }
        let raise = try form.red_amount_raise?.nonEmpty.map { try Validate.int($0, field: "守信激励额度上浮（%）", range: 1...100) }
        let preference = RedListPreference(rateCutBasisPoints: cut, amountRaisePercent: raise)
        return preference.isEmpty ? nil : preference
    }
}
