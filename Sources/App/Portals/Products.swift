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
        var methods: [String]?; var min_grade: String?; var min_years: String?; var industries: [String]?
        var districts: [String]?; var auto_grade: String?; var auto_max_amount: String?
        var red_rate_cut: String?; var red_amount_raise: String?
        var introduction: String?; var conditions: String?; var materials: String?; var process: String?
        var contact_name: String?; var contact_phone: String?
    }

    /// The industries and districts of the catalog, by name, for the product form's checkboxes.
    static func choices(_ catalog: Catalog) -> ProductChoices {
        ProductChoices(industries: Reference.industries(in: catalog).map { .init(code: $0.0, name: $0.1) },
                       districts: Reference.districts(in: catalog).map { .init(code: $0.0, name: $0.1) })
    }

    /// The product as typed, every field checked at once: all problems come back together, each under the
    /// form key of its input (see `formKeys` for the product rules' own names).
    static func fromForm(_ form: Form, institutionID: Int64) throws -> LoanProduct {
        func list(_ values: [String]?) -> [String] {
            Array(Set((values ?? []).map { $0.trimmingSpaces() }.filter { !$0.isEmpty })).sorted()
        }
        func text(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let details = ProductDetails(introduction: text(form.introduction), conditions: text(form.conditions),
                                     materials: text(form.materials), process: text(form.process),
                                     contactName: text(form.contact_name), contactPhone: text(form.contact_phone))
        var checks = FieldChecks()
        let name = checks.run("name") { try Validate.text(form.name, field: "产品名称", max: 60) }
        let minAmount = checks.run("min_amount") { try Money.cents(form.min_amount, field: "最低额度") }
        let maxAmount = checks.run("max_amount") { try Money.cents(form.max_amount, field: "最高额度") }
        let minRate = checks.run("min_rate") { try Money.basisPoints(form.min_rate, field: "最低年利率") }
        let maxRate = checks.run("max_rate") { try Money.basisPoints(form.max_rate, field: "最高年利率") }
        let minTerm = checks.run("min_term") { try Validate.int(form.min_term, field: "最短期限", range: 1...360) }
        let maxTerm = checks.run("max_term") { try Validate.int(form.max_term, field: "最长期限", range: 1...360) }
        let years = checks.run("min_years") { () throws -> Int in
            guard let text = form.min_years?.nonEmpty else { return 0 }
            guard let years = Int(text), years >= 0 else { throw DomainError.invalidInput(field: "最低成立年限", reason: "应为不小于 0 的整数") }
            return years
        }
        var auto: AutoApprovalRules?
        if let grade = form.auto_grade?.nonEmpty {
            let cap = checks.run("auto_max_amount") { try Money.cents(form.auto_max_amount, field: "自动审批单笔上限") }
            auto = AutoApprovalRules([.minimumGrade(grade), .maximumAmount(cents: cap?.value ?? 0), .noDishonestRecord, .noOverdueLoans,
                                      .noPenaltyWithin(months: 12), .withinEstimatedQuota])
        }
        let redList = checks.run("red_rate_cut") { try Self.redList(form) }
        try checks.finish()
        return LoanProduct(
            id: "", institutionID: String(institutionID), name: name ?? "",
            type: ProductType(rawValue: form.type ?? "") ?? .pureCredit,
            amountRange: AmountRange(minCents: minAmount?.value ?? 0, maxCents: maxAmount?.value ?? 0),
            rateRange: RateRange(minBasisPoints: minRate ?? 0, maxBasisPoints: maxRate ?? 0),
            termRange: TermRange(minMonths: minTerm ?? 0, maxMonths: maxTerm ?? 0),
            repaymentMethods: (form.methods ?? []).compactMap(RepaymentMethod.init(rawValue:)),
            eligibility: EligibilityRules(minimumGrade: form.min_grade?.nonEmpty, industries: list(form.industries),
                                          districts: list(form.districts), minimumYearsInBusiness: years ?? 0),
            autoApproval: auto, redListPreference: redList ?? nil, details: details.isEmpty ? nil : details)
    }

    /// The product rules' names of fields (`rateRange` …) as the form's inputs are named, so a problem found
    /// by the rules is shown under the input it concerns.
    static let formKeys: [String: String] = [
        "name": "name", "amountRange": "max_amount", "rateRange": "max_rate", "termRange": "max_term",
        "repaymentMethods": "methods", "eligibility.minimumGrade": "min_grade",
        "eligibility.minimumYearsInBusiness": "min_years", "autoApproval": "auto_grade", "redListPreference": "red_rate_cut",
        "details.introduction": "introduction", "details.conditions": "conditions", "details.materials": "materials",
        "details.process": "process", "details.contactName": "contact_name", "details.contactPhone": "contact_phone",
    ]

    /// The 守信激励 preference as typed: basis points off the rate and percent more amount; both empty is none.
    static func redList(_ form: Form) throws -> RedListPreference? {
        let cut = try form.red_rate_cut?.nonEmpty.map { try Validate.int($0, field: "守信激励利率优惠（基点）", range: 1...1_000) }
        let raise = try form.red_amount_raise?.nonEmpty.map { try Validate.int($0, field: "守信激励额度上浮（%）", range: 1...100) }
        let preference = RedListPreference(rateCutBasisPoints: cut, amountRaisePercent: raise)
        return preference.isEmpty ? nil : preference
    }
}
