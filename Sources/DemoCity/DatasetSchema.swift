import Domain
extension CityGenerator {
    /// What the generator needs to know about a catalog field: its CSV column name and enough of its type to
    /// produce, and deliberately break, values. The generator builds rows by position, so it keeps its own
    /// list of the version-1 datasets it knows; the tests check it against the bundled catalog
    /// (`CatalogLoader.bundled()`) and the platform's `RecordValidator`.
    struct Column: Sendable {
        enum Kind: Sendable, Equatable {
            case text, uscc, date, month, year, amount, integer
            case choice([String])
        }

        let name: String
        let kind: Kind
        let required: Bool
        /// An expiry date (valid_until): naturally later than the as-of date, so never a "future date" fault.
        let isExpiry: Bool

        init(_ name: String, _ kind: Kind = .text, required: Bool = false, isExpiry: Bool = false) {
            self.name = name
            self.kind = kind
            self.required = required
            self.isExpiry = isExpiry
        }

        var isDateLike: Bool { kind == .date || kind == .month || kind == .year }
        var isNumber: Bool { kind == .amount || kind == .integer }
    }

    struct DatasetSchema: Sendable {
        let id: String
        /// Prefix of the generated record ids, e.g. `PEN` in `PEN-00000123`.
        let recordPrefix: String
        /// All columns in file order, starting with `record_id` and `uscc`.
        let fields: [Column]

        init(_ id: String, _ prefix: String, _ fields: [Column]) {
            self.id = id
            self.recordPrefix = prefix
            self.fields = [Column("record_id", required: true), Column("uscc", .uscc, required: true)] + fields
        }

        var header: [String] { fields.map(\.name) }

        /// Column index of a field (fields are few, a scan is fine).
        func column(_ name: String) -> Int? { fields.firstIndex { $0.name == name } }
    }

    enum DemoCatalog {
        static let entityTypes = EntityType.allCases.map(\.label)
        static let scales = Scale.allCases.map(\.label)
        static let statuses = ["存续", "吊销", "注销", "迁出"]
        static let severities = ["轻微", "一般", "严重"]
        static let taxGrades = ["A", "B", "M", "C", "D"]
        static let utilities = ["water", "electricity", "gas", "heat"]
        static let roles = ["原告", "被告", "第三人"]
        static let listTypes = ["red", "black", "watch"]
        static let honourLevels = ["国家", "省", "市", "区县"]
        static let techKinds = ["高新技术企业", "专精特新", "科技型中小企业"]
        static let patentKinds = ["发明", "实用新型", "外观设计"]
        static let envGrades = ["环保诚信", "良好", "警示", "不良"]

        static let schemas: [DatasetSchema] = [
            DatasetSchema("market.registration", "REG", [
                Column("name", required: true), Column("entity_type", .choice(entityTypes)),
                Column("legal_rep", required: true), Column("legal_rep_id"), Column("reg_capital_wan", .amount),
                Column("established_on", .date, required: true), Column("industry", .choice(Industries.letters)),
                Column("district"), Column("scale", .choice(scales)), Column("status", .choice(statuses)),
                Column("address"),
            ]),
            DatasetSchema("market.abnormal", "ABN", [
                Column("listed_on", .date, required: true), Column("reason", required: true),
                Column("removed_on", .date), Column("authority"),
            ]),
            DatasetSchema("admin.penalty", "PEN", [
                Column("decision_no", required: true), Column("decided_on", .date, required: true),
                Column("authority", required: true), Column("severity", .choice(severities), required: true),
                Column("violation"), Column("penalty_type"), Column("amount", .amount),
            ]),
            DatasetSchema("admin.license", "LIC", [
                Column("license_no", required: true), Column("title", required: true),
                Column("issued_on", .date, required: true), Column("valid_until", .date, isExpiry: true),
                Column("authority"),
            ]),
            DatasetSchema("tax.rating", "TXR", [
                Column("year", .year, required: true), Column("grade", .choice(taxGrades), required: true),
            ]),
            DatasetSchema("tax.payment", "TXP", [
                Column("period", .month, required: true), Column("tax_paid", .amount, required: true),
                Column("arrears", .amount),
            ]),
            DatasetSchema("social.insurance", "SIN", [
                Column("period", .month, required: true), Column("insured_count", .integer, required: true),
                Column("arrears", .amount),
            ]),
            DatasetSchema("housing.fund", "HFD", [
                Column("period", .month, required: true), Column("depositor_count", .integer, required: true),
                Column("arrears", .amount),
            ]),
            DatasetSchema("utility.payment", "UTL", [
                Column("utility", .choice(utilities), required: true), Column("period", .month, required: true),
                Column("amount_due", .amount, required: true), Column("amount_paid", .amount, required: true),
                Column("days_late", .integer),
            ]),
            DatasetSchema("judicial.case", "JCS", [
                Column("case_no", required: true), Column("filed_on", .date, required: true),
                Column("role", .choice(roles), required: true), Column("cause"), Column("amount", .amount),
                Column("closed_on", .date), Column("outcome"),
            ]),
            DatasetSchema("judicial.dishonest", "JDH", [
                Column("case_no", required: true), Column("listed_on", .date, required: true),
                Column("removed_on", .date), Column("obligation"), Column("creditor_name"), Column("creditor_type"),
                Column("amount", .amount), Column("court"),
            ]),
            DatasetSchema("credit.list", "CLS", [
                Column("list_type", .choice(listTypes), required: true), Column("listed_on", .date, required: true),
                Column("removed_on", .date), Column("authority"), Column("reason"),
            ]),
            DatasetSchema("credit.commitment", "CMT", [
                Column("commitment_no", required: true), Column("signed_on", .date, required: true),
                Column("kind"), Column("breached_on", .date),
            ]),
            DatasetSchema("honor.award", "HON", [
                Column("title", required: true), Column("level", .choice(honourLevels), required: true),
                Column("awarded_on", .date, required: true), Column("authority"),
            ]),
            DatasetSchema("tech.qualification", "TEQ", [
                Column("kind", .choice(techKinds), required: true), Column("certified_on", .date, required: true),
                Column("valid_until", .date, isExpiry: true),
            ]),
            DatasetSchema("ip.patent", "PAT", [
                Column("patent_no", required: true), Column("kind", .choice(patentKinds), required: true),
                Column("granted_on", .date, required: true),
            ]),
            DatasetSchema("env.rating", "ENV", [
                Column("year", .year, required: true), Column("grade", .choice(envGrades), required: true),
            ]),
        ]

        static func schema(_ id: String) -> DatasetSchema? { schemas.first { $0.id == id } }
    }
}
