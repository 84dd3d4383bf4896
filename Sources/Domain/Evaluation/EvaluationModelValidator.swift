import Foundation

/// Whole-file checks of an evaluation model.
struct EvaluationModelValidator {
    let model: EvaluationModel
    let catalog: Catalog?

    func validate() throws(EvaluationModelError) {
        guard model.minScore < model.maxScore, (model.minScore...model.maxScore).contains(model.baseScore) else {
            throw EvaluationModelError(entry: "baseScore", reason: "基础分 \(model.baseScore) 应在 \(model.minScore)…\(model.maxScore) 之间")
        }
        guard !model.dimensions.isEmpty else { throw EvaluationModelError(entry: "dimensions", reason: "至少需要一个评价维度") }
        var dimensionIDs = Set<String>()
        for (i, d) in model.dimensions.enumerated() where !dimensionIDs.insert(d.id).inserted {
            throw EvaluationModelError(entry: "dimensions[\(i)]（\(d.id)）", reason: "维度编号重复")
        }
        try validateGrades()
        try validateRegimes()
        var itemIDs = Set<String>()
        for (i, item) in model.items.enumerated() {
            let entry = "items[\(i)]（\(item.id)「\(item.title)」）"
            guard itemIDs.insert(item.id).inserted else { throw EvaluationModelError(entry: entry, reason: "评价项编号重复") }
            try validate(item, entry: entry, dimensions: dimensionIDs)
        }
    }

    private func validateGrades() throws(EvaluationModelError) {
        guard !model.grades.isEmpty else { throw EvaluationModelError(entry: "grades", reason: "至少需要一个等级") }
        for i in model.grades.indices.dropFirst() where model.grades[i].minScore >= model.grades[i - 1].minScore {
            throw EvaluationModelError(entry: "grades[\(i)]（\(model.grades[i].grade)）",
                                       reason: "等级须从高到低排列，最低分 \(model.grades[i].minScore) 应低于上一等级的 \(model.grades[i - 1].minScore)")
        }
        if let last = model.grades.last, last.minScore > model.minScore {
            throw EvaluationModelError(entry: "grades[\(model.grades.count - 1)]（\(last.grade)）",
                                       reason: "最低等级的最低分应不高于 \(model.minScore)，否则部分分数没有等级")
        }
    }

    private func validateRegimes() throws(EvaluationModelError) {
        var starts = Set<Day>()
        for (i, regime) in model.penaltyRegimes.enumerated() {
            let entry = "penaltyRegimes[\(i)]（\(regime.name)）"
            guard let start = Day(iso: regime.from) else { throw EvaluationModelError(entry: entry, reason: "起始日期“\(regime.from)”不是 YYYY-MM-DD") }
            guard starts.insert(start).inserted else { throw EvaluationModelError(entry: entry, reason: "起始日期重复") }
            for (severity, months) in regime.months.sorted(by: { $0.key < $1.key }) where months < 0 {
                throw EvaluationModelError(entry: entry, reason: "“\(severity)”的公示期不能为负数")
            }
            for (severity, least) in (regime.minMonths ?? [:]).sorted(by: { $0.key < $1.key })
            where least < 0 || least > (regime.months[severity] ?? 0) && (regime.months[severity] ?? 0) > 0 {
                throw EvaluationModelError(entry: entry, reason: "“\(severity)”的最短公示期应在 0 到最长公示期之间")
            }
        }
    }

    private func validate(_ item: RuleItem, entry: String, dimensions: Set<String>) throws(EvaluationModelError) {
        guard let kind = item.ruleKind else {
            let known = RuleItem.Kind.allCases.map(\.rawValue).joined(separator: "、")
            throw EvaluationModelError(entry: entry, reason: "未知的规则类型“\(item.kind)”，应为 \(known) 之一")
        }
        guard dimensions.contains(item.dimension) else {
            throw EvaluationModelError(entry: entry, reason: "所属维度“\(item.dimension)”未在 dimensions 中定义")
        }
        if let window = item.withinMonths, window <= 0 { throw EvaluationModelError(entry: entry, reason: "withinMonths 应为正数") }
        if let cap = item.maxTotal, cap <= 0 { throw EvaluationModelError(entry: entry, reason: "maxTotal 应为正数") }
        for factor in item.ageFactors ?? [] where factor.withinMonths <= 0 || factor.percent < 0 {
            throw EvaluationModelError(entry: entry, reason: "ageFactors 的月数应为正数、比例不能为负")
        }
        if item.publicationBy != nil, model.penaltyRegimes.isEmpty {
            throw EvaluationModelError(entry: entry, reason: "使用了 publicationBy，但 penaltyRegimes 为空")
        }
        for (i, condition) in (item.conditions ?? []).enumerated() {
            switch condition.op {
            case .equals where condition.value == nil, .greaterThan where condition.value == nil:
                throw EvaluationModelError(entry: entry, reason: "条件 conditions[\(i)] 缺少 value")
            case .oneOf where (condition.values ?? []).isEmpty:
                throw EvaluationModelError(entry: entry, reason: "条件 conditions[\(i)] 缺少 values")
            default: break
            }
        }
        switch kind {
        case .latestValue:
            guard item.pointsBy != nil else { throw EvaluationModelError(entry: entry, reason: "latestValue 规则需要 pointsBy") }
        case .countWithin:
            guard item.points != nil || item.pointsBy != nil else {
                throw EvaluationModelError(entry: entry, reason: "countWithin 规则需要 points 或 pointsBy")
            }
        case .activeListing:
            guard item.points != nil else { throw EvaluationModelError(entry: entry, reason: "activeListing 规则需要 points") }
        case .trend:
            guard item.field != nil, let months = item.months, months > 0, !(item.bands ?? []).isEmpty else {
                throw EvaluationModelError(entry: entry, reason: "trend 规则需要 field、正数 months 和至少一个 bands")
            }
        }
        try validateAgainstCatalog(item, entry: entry)
    }

    private func validateAgainstCatalog(_ item: RuleItem, entry: String) throws(EvaluationModelError) {
        guard let catalog else { return }
        guard let dataset = catalog.dataset(item.dataset) else {
            throw EvaluationModelError(entry: entry, reason: "数据目录中没有数据集“\(item.dataset)”")
        }
        var fields = (item.conditions ?? []).map(\.field)
        fields += [item.dateField, item.pointsBy?.field, item.publicationBy, item.refField, item.removedField, item.field].compactMap { $0 }
        fields += (item.groupBy ?? []).filter { $0 != "@month" }
        for name in fields where dataset.field(named: name) == nil {
            throw EvaluationModelError(entry: entry, reason: "数据集“\(item.dataset)”中没有字段“\(name)”")
        }
    }
}
