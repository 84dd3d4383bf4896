/// Whether a firm may apply for a product, and if not, every reason why (in Chinese, for the firm).
public enum Eligibility: Sendable, Equatable, Hashable, Codable {
    case eligible
    case ineligible(reasons: [String])

    public var isEligible: Bool { self == .eligible }

    public var reasons: [String] {
        if case .ineligible(let reasons) = self { return reasons }
        return []
    }

    /// Checks the product's `EligibilityRules` against the firm on `today`. The product's status is not
    /// considered here (see `QuotaEstimate`).
    public static func check(_ product: LoanProduct, _ facts: FirmFacts, today: Day,
                             grades: GradeScale = .standard) -> Eligibility {
        let rules = product.eligibility
        var reasons: [String] = []
        if let minimum = rules.minimumGrade, !grades.isAtLeast(facts.grade, minimum) {
            let current = facts.grade.isEmpty ? "未评级" : facts.grade
            reasons.append("信用等级需达到 \(minimum) 及以上（当前 \(current)）")
        }
        if !EligibilityRules.covers(rules.industries, facts.industryCode) {
            reasons.append("不在产品适用行业范围内")
        }
        if !EligibilityRules.covers(rules.districts, facts.districtCode) {
            reasons.append("不在产品适用区域范围内")
        }
        let months = facts.monthsInBusiness(on: today)
        if rules.minimumYearsInBusiness > 0, months < rules.minimumYearsInBusiness * 12 {
            reasons.append("成立年限需满 \(rules.minimumYearsInBusiness) 年（当前 \(MarketplaceText.duration(months: months))）")
        }
        if rules.excludeDishonest, facts.isDishonest {
            reasons.append("存在失信或黑名单记录")
        }
        return reasons.isEmpty ? .eligible : .ineligible(reasons: reasons)
    }
}
