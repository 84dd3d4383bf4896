extension CatalogPage {
    /// `GET /console/catalog`: the credit information catalog (公共信用信息目录).
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// The catalog version, e.g. `1`.
        public var version: String?
        /// Datasets in catalog order.
        public var datasets: [Dataset]

        public init(context: PageContext, version: String?, datasets: [Dataset]) {
            self.context = context; self.version = version; self.datasets = datasets
        }
    }

    /// Who may see a dataset's records.
    public enum Publicity: String, Sendable, CaseIterable {
        /// 公开: anyone.
        case `public`
        /// 授权查询: only with the enterprise's authorisation.
        case authorised
        /// 政务共享: departments and the credit center only.
        case government

        public var label: String {
            switch self {
            case .public: "公开"
            case .authorised: "授权查询"
            case .government: "政务共享"
            }
        }
    }

    public struct Dataset: Sendable, Equatable {
        /// e.g. `market.registration`.
        public var id: String
        /// e.g. `企业登记信息`.
        public var name: String
        /// The supplying department(s), e.g. `市场监管局`.
        public var department: String
        public var publicity: Publicity
        /// The category used to group profile records, e.g. `基础信息`.
        public var category: String
        /// The dataset's fields, in catalog order.
        public var fields: [Field]

        public init(id: String, name: String, department: String, publicity: Publicity, category: String, fields: [Field]) {
            self.id = id; self.name = name; self.department = department; self.publicity = publicity
            self.category = category; self.fields = fields
        }
    }

    public struct Field: Sendable, Equatable {
        /// The column name, e.g. `reg_capital_wan`.
        public var name: String
        /// e.g. `注册资本（万元）`.
        public var chineseName: String
        /// A display type, e.g. `日期`, `月份`, `金额（元）`, `整数`, `文本 ≤ 64`.
        public var type: String
        public var isRequired: Bool
        /// Allowed values or rules, e.g. `微型 / 小型 / 中型 / 大型`.
        public var note: String
        /// Personal information (masked except to the credit center).
        public var isPersonal: Bool

        public init(name: String, chineseName: String, type: String, isRequired: Bool, note: String = "", isPersonal: Bool = false) {
            self.name = name; self.chineseName = chineseName; self.type = type; self.isRequired = isRequired
            self.note = note; self.isPersonal = isPersonal
        }
    }
}
