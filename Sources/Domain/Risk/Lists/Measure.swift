/// One published measure of the catalogue (惩戒措施/激励措施清单): a stable code, a Chinese name, its legal basis,
/// the day it was published, the lists it applies to and what the platform does about it.
public struct Measure: Sendable, Equatable, Hashable, Codable {
    public var code: String
    public var name: String
    public var kind: MeasureKind
    /// The law, regulation or memorandum the measure rests on.
    public var legalBasis: String
    /// ISO `YYYY-MM-DD`: the day the measure was published; nil for a measure drafted but not yet published.
    public var publishedOn: String?
    /// The list names it applies to: `ListKind` raw values for punishments, `RedList.listName` for incentives.
    public var appliesTo: [String]
    public var effects: [MeasureEffect]

    public init(code: String, name: String, kind: MeasureKind, legalBasis: String, publishedOn: String?,
                appliesTo: [String], effects: [MeasureEffect]) {
        self.code = code; self.name = name; self.kind = kind; self.legalBasis = legalBasis
        self.publishedOn = publishedOn; self.appliesTo = appliesTo; self.effects = effects
    }

    public var publishedDay: Day? { publishedOn.flatMap { Day(iso: $0) } }

    /// Published on or before `day`.
    public func isPublished(by day: Day) -> Bool { publishedDay.map { $0 <= day } ?? false }

    public func applies(to list: String) -> Bool { appliesTo.contains(list) }

    /// `M01 限制新增融资申请`.
    public var title: String { "\(code) \(name)" }
}
