import Domain
/// A deliberate defect planted in a department file, so ingest has something to reject.
public enum FaultKind: String, Sendable, CaseIterable, Codable {
    /// A USCC whose check character is wrong.
    case badCheckCharacter = "bad_check_character"
    /// A USCC of 17 or 19 characters.
    case badLength = "bad_length"
    /// A USCC containing the letter I or O.
    case forbiddenLetter = "forbidden_letter"
    /// A required field left empty.
    case missingRequired = "missing_required"
    /// A date, month or year after the as-of date.
    case futureDate = "future_date"
    /// A date, month or year not in `YYYY-MM-DD` / `YYYY-MM` / `YYYY` form (or not a real day).
    case malformedDate = "malformed_date"
    /// A value outside a field's allowed set.
    case invalidEnum = "invalid_enum"
    /// A negative amount or count.
    case negativeAmount = "negative_amount"
    /// A row repeated with the same record_id and the same content.
    case duplicate = "duplicate"

    /// The defect in Chinese.
    public var label: String {
        switch self {
        case .badCheckCharacter: "统一社会信用代码校验位错误"
        case .badLength: "统一社会信用代码长度错误"
        case .forbiddenLetter: "统一社会信用代码含字母I或O"
        case .missingRequired: "必填项缺失"
        case .futureDate: "日期晚于数据截止日"
        case .malformedDate: "日期格式错误"
        case .invalidEnum: "取值不在允许范围内"
        case .negativeAmount: "金额或数量为负"
        case .duplicate: "重复记录"
        }
    }
}

/// What a generation run wrote: one entry per department file.
public struct GenerationSummary: Sendable, CustomStringConvertible {
    public struct File: Sendable {
        public let dataset: String
        public let fileName: String
        public let encoding: TextEncoding
        /// Data rows, header excluded, every kind counted.
        public let rows: Int
        public let bytes: Int
        /// Faulty rows by kind (a duplicate counts once, for its second copy).
        public let faults: [FaultKind: Int]
        /// Rows re-sent later with the same record_id and changed content (legitimate corrections).
        public let updates: Int
        /// Rows of firms missing from `market.registration` (their registration arrives later).
        public let unregistered: Int

        public var faulty: Int { faults.values.reduce(0, +) }
        /// Rows that pass every check of the catalog (updates included).
        public var valid: Int { rows - faulty }
    }

    public let enterprises: Int
    /// Firms with data but no registration row (their registration "arrives later").
    public let unregisteredFirms: Int
    public let months: Int
    /// The as-of day, `YYYY-MM-DD`.
    public let asOf: String
    public let files: [File]

    public var totalRows: Int { files.reduce(0) { $0 + $1.rows } }

    public func file(_ dataset: String) -> File? { files.first { $0.dataset == dataset } }

    /// A plain-text table for the command line.
    public var description: String {
        var lines = ["截止日 \(asOf)，企业 \(enterprises) 户（另有 \(unregisteredFirms) 户尚未登记），\(months) 个月"]
        lines.append(["数据集", "编码", "行数", "有效", "故障", "其中重复", "更新", "未登记主体"].joined(separator: "\t"))
        for f in files {
            lines.append([f.dataset, f.encoding.rawValue, String(f.rows), String(f.valid), String(f.faulty),
                          String(f.faults[.duplicate] ?? 0), String(f.updates), String(f.unregistered)].joined(separator: "\t"))
        }
        lines.append("合计 \(totalRows) 行")
        return lines.joined(separator: "\n")
    }
}
