import Crypto
import Foundation

/// One reason a row was rejected: which field, what it held, and why (in Chinese).
public struct FieldProblem: Equatable, Sendable, Codable {
    public var field: String
    public var value: String
    public var reason: String

    /// `value` is kept (and so echoed back) up to `maxEchoedCharacters`, with its length after a cut.
    public init(field: String, value: String, reason: String) {
        self.field = field; self.value = Echo.short(value); self.reason = reason
    }
}

/// Values repeated back to the sender in errors are cut short: a 200 MB field must not come back as a
/// 200 MB error body.
public enum Echo {
    public static let maxCharacters = 200

    public static func short(_ value: String, max: Int = maxCharacters) -> String {
        guard value.utf8.count > max else { return value }
        let count = value.count
        guard count > max else { return value }
        return String(value.prefix(max)) + "…（共 \(count) 字）"
    }

    /// A list of names, each cut short, at most `limit` of them and how many more.
    public static func list(_ names: [String], limit: Int = 10) -> String {
        let shown = names.prefix(limit).map { "“\(short($0, max: 64))”" }.joined(separator: "、")
        return names.count > limit ? shown + " 等 \(names.count) 个" : shown
    }
}

/// A row that passed validation, normalised and hashed.
public struct ValidRecord: Equatable, Sendable {
    public var rowNumber: Int
    public var recordID: String
    public var uscc: String
    /// Canonical JSON of the dataset fields (catalog order, empty fields left out).
    public var content: String
    /// SHA-256 of uscc and content, first 16 bytes in hex: equal hashes mean an identical record.
    public var hash: String
    /// The record's date on a timeline (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), from the dataset's dateField.
    public var eventDate: String
}

/// A row that failed validation, with everything needed to show and export it.
public struct RejectedRow: Equatable, Sendable {
    public var rowNumber: Int
    public var problems: [FieldProblem]
    /// The row as submitted, column → value.
    public var raw: [(String, String)]

    public init(rowNumber: Int, problems: [FieldProblem], raw: [(String, String)]) {
        self.rowNumber = rowNumber; self.problems = problems; self.raw = raw
    }

    public static func == (a: RejectedRow, b: RejectedRow) -> Bool {
        a.rowNumber == b.rowNumber && a.problems == b.problems
            && a.raw.map(\.0) == b.raw.map(\.0) && a.raw.map(\.1) == b.raw.map(\.1)
    }
}

public enum RowOutcome: Equatable, Sendable {
    case valid(ValidRecord)
    case rejected(RejectedRow)
}

/// Validates the rows of one dataset against the catalog: required fields, types, enumerations, dates not
/// in the future, amounts ≥ 0 with at most 2 decimals, the USCC check character.
public struct RecordValidator: Sendable {
    public let dataset: DatasetSpec
    public let today: Day
    /// For each dataset field, its position in the submitted columns (nil when the column is absent).
    let fieldColumns: [Int?]
    let recordIDColumn: Int?
    let dateFieldIndex: Int?
    let usccColumn: Int?
    public let columns: [String]
    /// The dataset fields as the common-case path (`validFast`) reads them, without the catalog's strings.
    let plans: [FieldPlan]
    /// `"name":` of every field, one after another; each plan points into it.
    let quotedNames: [UInt8]

    struct FieldPlan: Sendable {
        /// Position in the submitted columns, -1 when the column is absent.
        var column: Int
        var required: Bool
        var type: FieldType
        var maxLength: Int
        var allowFuture: Bool
        var name: Range<Int>
    }

    /// Columns our own quarantine export adds; ignored on re-import so a fixed export can be resent.
    public static let annotationColumns: Set<String> = ["_row", "_errors"]

    /// Maps the submitted columns onto the dataset. An unknown column rejects the whole file.
    public init(dataset: DatasetSpec, columns: [String], today: Day) throws(DomainError) {
        // A column may be named by the catalog's Chinese label (名称, 缴费类别 …), as a clerk's spreadsheet export has them.
        var byLabel = Catalog.commonColumnLabels.reduce(into: [String: String]()) { $0[$1.value] = $1.key }
        for field in dataset.fields where !field.label.isEmpty { byLabel[field.label] = field.name }
        let cleaned = columns.map { column in
            let trimmed = column.trimmingSpaces()
            return byLabel[trimmed] ?? trimmed
        }
        var seen = Set<String>()
        for column in cleaned {
            if column.isEmpty { throw .invalidFile(reason: "表头中有空列名") }
            guard seen.insert(column).inserted else { throw .invalidFile(reason: "表头中列\(Echo.list([column]))重复") }
        }
        let known = Set(Catalog.commonColumns + dataset.fields.map(\.name)).union(Self.annotationColumns)
        let unknown = cleaned.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw .invalidFile(reason: "数据集“\(dataset.name)”（\(dataset.id)）中没有列 \(Echo.list(unknown))，请按数据目录核对表头（可用列名或中文名）")
        }
        for required in Catalog.commonColumns where !cleaned.contains(required) {
            throw .invalidFile(reason: "缺少必需的列“\(required)”")
        }
        let missingRequired = dataset.fields.filter { $0.required && !cleaned.contains($0.name) }.map(\.name)
        if !missingRequired.isEmpty {
            throw .invalidFile(reason: "缺少必填列 \(missingRequired.map { "“\($0)”" }.joined(separator: "、"))")
        }
        self.dataset = dataset
        self.today = today
        self.columns = cleaned
        self.fieldColumns = dataset.fields.map { field in cleaned.firstIndex(of: field.name) }
        self.dateFieldIndex = dataset.fields.firstIndex { $0.name == dataset.dateField }
        self.recordIDColumn = cleaned.firstIndex(of: "record_id")
        self.usccColumn = cleaned.firstIndex(of: "uscc")
        var names: [UInt8] = []
        var plans: [FieldPlan] = []
        for (index, field) in dataset.fields.enumerated() {
            let start = names.count
            var quoted = ""
            JSONText.appendQuoted(field.name, to: &quoted)
            names += Array(quoted.utf8) + [UInt8(ascii: ":")]
            plans.append(FieldPlan(column: fieldColumns[index] ?? -1, required: field.required, type: field.type,
                                   maxLength: field.maxLength ?? Int.max, allowFuture: field.allowFuture,
                                   name: start..<names.count))
        }
        self.plans = plans
        self.quotedNames = names
    }

    /// Validates one row of values in column order. A row with too many or too few cells is rejected.
    public func validate(_ values: [String], rowNumber: Int) -> RowOutcome {
        if let record = validFast(values, rowNumber: rowNumber) { return .valid(record) }
        return validateGeneral(values, rowNumber: rowNumber)
    }

    /// Every row: trims, normalises and checks each value, collecting all the problems.
    func validateGeneral(_ values: [String], rowNumber: Int) -> RowOutcome {
        var problems: [FieldProblem] = []
        if values.count != columns.count {
            problems.append(FieldProblem(field: "(整行)", value: "", reason: "该行有 \(values.count) 列，表头有 \(columns.count) 列"))
            return .rejected(RejectedRow(rowNumber: rowNumber, problems: problems, raw: raw(values)))
        }
        let recordID = recordIDColumn.map { values[$0].trimmingSpaces() } ?? ""
        if recordID.isEmpty {
            problems.append(FieldProblem(field: "record_id", value: "", reason: "必填字段为空"))
        } else if recordID.utf8.count > 64, recordID.count > 64 {
            problems.append(FieldProblem(field: "record_id", value: recordID, reason: "长度不能超过64个字符"))
        } else if recordID.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            problems.append(FieldProblem(field: "record_id", value: recordID, reason: "不能包含控制字符"))
        }
        var uscc = ""
        let rawUSCC = usccColumn.map { values[$0] } ?? ""
        do {
            uscc = try USCC(rawUSCC).value
        } catch {
            let value = rawUSCC.trimmingSpaces()
            problems.append(FieldProblem(field: "uscc", value: value, reason: value.isEmpty ? "必填字段为空" : error.message))
        }
        var content = "{"
        content.reserveCapacity(256)
        var first = true
        var eventDate = ""
        for (index, field) in dataset.fields.enumerated() {
            let value = fieldColumns[index].map { values[$0].trimmingSpaces() } ?? ""
            if value.isEmpty {
                if field.required { problems.append(FieldProblem(field: field.name, value: "", reason: "必填字段为空")) }
                continue
            }
            switch normalise(value, field) {
            case .success(let normalised):
                if index == dateFieldIndex { eventDate = normalised }
                if problems.isEmpty {
                    if !first { content += "," }
                    first = false
                    JSONText.appendQuoted(field.name, to: &content)
                    content.append(":")
                    JSONText.appendQuoted(normalised, to: &content)
                }
            case .failure(let problem):
                problems.append(FieldProblem(field: field.name, value: value, reason: problem.reason))
            }
        }
        guard problems.isEmpty else {
            return .rejected(RejectedRow(rowNumber: rowNumber, problems: problems, raw: raw(values)))
        }
        content += "}"
        return .valid(ValidRecord(rowNumber: rowNumber, recordID: recordID, uscc: uscc, content: content,
                                  hash: Self.hash(uscc: uscc, content: content), eventDate: eventDate))
    }

    /// The common case, a valid row with nothing to trim, built as bytes without intermediate strings. Nil for any other row, which `validate` then takes through the general path: the
    /// same record, or its problems.
    func validFast(_ values: [String], rowNumber: Int) -> ValidRecord? {
        guard values.count == columns.count, let recordIDColumn, let usccColumn else { return nil }
        let recordID = values[recordIDColumn]
        guard !recordID.isEmpty, Self.isTrimmed(recordID), recordID.utf8.count <= 64,
              !recordID.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
        let uscc = values[usccColumn]
        // A code that validates as it stands is its own normal form (no spaces, no lower case).
        guard uscc.utf8.count == 18, (try? USCC.validate(uscc)) != nil else { return nil }
        var eventDate = ""
        var bytes: [UInt8] = []
        bytes.reserveCapacity(384)
        bytes.append(0x7B)
        let ok = plans.withUnsafeBufferPointer { plans in
            quotedNames.withUnsafeBufferPointer { names in
                for index in plans.indices {
                    let plan = plans[index]
                    guard plan.column >= 0 else {
                        if plan.required { return false }
                        continue
                    }
                    var value = values[plan.column]
                    if value.isEmpty {
                        if plan.required { return false }
                        continue
                    }
                    guard Self.isTrimmed(value) else { return false }
                    switch plan.type {
                    case .string:
                        guard value.utf8.count <= plan.maxLength else { return false }
                    case .amount:
                        if !Amount.isCanonical(value) {
                            guard case .success(let normalised) = Amount.normalise(value) else { return false }
                            value = normalised
                        }
                    case .date:
                        guard let day = Day(iso: value), plan.allowFuture || day <= today else { return false }
                    default:
                        guard case .success(let normalised) = normalise(value, dataset.fields[index]) else { return false }
                        value = normalised
                    }
                    if index == dateFieldIndex { eventDate = value }
                    if bytes.count > 1 { bytes.append(0x2C) }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: names[plan.name]))
                    let plain = value.withUTF8 { utf8 in
                        if utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return false }
                        bytes.append(0x22)
                        bytes.append(contentsOf: utf8)
                        bytes.append(0x22)
                        return true
                    }
                    if !plain { bytes.append(contentsOf: JSONText.quoted(value).utf8) }
                }
                return true
            }
        }
        guard ok else { return nil }
        bytes.append(0x7D)
        let content = String(decoding: bytes, as: UTF8.self)
        return ValidRecord(rowNumber: rowNumber, recordID: recordID, uscc: uscc, content: content,
                           hash: Self.hash(uscc: uscc, content: content), eventDate: eventDate)
    }

    /// Whether `trimmingSpaces()` would leave the text as it is: it neither starts nor ends with a space, tab,
    /// line break or ideographic space (U+3000, E3 80 80). Errs towards false (then `validate` trims).
    static func isTrimmed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            let n = b.count
            guard n > 0 else { return true }
            if b[0] <= 0x20 || b[n - 1] <= 0x20 { return false }
            if n >= 3, b[0] == 0xE3, b[1] == 0x80, b[2] == 0x80 { return false }
            if n >= 3, b[n - 3] == 0xE3, b[n - 2] == 0x80, b[n - 1] == 0x80 { return false }
            return true
        }
    }

    func raw(_ values: [String]) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for (index, column) in columns.enumerated() where !Self.annotationColumns.contains(column) {
            pairs.append((column, index < values.count ? values[index] : ""))
        }
        return pairs
    }

    public static func hash(uscc: String, content: String) -> String {
        var hasher = SHA256()
        var uscc = uscc, content = content
        uscc.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        hasher.update(data: [0x0A])
        content.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hasher.finalize().withUnsafeBytes { Hex.encode(UnsafeRawBufferPointer(rebasing: $0.prefix(16))) }
    }

    struct Problem: Error { let reason: String }

    func normalise(_ value: String, _ field: FieldSpec) -> Result<String, Problem> {
        switch field.type {
        case .string:
            // Characters never outnumber UTF-8 bytes, so the character count is only needed for long values.
            if let max = field.maxLength, value.utf8.count > max, value.count > max {
                return .failure(Problem(reason: "长度不能超过\(max)个字符"))
            }
            return .success(value)
        case .enum:
            let allowed = field.values ?? []
            if allowed.contains(value) { return .success(value) }
            // A clerk's file may carry the catalog's Chinese labels (水, 电 …): each stands for its code.
            if let labels = field.valueLabels, let code = allowed.first(where: { labels[$0] == value }) { return .success(code) }
            return .failure(Problem(reason: "取值应为 \(allowed.map { field.display($0) }.joined(separator: "/")) 之一"))
        case .date:
            guard let day = Day(iso: value) else { return .failure(Problem(reason: "日期格式应为 YYYY-MM-DD 且为有效日期")) }
            if !field.allowFuture, day > today { return .failure(Problem(reason: "日期 \(value) 晚于今天（\(today)）")) }
            return .success(value)  // already in the canonical YYYY-MM-DD form
        case .month:
            let b = Array(value.utf8)
            guard b.count == 7, b[4] == 0x2D, let y = Day.digits(b, 0, 4), let m = Day.digits(b, 5, 2),
                  (1...12).contains(m), y >= 1800 else {
                return .failure(Problem(reason: "月份格式应为 YYYY-MM"))
            }
            if !field.allowFuture, (y, m) > (today.year, today.month) {
                return .failure(Problem(reason: "月份 \(value) 晚于本月"))
            }
            return .success(value)
        case .year:
            let b = Array(value.utf8)
            guard b.count == 4, let y = Day.digits(b, 0, 4), y >= 1800 else {
                return .failure(Problem(reason: "年份应为4位数字"))
            }
            if !field.allowFuture, y > today.year { return .failure(Problem(reason: "年份 \(value) 晚于今年")) }
            return .success(value)
        case .amount:
            return Amount.normalise(value).mapError { Problem(reason: $0.reason) }
        case .integer:
            guard let n = Int(value) else { return .failure(Problem(reason: "应为整数")) }
            if let min = field.min, n < min { return .failure(Problem(reason: "不能小于\(min)")) }
            return .success(String(n))
        case .district:
            let b = Array(value.utf8)
            guard b.count == 6, Day.digits(b, 0, 6) != nil else {
                // A district named as the catalog names it (中山区) stands for its code.
                if let code = field.valueLabels?.first(where: { $0.value == value })?.key { return .success(code) }
                return .failure(Problem(reason: "行政区划代码应为6位数字（或数据目录中的区县名称）"))
            }
            return .success(value)
        }
    }
}

/// Yuan amounts: non-negative, at most two decimals, written canonically (`1200`, `1200.50`).
public enum Amount {
    public struct Problem: Error, Equatable { public let reason: String }

    public static func normalise(_ text: String) -> Result<String, Problem> {
        if isCanonical(text) { return .success(text) }
        if let whole = wholeWithZeroCents(text) { return .success(whole) }
        var b = Array(text.utf8)
        if b.first == 0x2D {
            return .failure(Problem(reason: "金额不能为负数"))
        }
        if b.first == 0x2B { b.removeFirst() }
        guard !b.isEmpty else { return .failure(Problem(reason: "应为金额数字")) }
        let dot = b.firstIndex(of: 0x2E)
        let integerPart = dot.map { Array(b[..<$0]) } ?? b
        let fraction = dot.map { Array(b[(b.index(after: $0))...]) } ?? []
        guard !integerPart.isEmpty, integerPart.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              fraction.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), dot == nil || !fraction.isEmpty else {
            return .failure(Problem(reason: "应为金额数字（元），如 1200.50"))
        }
        guard fraction.count <= 2 else { return .failure(Problem(reason: "金额最多保留两位小数")) }
        guard integerPart.count <= 15 else { return .failure(Problem(reason: "金额过大")) }
        var whole = String(decoding: integerPart.drop(while: { $0 == 0x30 }), as: UTF8.self)
        if whole.isEmpty { whole = "0" }
        var cents = String(decoding: fraction, as: UTF8.self)
        while cents.count < 2 { cents += "0" }
        return .success(cents == "00" ? whole : whole + "." + cents)
    }
}

extension Amount {
    /// `1200` for `1200.00` (a canonical whole number and zero cents), else nil; the other common form.
    static func wholeWithZeroCents(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { b in
            let n = b.count
            guard n >= 4, b[n - 3] == 0x2E, b[n - 2] == 0x30, b[n - 1] == 0x30 else { return nil }
            let whole = n - 3
            guard whole <= 15, b[0] != 0x30 || whole == 1 else { return nil }
            for i in 0..<whole where b[i] < 0x30 || b[i] > 0x39 { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: b[0..<whole]), as: UTF8.self)
        }
    }

    /// Whether the text is already canonical (`0`, `1200`, `1200.05`), checked without copying: most amounts
    /// arrive that way and are kept as they are.
    static func isCanonical(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            let n = b.count
            guard n > 0 else { return false }
            var i = 0
            while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            let whole = i
            guard whole >= 1, whole <= 15, b[0] != 0x30 || whole == 1 else { return false }
            if i == n { return true }
            guard n == whole + 3, b[whole] == 0x2E else { return false }
            let c1 = b[whole + 1], c2 = b[whole + 2]
            guard c1 >= 0x30, c1 <= 0x39, c2 >= 0x30, c2 <= 0x39 else { return false }
            return !(c1 == 0x30 && c2 == 0x30)
        }
    }
}

/// Lower-case hexadecimal text of bytes.
public enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = digits[Int(byte >> 4)]
                out[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Minimal JSON string quoting for canonical content.
public enum JSONText {
    public static func appendQuoted(_ s: String, to out: inout String) {
        if s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(quoted(s))
        } else {
            out.append("\"")
            out.append(s)
            out.append("\"")
        }
    }

    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
