/// A firm in the registry, as listed and searched.
public struct EnterpriseSummary: Sendable, Equatable, Codable {
    public var uscc: String
    public var name: String
    public var entityType: String
    public var legalRep: String
    public var industry: String
    public var district: String
    public var scale: String
    public var status: String
    public var establishedOn: String
    public var recordCount: Int
    /// The current credit grade, when the firm has been evaluated (filled by the search).
    public var grade: String?

    public init(uscc: String, name: String, entityType: String, legalRep: String, industry: String, district: String,
                scale: String, status: String, establishedOn: String, recordCount: Int, grade: String? = nil) {
        self.uscc = uscc; self.name = name; self.entityType = entityType; self.legalRep = legalRep
        self.industry = industry; self.district = district; self.scale = scale; self.status = status
        self.establishedOn = establishedOn; self.recordCount = recordCount; self.grade = grade
    }
}

/// Search criteria for the enterprise list.
public struct EnterpriseQuery: Sendable, Equatable {
    public var text: String?
    public var district: String?
    public var industry: String?
    /// Only firms of this current grade.
    public var grade: String?
    public var paging: Paging
    public var page: Int { paging.page }
    public var perPage: Int { paging.perPage }

    public init(text: String? = nil, district: String? = nil, industry: String? = nil, grade: String? = nil, paging: Paging = Paging()) {
        self.text = text?.trimmingSpaces().nilIfEmpty
        self.district = district?.trimmingSpaces().nilIfEmpty
        self.industry = industry?.trimmingSpaces().nilIfEmpty
        self.grade = grade?.trimmingSpaces().nilIfEmpty
        self.paging = paging
    }
}

/// One page of a longer list.
public struct ResultPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var page: Int
    public var perPage: Int
    public var total: Int

    public init(items: [Item], page: Int, perPage: Int, total: Int) {
        self.items = items; self.page = page; self.perPage = perPage; self.total = total
    }

    public init(items: [Item], paging: Paging, total: Int) {
        self.init(items: items, page: paging.page, perPage: paging.perPage, total: total)
    }

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
}

extension ResultPage: Equatable where Item: Equatable {}
extension ResultPage: Encodable where Item: Encodable {}

/// Industry sections (GB/T 4754) and the demo city's districts (GB/T 2260), for labels and filters.
public enum Reference {
    /// Industry sections with their names, from the catalog's `industry` field.
    public static func industries(in catalog: Catalog) -> [(String, String)] {
        guard let field = catalog.dataset(Catalog.registrationDataset)?.field(named: "industry") else { return [] }
        return (field.values ?? []).map { ($0, field.display($0)) }
    }

    /// The named districts (code, name) in code order, from the `valueLabels` of the catalog's `district` field.
    public static func districts(in catalog: Catalog) -> [(String, String)] {
        guard let field = catalog.dataset(Catalog.registrationDataset)?.field(named: "district") else { return [] }
        return (field.valueLabels ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The name of a district code, or the code itself when the catalog does not name it.
    public static func districtName(_ code: String, in catalog: Catalog) -> String {
        catalog.dataset(Catalog.registrationDataset)?.field(named: "district")?.display(code) ?? code
    }
}

extension String {
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}
