import Domain
import Persistence
import Services
import Vapor
import Views

/// Pieces of the product pages: the product form, its facts, its status badge.
enum Products {
    struct Form: Content {
        var name: String?; var type: String?; var min_amount: String?; var max_amount: String?
        var min_rate: String?; var max_rate: String?; var min_term: String?; var max_term: String?
        var methods: [String]?; var min_grade: String?; var min_years: String?; var industries: String?
        var districts: String?; var auto_grade: String?; var auto_max_amount: String?
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
            autoApproval: auto)
    }

    /// The product form, empty with sensible defaults for a new product or filled from a draft.
    static func formFields(_ p: LoanProduct?, grades: [(String, String)]) -> [PortalPage.Field] {
        func yuan(_ cents: Int64?, _ fallback: String) -> String { cents.map { String($0 / 100) } ?? fallback }
        func percent(_ bp: Int?, _ fallback: String) -> String { bp.map { String(format: "%.2f", Double($0) / 100) } ?? fallback }
        var autoGrade = ""
        var autoMax: Int64?
        for rule in p?.autoApproval?.rules ?? [] {
            switch rule {
            case .minimumGrade(let grade): autoGrade = grade
            case .maximumAmount(let cents): autoMax = cents
            default: break
            }
        }
        let methods = Set(p?.repaymentMethods ?? RepaymentMethod.allCases)
        return [
            .init("name", "产品名称", value: p?.name ?? "", isRequired: true),
            .init("type", "产品类型", kind: .options(ProductType.allCases.map { ($0.rawValue, $0.label) },
                                                     selected: p?.type.rawValue ?? "pure_credit")),
            .init("min_amount", "最低额度（元）", kind: .number, value: yuan(p?.amountRange.minCents, "100000"), isRequired: true),
            .init("max_amount", "最高额度（元）", kind: .number, value: yuan(p?.amountRange.maxCents, "3000000"), isRequired: true),
            .init("min_rate", "最低年利率（%）", kind: .number, value: percent(p?.rateRange.minBasisPoints, "3.45"), isRequired: true),
            .init("max_rate", "最高年利率（%）", kind: .number, value: percent(p?.rateRange.maxBasisPoints, "5.50"), isRequired: true),
            .init("min_term", "最短期限（月）", kind: .number, value: String(p?.termRange.minMonths ?? 3), isRequired: true),
            .init("max_term", "最长期限（月）", kind: .number, value: String(p?.termRange.maxMonths ?? 36), isRequired: true),
            .init("methods", "还款方式", kind: .checkboxes(RepaymentMethod.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, isSelected: methods.contains($0)) })),
            .init("min_grade", "最低信用等级", kind: .options([("", "不限")] + grades, selected: p.map { $0.eligibility.minimumGrade ?? "" } ?? "B")),
            .init("min_years", "最低成立年限（年）", kind: .number, value: String(p?.eligibility.minimumYearsInBusiness ?? 1)),
            .init("industries", "适用行业代码（逗号分隔，空为不限）", value: p?.eligibility.industries.joined(separator: ",") ?? "",
                  hint: "国民经济行业门类字母，如 C,F,I"),
            .init("districts", "适用区县代码（逗号分隔，空为不限）", value: p?.eligibility.districts.joined(separator: ",") ?? "",
                  hint: "如 2102 表示大连全市"),
            .init("auto_grade", "自动审批：最低等级（空为不开启自动审批）", kind: .options([("", "不开启")] + grades, selected: autoGrade)),
            .init("auto_max_amount", "自动审批：单笔上限（元）", kind: .number, value: yuan(autoMax, "1000000")),
        ]
    }

    static func badge(_ status: ProductStatus) -> PortalPage.Cell {
        let tone: PortalPage.Tone = switch status {
        case .draft: .neutral
        case .pendingReview: .warning
        case .online: .success
        case .offline: .neutral
        }
        return .badge(status.label, tone: tone)
    }

    static func blocks(_ p: LoanProduct, institutionName: String? = nil) -> [PortalPage.Block] {
        var facts: [PortalPage.Fact] = [
            .init("类型", p.type.label), .init("额度", p.amountRange.text), .init("年利率", p.rateRange.text),
            .init("期限", p.termRange.text), .init("还款方式", p.repaymentMethods.map(\.label).joined(separator: "、")),
            .init("最低信用等级", p.eligibility.minimumGrade.map { "\($0) 及以上" } ?? "不限"),
            .init("最低成立年限", p.eligibility.minimumYearsInBusiness > 0 ? "\(p.eligibility.minimumYearsInBusiness) 年" : "不限"),
            .init("适用行业", p.eligibility.industries.isEmpty ? "不限" : p.eligibility.industries.joined(separator: "、")),
            .init("适用区县", p.eligibility.districts.isEmpty ? "不限" : p.eligibility.districts.joined(separator: "、")),
            .init("失信企业", p.eligibility.excludeDishonest ? "不受理" : "不限"),
            .init("状态", cell: badge(p.status)),
        ]
        if let institutionName { facts.insert(.init("金融机构", institutionName), at: 0) }
        if let note = p.reviewNote { facts.append(.init("审核意见", note)) }
        var blocks: [PortalPage.Block] = [.facts(title: "产品要素", facts)]
        if let rules = p.autoApproval?.rules, !rules.isEmpty {
            blocks.append(.text(title: "系统自动审批规则（全部满足时即时批准）", paragraphs: rules.map { "· \($0.text)" }))
        }
        return blocks
    }
}
