import Foundation

/// Who is looking at a profile decides which publicity levels are shown and whether personal fields are
/// masked. Banks' consent-based access arrives with the marketplace; until then they see public data only.
public enum Viewer: Sendable, Equatable {
    /// The credit center: every level, personal fields in clear.
    case creditCenter
    /// A government department: public and government-shared data, personal fields masked.
    case department
    /// Anyone else: public data only, personal fields masked.
    case publicViewer
    /// The firm itself: everything held about it except government-internal data, personal fields masked.
    case enterprise
    /// A financial institution: public data, plus authorised data of the catalog categories a valid
    /// authorisation of the firm covers.
    case institution(authorisedCategories: Set<String>)

    public func mayRead(_ dataset: DatasetSpec) -> Bool {
        switch (self, dataset.level) {
        case (.creditCenter, _): true
        case (_, .public): true
        case (.department, .government): true
        case (.enterprise, .authorised): true
        case (.institution(let categories), .authorised): categories.contains(dataset.category)
        default: false
        }
    }

    public var seesPersonalFields: Bool { self == .creditCenter }
}

/// A stored record as the profile needs it.
public struct StoredRecord: Sendable, Equatable {
    public var dataset: String
    public var recordID: String
    public var uscc: String
    public var content: [String: String]
    public var eventDate: String
    public var collectedAt: Date
    public var version: Int
    public var batchID: Int64
    public var sourceDepartment: String?
    /// The firm disputes it and the department has not answered yet (shown as 异议处理中).
    public var underObjection: Bool

    public init(dataset: String, recordID: String, uscc: String, content: [String: String], eventDate: String,
                collectedAt: Date, version: Int, batchID: Int64, sourceDepartment: String?, underObjection: Bool = false) {
        self.dataset = dataset; self.recordID = recordID; self.uscc = uscc; self.content = content
        self.eventDate = eventDate; self.collectedAt = collectedAt; self.version = version
        self.batchID = batchID; self.sourceDepartment = sourceDepartment; self.underObjection = underObjection
    }
}

public struct ProfileField: Sendable, Equatable, Codable {
    public var name: String
    public var label: String
    public var value: String
    /// The value as shown to people (enumerations translated, e.g. `black` → 黑名单).
    public var display: String
}

public struct ProfileRecord: Sendable, Equatable, Codable {
    public var dataset: String
    public var datasetName: String
    public var recordID: String
    public var date: String
    public var level: PublicityLevel
    /// The department that supplied it (the batch's sender), else the catalog's department.
    public var source: String
    public var collectedAt: Date
    public var version: Int
    public var fields: [ProfileField]
    public var summary: String
    public var tone: RecordTone
    /// Under an open objection (异议处理中).
    public var underObjection: Bool = false
}

public struct ProfileGroup: Sendable, Equatable, Codable {
    public var category: String
    public var name: String
    public var records: [ProfileRecord]
}

/// A firm's credit profile (信用画像): its registration and every record it may see, grouped by catalog
/// category in catalog order, newest first within a group.
public struct CreditProfile: Sendable, Equatable, Codable {
    public var uscc: String
    public var registered: Bool
    public var registration: [ProfileField]
    public var groups: [ProfileGroup]
    /// Datasets left out because the viewer may not read their level.
    public var withheldDatasets: [String]

    public var name: String? { registration.first { $0.name == "name" }?.value }
    public var recordCount: Int { groups.reduce(0) { $0 + $1.records.count } }

    public static func build(uscc: String, records: [StoredRecord], catalog: Catalog, viewer: Viewer) -> CreditProfile {
        var byCategory: [String: [ProfileRecord]] = [:]
        var withheld = Set<String>()
        var registration: [ProfileField] = []
        var registrationDate = ""
        for record in records {
            guard let spec = catalog.dataset(record.dataset) else { continue }
            guard viewer.mayRead(spec) else { withheld.insert(spec.id); continue }
            let content = spec.masked(record.content, for: viewer)
            let fields = spec.fields.compactMap { field -> ProfileField? in
                content[field.name].map { ProfileField(name: field.name, label: field.label, value: $0, display: field.display($0)) }
            }
            if spec.id == Catalog.registrationDataset, record.eventDate >= registrationDate {
                registration = fields
                registrationDate = record.eventDate
            }
            let summary = spec.summaryFields.compactMap { name in
                fields.first { $0.name == name }.map { "\($0.label)：\($0.display)" }
            }.joined(separator: "；")
            byCategory[spec.category, default: []].append(ProfileRecord(
                dataset: spec.id, datasetName: spec.name, recordID: record.recordID, date: record.eventDate,
                level: spec.level, source: record.sourceDepartment ?? spec.department,
                collectedAt: record.collectedAt, version: record.version, fields: fields, summary: summary,
                tone: RecordTone.of(dataset: spec.id, content: record.content), underObjection: record.underObjection))
        }
        let groups = catalog.categories.compactMap { category -> ProfileGroup? in
            guard var records = byCategory[category.id], !records.isEmpty else { return nil }
            records.sort { ($0.date, $0.collectedAt, $0.recordID) > ($1.date, $1.collectedAt, $1.recordID) }
            return ProfileGroup(category: category.id, name: category.name, records: records)
        }
        return CreditProfile(uscc: uscc, registered: !registration.isEmpty, registration: registration,
                             groups: groups, withheldDatasets: withheld.sorted())
    }
}

/// Whether a record reads as good or bad news for the firm, for colouring a timeline.
public enum RecordTone: String, Sendable, Codable {
    case neutral, positive, negative

    public static func of(dataset: String, content: [String: String]) -> RecordTone {
        func positiveAmount(_ key: String) -> Bool { (Double(content[key] ?? "") ?? 0) > 0 }
        switch dataset {
        case "market.abnormal", "judicial.dishonest", "admin.penalty":
            return content["removed_on"] == nil ? .negative : .neutral
        case "credit.list":
            switch content["list_type"] {
            case "red": return .positive
            case "black", "watch": return content["removed_on"] == nil ? .negative : .neutral
            default: return .neutral
            }
        case "judicial.case": return content["role"] == "被告" ? .negative : .neutral
        case "tax.rating": return ["A"].contains(content["grade"] ?? "") ? .positive : ["C", "D"].contains(content["grade"] ?? "") ? .negative : .neutral
        case "env.rating": return content["grade"] == "环保诚信" ? .positive : ["警示", "不良"].contains(content["grade"] ?? "") ? .negative : .neutral
        case "tax.payment", "social.insurance", "housing.fund": return positiveAmount("arrears") ? .negative : .neutral
        case "utility.payment": return (Int(content["days_late"] ?? "") ?? 0) > 0 ? .negative : .neutral
        case "credit.commitment": return content["breached_on"] != nil ? .negative : .positive
        case "honor.award", "tech.qualification", "ip.patent": return .positive
        default: return .neutral
        }
    }
}
