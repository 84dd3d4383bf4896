import Domain

/// The names the statistics pages show for dimension values: ids → names of institutions, districts (GB/T 2260
/// codes), products, industries (GB/T 4754 codes) and data-providing departments. Firm sizes are named by
/// `FirmSizeClass`. A value without a name is shown as its code.
public struct StatNames: Sendable, Equatable {
    public var institutions: [String: String]
    public var districts: [String: String]
    public var products: [String: String]
    public var industries: [String: String]
    public var departments: [String: String]

    public init(institutions: [String: String] = [:], districts: [String: String] = [:], products: [String: String] = [:],
                industries: [String: String] = [:], departments: [String: String] = [:]) {
        self.institutions = institutions; self.districts = districts; self.products = products
        self.industries = industries; self.departments = departments
    }

    /// The id → name map of `dimension` (firm sizes from `FirmSizeClass`).
    public func map(_ dimension: StatDimension) -> [String: String] {
        switch dimension {
        case .district: districts
        case .institution: institutions
        case .product: products
        case .industry: industries
        case .department: departments
        case .firmSize: Dictionary(uniqueKeysWithValues: FirmSizeClass.allCases.map { ($0.rawValue, $0.label) })
        }
    }

    /// The name of `value` under `dimension`, or the value itself.
    public func name(_ dimension: StatDimension, _ value: String) -> String { map(dimension)[value] ?? value }

    /// (value, name) pairs of `dimension`, by value (firm sizes in their own order), for the filter selects.
    func options(_ dimension: StatDimension) -> [(value: String, name: String)] {
        if dimension == .firmSize { return FirmSizeClass.allCases.map { ($0.rawValue, $0.label) } }
        return map(dimension).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// Where an institution's monthly report stands, as the pages show it.
public enum ReportFilingStatus: String, Sendable, Equatable, CaseIterable {
    /// Not filed yet.
    case notFiled = "not_filed"
    /// Filed (or re-filed), waiting for the credit center.
    case pending
    case accepted
    /// Returned with a reason; the institution files again.
    case returned

    public var label: String {
        switch self {
        case .notFiled: "未报送"
        case .pending: "待审核"
        case .accepted: "已接受"
        case .returned: "已退回"
        }
    }

    var tone: PortalPage.Tone {
        switch self {
        case .notFiled: .warning
        case .pending: .info
        case .accepted: .success
        case .returned: .danger
        }
    }

    /// Whether the institution may still change the report (everything but an accepted one).
    public var isEditable: Bool { self != .accepted }
}
