/// The dimensions figures are broken down by (besides the month). Values are the platform's plain codes: a GB/T
/// 2260 district code, an institution or product id, a GB/T 4754 industry code, a size class (`FirmSizeClass`'s
/// raw value) and a data-providing department's code.
public enum StatDimension: String, CaseIterable, Sendable, Codable, Hashable {
    case district, institution, product, industry, firmSize, department

    public var label: String {
        switch self {
        case .district: "区县"
        case .institution: "金融机构"
        case .product: "金融产品"
        case .industry: "行业"
        case .firmSize: "企业规模"
        case .department: "数据提供部门"
        }
    }
}

/// The dimension values one fact is counted under. A value that does not apply (a dataset has no institution) is
/// nil. Fixed when the fact arises, by the rules written in each indicator's definition: a loan counts in the
/// district the firm was in on the day it was disbursed, a firm in the district it is in on the day asked.
public struct StatDims: Hashable, Sendable, Codable {
    public var district: String?
    public var institution: String?
    public var product: String?
    public var industry: String?
    public var firmSize: String?
    public var department: String?

    public init(district: String? = nil, institution: String? = nil, product: String? = nil, industry: String? = nil,
                firmSize: String? = nil, department: String? = nil) {
        self.district = district; self.institution = institution; self.product = product
        self.industry = industry; self.firmSize = firmSize; self.department = department
    }

    public static let none = StatDims()

    public subscript(dimension: StatDimension) -> String? {
        get {
            switch dimension {
            case .district: district
            case .institution: institution
            case .product: product
            case .industry: industry
            case .firmSize: firmSize
            case .department: department
            }
        }
        set {
            switch dimension {
            case .district: district = newValue
            case .institution: institution = newValue
            case .product: product = newValue
            case .industry: industry = newValue
            case .firmSize: firmSize = newValue
            case .department: department = newValue
            }
        }
    }
}

/// Which facts a figure counts: every dimension given must match exactly; one not given matches anything. The empty
/// filter is the whole city.
public struct StatFilter: Hashable, Sendable, Codable, CustomStringConvertible {
    public var values: [StatDimension: String]

    public init(_ values: [StatDimension: String] = [:]) { self.values = values }

    public static let all = StatFilter()

    public static func district(_ code: String) -> StatFilter { StatFilter([.district: code]) }
    public static func institution(_ id: String) -> StatFilter { StatFilter([.institution: id]) }

    public func matches(_ dims: StatDims) -> Bool {
        for (dimension, value) in values where dims[dimension] != value { return false }
        return true
    }

    /// `district=210202;institution=B1`, dimensions in declaration order; `all` for the empty filter.
    public var description: String {
        let parts = StatDimension.allCases.compactMap { d in values[d].map { "\(d.rawValue)=\($0)" } }
        return parts.isEmpty ? "all" : parts.joined(separator: ";")
    }
}
