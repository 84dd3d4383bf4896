/// A loan registered (入库) in a fund: what a later claim is computed on.
public struct FundCoverage: Sendable, Equatable, Codable {
    public var schemeCode: String
    /// The scheme version in force on the disbursement day; the claim is computed under the version in force on
    /// its own filing day, and both are recorded.
    public var version: Int
    public var loanId: String
    public var institutionId: String
    public var firmUSCC: String
    public var amount: Cents
    public var disbursedOn: Day
    public var maturesOn: Day
    public var registeredOn: Day
    /// The loan's features that bonuses look at.
    public var features: FundLoanFeatures

    public init(schemeCode: String, version: Int, loanId: String, institutionId: String, firmUSCC: String, amount: Cents,
                disbursedOn: Day, maturesOn: Day, registeredOn: Day, features: FundLoanFeatures) {
        self.schemeCode = schemeCode; self.version = version; self.loanId = loanId; self.institutionId = institutionId
        self.firmUSCC = firmUSCC; self.amount = amount; self.disbursedOn = disbursedOn; self.maturesOn = maturesOn
        self.registeredOn = registeredOn; self.features = features
    }
}

/// Whether a loan enters the fund, and if not, every reason why.
public enum FundRegistrationOutcome: Sendable, Equatable {
    case covered(FundCoverage)
    case notCovered([FundReason])

    public var coverage: FundCoverage? { if case .covered(let c) = self { c } else { nil } }
    public var reasons: [FundReason] { if case .notCovered(let r) = self { r } else { [] } }
    public var isCovered: Bool { coverage != nil }
}

/// 入库: the check of a disbursed loan, its firm and its institution against a scheme version.
public enum FundRegistration {
    /// The loan checked under the version of `scheme` in force on its disbursement day, registered on `day`.
    public static func check(loan: FundLoanFacts, firm: FundFirmFacts, institution: FundInstitutionFacts,
                             scheme: FundScheme, on day: Day) -> FundRegistrationOutcome {
        guard let version = scheme.version(on: loan.disbursedOn) else {
            return .notCovered([FundReason(code: "no_scheme_version", text: "放款日 \(loan.disbursedOn) \(scheme.name)没有生效的方案版本")])
        }
        return check(loan: loan, firm: firm, institution: institution, version: version, schemeCode: scheme.code, on: day)
    }

    /// The loan checked under `version`; every failed rule is a reason, in the order institution, firm, loan.
    public static func check(loan: FundLoanFacts, firm: FundFirmFacts, institution: FundInstitutionFacts,
                             version: FundScheme.Version, schemeCode: String, on day: Day) -> FundRegistrationOutcome {
        var reasons: [FundReason] = []
        func no(_ code: String, _ text: String) { reasons.append(FundReason(code: code, text: text)) }

        let i = version.institution
        if i.agreementRequired, !institution.hasAgreement(on: day) { no("no_agreement", "贷款机构未与基金签订合作协议，或协议不在有效期内") }
        if i.activeRequired, !institution.active { no("institution_inactive", "贷款机构已停用") }
        if institution.registrationsPaused { no("registrations_paused", "贷款机构的新增入库已暂停（熔断）") }

        let f = version.firm
        if f.recommendedListRequired, !firm.onRecommendedList { no("not_recommended", "企业不在推荐清单内") }
        if !f.sizeClasses.isEmpty, !f.sizeClasses.contains(firm.sizeClass) {
            no("size_class", "企业规模为\(firm.sizeClass.label)，方案仅支持\(f.sizeClasses.map(\.label).joined(separator: "、"))")
        }
        if !f.localDistrictPrefixes.isEmpty, !f.localDistrictPrefixes.contains(where: { firm.firm.districtCode.hasPrefix($0) }) {
            no("not_local", "企业注册地（\(firm.firm.districtCode)）不在本方案区域内")
        }
        if f.excludeDishonest, firm.firm.isDishonest { no("dishonest", "企业被列入失信名单") }
        if let prefix = f.excludedIndustryPrefixes.first(where: { !$0.isEmpty && firm.firm.industryCode.hasPrefix($0) }) {
            no("industry_excluded", "企业所属行业（\(firm.firm.industryCode)）属于不支持的行业“\(prefix)”")
        }
        if let months = f.minimumMonthsInBusiness, firm.firm.monthsInBusiness(on: loan.disbursedOn) < months {
            no("too_young", "企业成立不满 \(months) 个月")
        }

        let l = version.loan
        if !loan.amount.isPositive { no("amount_invalid", "贷款金额必须大于零") }
        if let max = l.maxAmount, loan.amount > max { no("amount_above_max", "贷款金额\(loan.amount.yuanText)超过方案上限\(max.yuanText)") }
        if !l.productTypes.isEmpty, !l.productTypes.contains(loan.productType) {
            no("product_type", "贷款品种为\(loan.productType.label)，方案仅覆盖\(l.productTypes.map(\.label).joined(separator: "、"))")
        }
        if l.firstLoanOnly, !loan.firstLoan { no("not_first_loan", "方案仅覆盖首贷，该笔不是企业的首笔贷款") }
        if let ceiling = l.rateCeiling(reference: loan.referenceRate), loan.rate > ceiling {
            let base = loan.referenceRate ?? l.referenceRate ?? ceiling
            no("rate_above_cap", "年利率\(loan.rate.percentText)超过上限\(ceiling.percentText)（参考利率\(base.percentText)上浮\(l.rateMarkupPercent ?? 0)%）")
        }
        reasons += termReasons(loan: loan, rules: l)
        if let word = l.excludedPurposes.first(where: { !$0.isEmpty && loan.purpose.contains($0) }) {
            no("purpose_excluded", "贷款用途含“\(word)”，不属于补偿范围")
        }
        if l.throughPlatformOnly, !loan.throughPlatform { no("not_through_platform", "贷款未通过平台发放") }
        if l.excludeOtherCompensation, loan.otherCompensation { no("other_compensation", "贷款已享受其他风险补偿或担保政策") }
        if day < loan.disbursedOn { no("not_disbursed", "入库日期早于放款日期") }
        if let within = l.registrationWithinDays, loan.disbursedOn.days(until: day) > within {
            no("registration_late", "放款后超过 \(within) 天才入库")
        }

        guard reasons.isEmpty else { return .notCovered(reasons) }
        return .covered(FundCoverage(schemeCode: schemeCode, version: version.version, loanId: loan.loanId,
                                     institutionId: loan.institutionId, firmUSCC: loan.firmUSCC, amount: loan.amount,
                                     disbursedOn: loan.disbursedOn, maturesOn: loan.maturesOn, registeredOn: day,
                                     features: loan.features(keySupportFirm: firm.keySupportList)))
    }

    /// The term against the limit in principle and the absolute limit: a loan maturing exactly `n` months after
    /// disbursement has a term of `n` months; one day later is over.
    static func termReasons(loan: FundLoanFacts, rules l: FundScheme.LoanRules) -> [FundReason] {
        guard loan.disbursedOn < loan.maturesOn else {
            return [FundReason(code: "term_invalid", text: "到期日须晚于放款日")]
        }
        let absoluteEnd = LoanCalendar.adding(months: l.absoluteTermLimitMonths, to: loan.disbursedOn)
        if loan.maturesOn > absoluteEnd {
            return [FundReason(code: "term_over_absolute", text: "贷款期限超过\(monthsText(l.absoluteTermLimitMonths))，不属于补偿范围")]
        }
        let limitEnd = LoanCalendar.adding(months: l.termLimitMonths, to: loan.disbursedOn)
        if loan.maturesOn > limitEnd, !(l.termExceptionAllowed && loan.termExceptionApproved) {
            let text = l.termExceptionAllowed ? "贷款期限超过\(monthsText(l.termLimitMonths))（原则上限），且未经批准例外"
                                              : "贷款期限超过\(monthsText(l.termLimitMonths))"
            return [FundReason(code: "term_over_limit", text: text)]
        }
        return []
    }

    /// `2 年`, `18 个月`.
    static func monthsText(_ months: Int) -> String {
        months % 12 == 0 ? " \(months / 12) 年" : " \(months) 个月"
    }
}
