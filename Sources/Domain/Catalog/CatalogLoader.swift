import Foundation

/// Reads a catalog file and checks it as a whole, naming the bad entry when something is wrong.
public enum CatalogLoader {
    /// The catalog shipped with the platform (`CATALOG.md`, version 1).
    public static func bundled() throws(DomainError) -> Catalog {
        guard let url = Bundle.module.url(forResource: "catalog", withExtension: "json") else {
            throw .invalidCatalog(entry: "catalog.json", reason: "安装包中缺少内置数据目录文件")
        }
        return try load(from: url)
    }

    public static func bundledData() -> Data? {
        Bundle.module.url(forResource: "catalog", withExtension: "json").flatMap { try? Data(contentsOf: $0) }
    }

    public static func load(from url: URL) throws(DomainError) -> Catalog {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .invalidCatalog(entry: url.path, reason: "无法读取文件")
        }
        return try decode(data)
    }

    public static func decode(_ data: Data) throws(DomainError) -> Catalog {
        let catalog: Catalog
        do { catalog = try JSONDecoder().decode(Catalog.self, from: data) } catch let error as DecodingError {
            throw .invalidCatalog(entry: describe(error), reason: "JSON 结构不符合目录格式")
        } catch {
            throw .invalidCatalog(entry: "catalog", reason: "不是有效的 JSON")
        }
        try validate(catalog)
        return catalog
    }

    /// `[a-z][a-z0-9_]*`
    static func isName(_ s: some StringProtocol) -> Bool {
        guard let first = s.utf8.first, (0x61...0x7A).contains(first) else { return false }
        return s.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    /// Two or more names joined by dots, e.g. `admin.penalty`.
    static func isDatasetID(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { isName($0) }
    }

    /// Checks ids, references and field definitions.
    public static func validate(_ catalog: Catalog) throws(DomainError) {
        var categoryIDs = Set<String>()
        for category in catalog.categories {
            guard categoryIDs.insert(category.id).inserted else {
                throw .invalidCatalog(entry: "categories.\(category.id)", reason: "类别编号重复")
            }
        }
        var datasetIDs = Set<String>()
        for dataset in catalog.datasets {
            let entry = "datasets.\(dataset.id)"
            guard isDatasetID(dataset.id) else {
                throw .invalidCatalog(entry: entry, reason: "数据集编号应为小写字母、数字、下划线，以点分段，如 admin.penalty")
            }
            guard datasetIDs.insert(dataset.id).inserted else {
                throw .invalidCatalog(entry: entry, reason: "数据集编号重复")
            }
            guard categoryIDs.contains(dataset.category) else {
                throw .invalidCatalog(entry: entry, reason: "类别“\(dataset.category)”未在 categories 中定义")
            }
            var names = Set<String>(Catalog.commonColumns)
            for field in dataset.fields {
                let fieldEntry = "\(entry).fields.\(field.name)"
                guard isName(field.name) else {
                    throw .invalidCatalog(entry: fieldEntry, reason: "字段名应为小写字母、数字和下划线")
                }
                guard names.insert(field.name).inserted else {
                    throw .invalidCatalog(entry: fieldEntry, reason: "字段名重复或与 record_id/uscc 冲突")
                }
                if field.type == .enum, (field.values ?? []).isEmpty {
                    throw .invalidCatalog(entry: fieldEntry, reason: "枚举字段必须给出 values")
                }
                if field.type != .enum, field.values != nil {
                    throw .invalidCatalog(entry: fieldEntry, reason: "只有 enum 类型的字段可以给出 values")
                }
                if field.type == .district, let labels = field.valueLabels,
                   let code = labels.keys.sorted().first(where: { $0.utf8.count != 6 || !$0.utf8.allSatisfy { (0x30...0x39).contains($0) } }) {
                    throw .invalidCatalog(entry: fieldEntry, reason: "valueLabels 中的“\(code)”不是6位行政区划代码")
                }
                if let max = field.maxLength, max <= 0 {
                    throw .invalidCatalog(entry: fieldEntry, reason: "maxLength 必须为正数")
                }
            }
            guard let dateField = dataset.field(named: dataset.dateField),
                  [.date, .month, .year].contains(dateField.type) else {
                throw .invalidCatalog(entry: "\(entry).dateField", reason: "dateField 必须指向本数据集中的日期、月份或年份字段")
            }
            for summary in dataset.summaryFields where dataset.field(named: summary) == nil {
                throw .invalidCatalog(entry: "\(entry).summaryFields", reason: "摘要字段“\(summary)”不存在")
            }
        }
        guard datasetIDs.contains(Catalog.registrationDataset) else {
            throw .invalidCatalog(entry: "datasets", reason: "目录必须包含登记数据集 \(Catalog.registrationDataset)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue)（缺少此项）"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context))（\(context.debugDescription)）"
        @unknown default: return "catalog"
        }
    }
}
