import Foundation

/// Who may see a dataset's records.
public enum PublicityLevel: String, Codable, Sendable, CaseIterable {
    case `public`, authorised, government

    public var label: String {
        switch self {
        case .public: "公开"
        case .authorised: "授权查询"
        case .government: "政务共享"
        }
    }
}

/// The kind of value a field holds, and so how it is validated and normalised.
public enum FieldType: String, Codable, Sendable {
    case string, date, month, year, amount, integer, `enum`, district
}

/// Personal fields are masked everywhere except to the credit center.
public enum PersonalKind: String, Codable, Sendable {
    case idNumber, phone
}

public struct FieldSpec: Codable, Sendable, Equatable {
    public var name: String
    public var label: String
    public var type: FieldType
    public var required: Bool
    public var values: [String]?
    public var valueLabels: [String: String]?
    public var maxLength: Int?
    public var min: Int?
    /// Dates that may lie in the future (expiry dates such as `valid_until`).
    public var allowFuture: Bool
    public var personal: PersonalKind?

    public init(name: String, label: String, type: FieldType, required: Bool = false, values: [String]? = nil,
                valueLabels: [String: String]? = nil, maxLength: Int? = nil, min: Int? = nil,
                allowFuture: Bool = false, personal: PersonalKind? = nil) {
        self.name = name; self.label = label; self.type = type; self.required = required; self.values = values
        self.valueLabels = valueLabels; self.maxLength = maxLength; self.min = min
        self.allowFuture = allowFuture; self.personal = personal
    }

    enum CodingKeys: String, CodingKey {
        case name, label, type, required, values, valueLabels, maxLength, min, allowFuture, personal
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        label = try c.decode(String.self, forKey: .label)
        type = try c.decode(FieldType.self, forKey: .type)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        values = try c.decodeIfPresent([String].self, forKey: .values)
        valueLabels = try c.decodeIfPresent([String: String].self, forKey: .valueLabels)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        min = try c.decodeIfPresent(Int.self, forKey: .min)
        allowFuture = try c.decodeIfPresent(Bool.self, forKey: .allowFuture) ?? false
        personal = try c.decodeIfPresent(PersonalKind.self, forKey: .personal)
    }

    /// The Chinese label of an enumerated value or a district code (from `valueLabels`), or the value itself.
    public func display(_ value: String) -> String {
        valueLabels?[value] ?? value
    }
}

public struct DatasetSpec: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var department: String
    public var level: PublicityLevel
    public var category: String
    /// The field that dates a record on a timeline.
    public var dateField: String
    /// Fields shown in a one-line summary of a record.
    public var summaryFields: [String]
    public var fields: [FieldSpec]

    public init(id: String, name: String, department: String, level: PublicityLevel, category: String,
                dateField: String, summaryFields: [String], fields: [FieldSpec]) {
        self.id = id; self.name = name; self.department = department; self.level = level
        self.category = category; self.dateField = dateField; self.summaryFields = summaryFields; self.fields = fields
    }

    public func field(named name: String) -> FieldSpec? { fields.first { $0.name == name } }
}

public struct CategorySpec: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
}

/// The credit information catalog (公共信用信息目录): data, loaded at start, validated as a whole.
public struct Catalog: Codable, Sendable, Equatable {
    public var version: Int
    public var name: String
    public var categories: [CategorySpec]
    public var datasets: [DatasetSpec]

    /// The dataset that builds the enterprise registry.
    public static let registrationDataset = "market.registration"
    /// Columns every record carries besides its dataset's fields.
    public static let commonColumns = ["record_id", "uscc"]
    /// The common columns' Chinese names, accepted in a file's header like the fields' labels.
    public static let commonColumnLabels = ["record_id": "记录编号", "uscc": "统一社会信用代码"]

    public func dataset(_ id: String) -> DatasetSpec? { datasets.first { $0.id == id } }

    /// The Chinese name of a column of `dataset` (its field's label, 记录编号 or 统一社会信用代码): what a clerk sees in
    /// a reason, a quarantine list or an export. A name the catalog does not know is returned as given.
    public func fieldLabel(dataset: String, field: String) -> String {
        Catalog.commonColumnLabels[field] ?? self.dataset(dataset)?.field(named: field)?.label ?? field
    }
    public func category(_ id: String) -> CategorySpec? { categories.first { $0.id == id } }

    /// The categories holding non-public (authorised-level) data: what a firm's authorisation covers.
    public var authorisedCategories: Set<String> { Set(datasets.filter { $0.level == .authorised }.map(\.category)) }

    /// The dataset, or a typed error naming the unknown id.
    public func require(_ id: String) throws(DomainError) -> DatasetSpec {
        guard let spec = dataset(id) else { throw .unknownDataset(id) }
        return spec
    }
}
