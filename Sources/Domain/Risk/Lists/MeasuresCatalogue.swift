import Foundation

/// The catalogue of published measures (`credit-measures.json`), punitive and incentive. "未经公布的惩戒措施不得
/// 采取" (Zhejiang Art. 28, RISK.md §3.4): a measure applies only from its publication day, and every effect
/// the platform enforces is traced to a measure of this catalogue.
public struct MeasuresCatalogue: Sendable, Equatable, Codable {
    public var name: String
    /// Where the measures and their legal bases come from (sections of shared/docs/RISK.md).
    public var source: String
    public var measures: [Measure]

    public init(name: String, source: String, measures: [Measure]) {
        self.name = name; self.source = source; self.measures = measures
    }

    public func measure(_ code: String) -> Measure? { measures.first { $0.code == code } }

    /// The measures of `kind` published by `day` that apply to `list`.
    public func published(_ kind: MeasureKind, for list: String, by day: Day) -> [Measure] {
        measures.filter { $0.kind == kind && $0.applies(to: list) && $0.isPublished(by: day) }
    }

    /// The measure applied to `entry` on `day`, or an error saying why it may not be: a measure not in the
    /// catalogue or not yet published on that day, an incentive measure, a measure for other lists, or an
    /// entry that is no basis that day (not listed, removed, or past the disclosure limit).
    public func apply(_ measure: Measure, to entry: ListingEntry, on day: Day,
                      rules: ListRules) throws(DomainError) -> AppliedMeasure {
        guard let published = self.measure(measure.code), published == measure, measure.isPublished(by: day) else {
            let when = measure.publishedDay.map { "（公布日期 \($0)）" } ?? "（尚未公布）"
            throw .conflict("未经公布的惩戒措施不得采取：\(measure.title)\(when)")
        }
        guard measure.kind == .punishment else {
            throw .conflict("\(measure.title)是激励措施，不能用于失信名单")
        }
        guard measure.applies(to: entry.kind.rawValue) else {
            throw .conflict("\(measure.title)不适用于\(entry.kind.listName)")
        }
        if let why = try entry.whyNoBasis(on: day, rules: rules) {
            throw .conflict("不能采取\(measure.title)：\(why)")
        }
        return AppliedMeasure(measure: measure, entry: entry, day: day)
    }

    /// The catalogue shipped with the platform (`credit-measures.json`).
    public static func bundled() throws(DomainError) -> MeasuresCatalogue {
        guard let url = Bundle.module.url(forResource: "credit-measures", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .invalidCatalog(entry: "credit-measures.json", reason: "安装包中缺少惩戒和激励措施清单文件")
        }
        return try decode(data)
    }

    public static func decode(_ data: Data) throws(DomainError) -> MeasuresCatalogue {
        let catalogue: MeasuresCatalogue
        do { catalogue = try JSONDecoder().decode(MeasuresCatalogue.self, from: data) } catch {
            throw .invalidCatalog(entry: "credit-measures.json", reason: "措施清单文件格式有误：\(error)")
        }
        var codes = Set<String>()
        for m in catalogue.measures {
            func bad(_ reason: String) -> DomainError {
                .invalidCatalog(entry: "credit-measures.json", reason: "措施“\(m.code)”\(reason)")
            }
            guard codes.insert(m.code).inserted else { throw bad("编号重复") }
            if let text = m.publishedOn, Day(iso: text) == nil { throw bad("的公布日期“\(text)”不是 YYYY-MM-DD") }
            if m.name.trimmingSpaces().isEmpty { throw bad("缺少名称") }
            if m.legalBasis.trimmingSpaces().isEmpty { throw bad("缺少法律依据") }
            if m.appliesTo.isEmpty { throw bad("未写明适用的名单") }
            if m.effects.isEmpty { throw bad("未写明措施效果") }
            if let wrong = m.effects.first(where: { $0.kind != m.kind }) {
                throw bad("是\(m.kind.label)措施，不能有\(wrong.kind.label)效果“\(wrong.label)”")
            }
        }
        return catalogue
    }
}

/// A measure applied to a listing on a day, with the reason in Chinese.
public struct AppliedMeasure: Sendable, Equatable {
    public var measure: Measure
    public var entry: ListingEntry
    public var day: Day

    /// "企业被列入涉金融严重失信人名单（列入部门：…，依据：…），依据已公布的惩戒措施“M01 限制新增融资申请”（法律依据：…）".
    public var text: String {
        let who = entry.subject?.name ?? "企业"
        let listed = entry.listedOn.map { "，\($0) 列入" } ?? ""
        return "\(who)被列入\(entry.kind.listName)（\(entry.authority)，\(entry.basisDocumentNumber)\(listed)），"
            + "依据已公布的惩戒措施“\(measure.title)”（\(measure.legalBasis)）"
    }
}
