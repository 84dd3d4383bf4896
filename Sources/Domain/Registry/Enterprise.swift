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

    public init(uscc: String, name: String, entityType: String, legalRep: String, industry: String, district: String,
                scale: String, status: String, establishedOn: String, recordCount: Int) {
        self.uscc = uscc; self.name = name; self.entityType = entityType; self.legalRep = legalRep
        self.industry = industry; self.district = district; self.scale = scale; self.status = status
        self.establishedOn = establishedOn; self.recordCount = recordCount
    }
}

/// Search criteria for the enterprise list.
public struct EnterpriseQuery: Sendable, Equatable {
    public var text: String?
    public var district: String?
    public var industry: String?
    public var page: Int
    public var perPage: Int

    public init(text: String? = nil, district: String? = nil, industry: String? = nil, page: Int = 1, perPage: Int = 20) {
        self.text = text?.trimmingSpaces().nilIfEmpty
        self.district = district?.trimmingSpaces().nilIfEmpty
        self.industry = industry?.trimmingSpaces().nilIfEmpty
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), 200)
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

    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
}

extension ResultPage: Equatable where Item: Equatable {}
extension ResultPage: Encodable where Item: Encodable {}

/// GB/T 4754 industry sections and the demo city's districts (GB/T 2260), for labels and filters.
public enum Reference {
    public static let industries: [(String, String)] = [
        ("A", "农、林、牧、渔业"), ("B", "采矿业"), ("C", "制造业"), ("D", "电力、热力、燃气及水生产和供应业"),
        ("E", "建筑业"), ("F", "批发和零售业"), ("G", "交通运输、仓储和邮政业"), ("H", "住宿和餐饮业"),
        ("I", "信息传输、软件和信息技术服务业"), ("J", "金融业"), ("K", "房地产业"), ("L", "租赁和商务服务业"),
        ("M", "科学研究和技术服务业"), ("N", "水利、环境和公共设施管理业"), ("O", "居民服务、修理和其他服务业"),
        ("P", "教育"), ("Q", "卫生和社会工作"), ("R", "文化、体育和娱乐业"), ("S", "公共管理、社会保障和社会组织"),
        ("T", "国际组织"),
    ]

    public static let districts: [(String, String)] = [
        ("210202", "中山区"), ("210203", "西岗区"), ("210204", "沙河口区"), ("210211", "甘井子区"),
        ("210212", "旅顺口区"), ("210213", "金州区"), ("210214", "普兰店区"), ("210224", "长海县"),
        ("210281", "瓦房店市"), ("210283", "庄河市"),
    ]

    public static func industryName(_ code: String) -> String {
        industries.first { $0.0 == code }?.1 ?? code
    }

    public static func districtName(_ code: String) -> String {
        districts.first { $0.0 == code }?.1 ?? code
    }
}

extension String {
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}
