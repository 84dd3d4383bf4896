import Foundation

/// The checks a schemes file must pass before it is used, each problem a Chinese sentence naming the field.
extension FundSchemes {
    /// Every problem of the file, in order; empty when it can be used.
    public func problems() -> [String] {
        var out: [String] = []
        if schemes.isEmpty { out.append("风险缓释基金方案文件中没有任何方案") }
        var codes: Set<String> = []
        for scheme in schemes {
            if !codes.insert(scheme.code).inserted { out.append("基金方案代码“\(scheme.code)”重复") }
            out += scheme.problems()
        }
        return out
    }
}

extension FundScheme {
    public func problems() -> [String] {
        var out: [String] = []
        let who = "基金方案“\(code)”"
        if code.trimmingCharacters(in: .whitespaces).isEmpty { out.append("基金方案的 code 不能为空") }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { out.append("\(who)的 name 不能为空") }
        if versions.isEmpty { out.append("\(who)没有任何版本") }
        var numbers: Set<Int> = []
        for v in versions {
            if !numbers.insert(v.version).inserted { out.append("\(who)第 \(v.version) 版重复出现") }
            out += v.problems().map { "\(who)第 \(v.version) 版：\($0)" }
        }
        // Periods: in order, each ending before the next begins; only the last may be open-ended.
        for (a, b) in zip(versions, versions.dropFirst()) {
            guard let aFrom = a.effectiveDay, let bFrom = b.effectiveDay else { continue }
            if b.version <= a.version { out.append("\(who)的版本应按版本号从小到大排列（第 \(a.version) 版在第 \(b.version) 版之前）") }
            if bFrom <= aFrom { out.append("\(who)第 \(b.version) 版的 effectiveFrom 应晚于第 \(a.version) 版") }
            guard let aUntil = a.effectiveUntilDay else {
                out.append("\(who)第 \(a.version) 版没有 effectiveUntil，与第 \(b.version) 版的有效期重叠")
                continue
            }
            if aUntil >= bFrom { out.append("\(who)第 \(a.version) 版的有效期（至 \(aUntil)）与第 \(b.version) 版（自 \(bFrom)）重叠") }
        }
        return out
    }
}

extension FundScheme.Version {
    func problems() -> [String] {
        var out: [String] = []
        func bp(_ value: Int, _ field: String, allowZero: Bool = true) {
            if value < (allowZero ? 0 : 1) || value > FundArithmetic.whole {
                out.append("\(field) 须在 \(allowZero ? 0 : 1) 到 10000 个基点（0–100%）之间（当前 \(value)）")
            }
        }
        func money(_ value: Cents?, _ field: String) {
            if let value, !value.isPositive { out.append("\(field) 须大于零（当前 \(value.value) 分）") }
        }

        guard let from = effectiveDay else { return ["effectiveFrom“\(effectiveFrom)”不是 YYYY-MM-DD"] }
        if let until = effectiveUntil {
            if let end = Day(iso: until) {
                if end < from { out.append("effectiveUntil（\(until)）早于 effectiveFrom（\(effectiveFrom)）") }
            } else {
                out.append("effectiveUntil“\(until)”不是 YYYY-MM-DD")
            }
        }

        if funding.initialCapital.value < 0 { out.append("funding.initialCapital 不能为负数") }
        bp(funding.taxRevenueShareBasisPoints, "funding.taxRevenueShareBasisPoints")
        bp(funding.interestIncomeContributionBasisPoints, "funding.interestIncomeContributionBasisPoints")
        bp(funding.depositRateBasisPoints, "funding.depositRateBasisPoints")
        money(funding.yearlyBudget, "funding.yearlyBudget")

        if let months = firm.minimumMonthsInBusiness, months < 0 { out.append("firm.minimumMonthsInBusiness 不能为负数") }
        for prefix in firm.localDistrictPrefixes where prefix.isEmpty || !prefix.allSatisfy(\.isNumber) {
            out.append("firm.localDistrictPrefixes 中的“\(prefix)”不是行政区划代码")
        }

        let max = FundScheme.LoanRules.maximumTermMonths
        if loan.termLimitMonths < 1 { out.append("loan.termLimitMonths 须至少为 1 个月") }
        if loan.absoluteTermLimitMonths > max {
            out.append("loan.absoluteTermLimitMonths 不能超过 \(max) 个月（3 年）（当前 \(loan.absoluteTermLimitMonths)）")
        }
        if loan.termLimitMonths > loan.absoluteTermLimitMonths {
            out.append("loan.termLimitMonths（\(loan.termLimitMonths)）不能超过 loan.absoluteTermLimitMonths（\(loan.absoluteTermLimitMonths)）")
        }
        if let markup = loan.rateMarkupPercent {
            if markup < 0 { out.append("loan.rateMarkupPercent 不能为负数") }
            if loan.referenceRate == nil { out.append("loan.rateMarkupPercent 已设置，但缺少 loan.referenceRate") }
        }
        if let reference = loan.referenceRate, reference.basisPoints <= 0 { out.append("loan.referenceRate 须大于零") }
        money(loan.maxAmount, "loan.maxAmount")
        if let days = loan.registrationWithinDays, days < 0 { out.append("loan.registrationWithinDays 不能为负数") }

        if triggers.isEmpty { out.append("triggers 不能为空：须至少有一个补偿触发条件") }
        for (i, t) in triggers.enumerated() {
            switch t.kind {
            case .classification where t.atLeast == nil || t.atLeast ?? .normal < .substandard:
                out.append("triggers[\(i)].atLeast 须为次级、可疑或损失")
            case .overdue where (t.overdueDaysMoreThan ?? -1) < 0:
                out.append("triggers[\(i)].overdueDaysMoreThan 须为非负整数")
            default: break
            }
        }

        out += shareProblems()

        for kind in FundCapKind.allCases { money(kind.limit(caps), "caps.\(Self.capField(kind))") }

        for (i, b) in circuitBreakers.enumerated() {
            bp(b.pauseAboveBasisPoints, "circuitBreakers[\(i)].pauseAboveBasisPoints")
            bp(b.resumeBelowBasisPoints, "circuitBreakers[\(i)].resumeBelowBasisPoints")
            if b.resumeBelowBasisPoints > b.pauseAboveBasisPoints {
                out.append("circuitBreakers[\(i)].resumeBelowBasisPoints 不能高于 pauseAboveBasisPoints")
            }
            if b.pauses.isEmpty { out.append("circuitBreakers[\(i)].pauses 不能为空") }
        }

        for (field, period) in review.all where period.days < 0 { out.append("review.\(field) 的期限不能为负数") }
        if !materials.contains(where: { $0.kind == .truthfulnessStatement }) {
            out.append("materials 须包含材料真实性承诺书（truthfulness_statement）")
        }
        if Set(materials.map(\.kind)).count != materials.count { out.append("materials 中有重复的材料类型") }
        for field in unconfirmed where field.isEmpty { out.append("unconfirmed 中有空字段名") }
        return out
    }

    func shareProblems() -> [String] {
        var out: [String] = []
        let s = share
        func bp(_ value: Int, _ field: String) {
            if value < 0 || value > FundArithmetic.whole { out.append("\(field) 须在 0 到 10000 个基点（0–100%）之间（当前 \(value)）") }
        }
        switch s.kind {
        case .flat:
            guard let value = s.basisPoints else { out.append("share.basisPoints 缺失：固定比例方案须给出补偿比例"); break }
            if value < 1 || value > FundArithmetic.whole { out.append("share.basisPoints 须在 1 到 10000 个基点（0–100%）之间（当前 \(value)）") }
        case .tiered:
            let tiers = s.tiers ?? []
            if tiers.isEmpty { out.append("share.tiers 不能为空：分档方案须给出各档比例") }
            for (i, t) in tiers.enumerated() {
                bp(t.basisPoints, "share.tiers[\(i)].basisPoints")
                if let up = t.upTo, !up.isPositive { out.append("share.tiers[\(i)].upTo 须大于零") }
                if t.upTo == nil, i != tiers.count - 1 { out.append("share.tiers[\(i)].upTo 只有最后一档可以不设上限") }
            }
            let bounds = tiers.compactMap { $0.upTo?.value }
            if zip(bounds, bounds.dropFirst()).contains(where: { $0 >= $1 }) { out.append("share.tiers 的 upTo 须依次递增") }
        case .split:
            let parties = s.parties ?? []
            if parties.count < 2 { out.append("share.parties 须至少有两方") }
            for (i, p) in parties.enumerated() where p.weight <= 0 {
                out.append("share.parties[\(i)].weight 须为正数（当前 \(p.weight)）")
            }
            if parties.filter({ $0.role == .institution }).count != 1 { out.append("share.parties 中须恰有一方为贷款机构（institution）") }
            if parties.contains(where: { $0.role == .institution && $0.paysFromFund }) {
                out.append("share.parties 中贷款机构不能由基金支付（paysFromFund）")
            }
            if !parties.contains(where: \.paysFromFund) { out.append("share.parties 中须至少有一方由本基金支付（paysFromFund）") }
            if parties.reduce(Int64(0), { $0 + Swift.max(0, $1.weight) }) > 1_000_000 { out.append("share.parties 的权重之和不能超过 1000000") }
        }
        for (i, b) in (s.bonuses ?? []).enumerated() {
            bp(b.basisPoints, "share.bonuses[\(i)].basisPoints")
            if b.anyOf.isEmpty { out.append("share.bonuses[\(i)].anyOf 不能为空") }
        }
        if s.kind == .split, !(s.bonuses ?? []).isEmpty { out.append("share.bonuses 不适用于按比例分担（split）方案") }
        if let cap = s.totalCapBasisPoints {
            bp(cap, "share.totalCapBasisPoints")
            if s.kind == .split { out.append("share.totalCapBasisPoints 不适用于按比例分担（split）方案") }
        } else if s.kind != .split, !(s.bonuses ?? []).isEmpty {
            out.append("share.totalCapBasisPoints 缺失：有加计比例时须设总比例上限")
        }
        return out
    }

    static func capField(_ kind: FundCapKind) -> String {
        switch kind {
        case .perLoan: "perLoan"
        case .perFirm: "perFirm"
        case .perInstitutionPerYear: "perInstitutionPerYear"
        case .perInstitution: "perInstitution"
        case .perYear: "perYear"
        }
    }
}
