extension LoanProduct {
    /// Every problem of the product, in form order, as `DomainError.invalidInput` with a Chinese reason.
    public func problems(_ policy: ProductPolicy) -> [DomainError] {
        var problems: [DomainError] = []
        func add(_ field: String, _ reason: String) { problems.append(.invalidInput(field: field, reason: reason)) }

        if MarketplaceText.trimmed(name).isEmpty { add("name", "产品名称不能为空") }
        if MarketplaceText.trimmed(institutionID).isEmpty { add("institutionID", "须指定发布产品的金融机构") }
        do { try redListPreference?.validate() } catch { problems.append(error) }

        let a = amountRange
        if a.minCents <= 0 {
            add("amountRange", "最低额度须大于 0")
        } else if a.minCents > a.maxCents {
            add("amountRange", "最低额度（\(MarketplaceText.yuan(a.minCents))）不能高于最高额度（\(MarketplaceText.yuan(a.maxCents))）")
        }

        let r = rateRange
        if r.minBasisPoints <= 0 {
            add("rateRange", "最低年利率须大于 0")
        } else if r.minBasisPoints > r.maxBasisPoints {
            add("rateRange", "最低年利率（\(MarketplaceText.rate(r.minBasisPoints))）不能高于最高年利率（\(MarketplaceText.rate(r.maxBasisPoints))）")
        } else if r.maxBasisPoints > policy.rateCapBasisPoints {
            add("rateRange", "最高年利率 \(MarketplaceText.rate(r.maxBasisPoints)) 超过平台上限 \(MarketplaceText.rate(policy.rateCapBasisPoints))")
        }

        let t = termRange
        if t.minMonths < 1 || t.maxMonths > policy.maxTermMonths {
            add("termRange", "贷款期限须在 1–\(policy.maxTermMonths) 个月之间")
        } else if t.minMonths > t.maxMonths {
            add("termRange", "最短期限（\(t.minMonths) 个月）不能长于最长期限（\(t.maxMonths) 个月）")
        }

        if repaymentMethods.isEmpty { add("repaymentMethods", "至少选择一种还款方式") }

        if let grade = eligibility.minimumGrade, !policy.grades.contains(grade) {
            add("eligibility.minimumGrade", "未知的信用等级“\(grade)”")
        }
        if eligibility.minimumYearsInBusiness < 0 { add("eligibility.minimumYearsInBusiness", "成立年限不能为负数") }

        if let auto = autoApproval { problems += auto.problems(policy) }
        if let details { problems += details.problems() }
        return problems
    }

    /// Throws every one of `problems(_:)` at once (one problem as itself, several as `invalidFields`).
    public func validate(_ policy: ProductPolicy) throws(DomainError) {
        let all = problems(policy)
        guard let first = all.first else { return }
        guard all.count > 1 else { throw first }
        throw .invalidFields(all.map { problem in
            if case .invalidInput(let field, let reason) = problem { FormProblem(field: field, reason: reason) }
            else { FormProblem(field: "", reason: problem.message) }
        })
    }
}

extension AutoApprovalRules {
    func problems(_ policy: ProductPolicy) -> [DomainError] {
        var problems: [DomainError] = []
        func add(_ reason: String) { problems.append(.invalidInput(field: "autoApproval", reason: reason)) }
        if rules.isEmpty { add("开启自动审批须至少设置一条规则") }
        var seen: Set<String> = []
        for rule in rules {
            if !seen.insert(rule.id).inserted { add("规则“\(rule.text)”与同类规则重复") }
            switch rule {
            case .minimumGrade(let grade) where !policy.grades.contains(grade): add("未知的信用等级“\(grade)”")
            case .minimumScore(let score) where !(0...1000).contains(score): add("信用评分须在 0–1000 之间")
            case .maximumAmount(let cents) where cents <= 0: add("自动审批金额上限须大于 0")
            case .maximumTerm(let months) where months < 1: add("自动审批期限上限须至少 1 个月")
            case .noPenaltyWithin(let months) where months < 1: add("无处罚期间须至少 1 个月")
            default: break
            }
        }
        return problems
    }
}

extension ProductDetails {
    /// Too long a text, or a contact phone that is not a phone number; each named by its own field.
    func problems() -> [DomainError] {
        var problems: [DomainError] = []
        let texts: [(String, String, String)] = [("details.introduction", "产品介绍", introduction), ("details.conditions", "申请条件", conditions),
                                                 ("details.materials", "所需材料", materials), ("details.process", "办理流程", process)]
        for (field, label, text) in texts where text.count > Self.maxLength {
            problems.append(.invalidInput(field: field, reason: "\(label)不能超过 \(Self.maxLength) 字（现为 \(text.count) 字）"))
        }
        if contactName.count > 30 { problems.append(.invalidInput(field: "details.contactName", reason: "联系人不能超过 30 字")) }
        if !contactPhone.isEmpty, !Self.isPhone(contactPhone) {
            problems.append(.invalidInput(field: "details.contactPhone", reason: "应为手机号码或固定电话（如 0411-12345678）"))
        }
        return problems
    }

    /// A mobile number (11 digits from 1) or a landline with area code (0411-12345678, 041112345678, 400-…).
    static func isPhone(_ text: String) -> Bool {
        let digits = text.filter { $0 != "-" && $0 != " " }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), (7...12).contains(digits.count) else { return false }
        if digits.count == 11, digits.hasPrefix("1") { return true }
        return digits.hasPrefix("0") || digits.hasPrefix("400") || digits.hasPrefix("800") || digits.count <= 8
    }
}
