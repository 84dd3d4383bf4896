import Foundation

/// The statistical report (统计报表) institutions file each month, as published by the credit center: versioned data
/// (`report-templates.json`) with rows, their definitions and validation rules. A report is checked under the
/// version in force on the first day of its month.
public struct ReportTemplates: Sendable, Equatable, Codable, VersionedRules {
    public var name: String
    public var source: String
    /// Oldest first.
    public var versions: [ReportTemplate]

    static let fileName = "report-templates.json"

    /// No template (a package without the file: nothing can be filed, and the page says so).
    public static let none = ReportTemplates(name: "", source: "", versions: [])

    /// The templates shipped with the platform.
    public static func bundled() throws(DomainError) -> ReportTemplates {
        guard let url = Bundle.module.url(forResource: "report-templates", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .invalidCatalog(entry: fileName, reason: "安装包中缺少统计报表模板文件")
        }
        return try decode(data)
    }

    /// Reads and checks a templates file; the first problem is reported in Chinese, naming the row or field.
    public static func decode(_ data: Data) throws(DomainError) -> ReportTemplates {
        let file: ReportTemplates
        do { file = try JSONDecoder().decode(ReportTemplates.self, from: data) } catch {
            throw .invalidCatalog(entry: fileName, reason: "统计报表模板文件格式有误：\(error)")
        }
        if let problem = file.problems().first { throw .invalidCatalog(entry: fileName, reason: problem) }
        return file
    }

    /// The template for reports of `month`.
    public func template(for month: StatMonth) -> ReportTemplate? { inForce(on: month.firstDay) }

    /// Everything wrong with the file, in Chinese.
    public func problems() -> [String] {
        var problems: [String] = []
        if versions.isEmpty { problems.append("没有任何版本") }
        for (a, b) in zip(versions, versions.dropFirst()) {
            guard let first = a.effectiveDay, let next = b.effectiveDay, a.version < b.version, first < next else {
                problems.append("版本 \(b.version) 的版本号与生效日期须晚于版本 \(a.version)"); continue
            }
        }
        for version in versions { problems += version.problems().map { "版本 \(version.version)：\($0)" } }
        return problems
    }
}

/// One version of the report template.
public struct ReportTemplate: Sendable, Equatable, Codable, RuleVersion {
    public var version: Int
    public var effectiveFrom: String
    /// A month's report is due on this day of the next month.
    public var dueDayOfNextMonth: Int
    public var columns: [Column]
    public var rows: [Row]

    public struct Column: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        public var unit: Unit
        public enum Unit: String, Sendable, Codable { case count, cents }
    }

    public struct Row: Sendable, Equatable, Codable {
        public var code: String
        public var label: String
        public var definition: String
        /// The columns this row has.
        public var cells: [String]
        /// Those that must be filled.
        public var required: [String]
        /// Rows whose values (column by column) this row must equal the sum of.
        public var sumOf: [String]?
        /// The row this one is a part of (其中): it may not exceed it.
        public var partOf: String?
        /// Column → the indicator giving the platform's own figure for the institution.
        public var platform: [String: String]?
        /// Columns whose reported value may not be below the platform's figure (the institution's loans recorded on
        /// the platform are a floor: it may also lend outside the platform).
        public var floor: [String]?
        /// Negative values are refused unless this is true.
        public var allowsNegative: Bool?
    }

    public func row(_ code: String) -> Row? { rows.first { $0.code == code } }
    public func column(_ code: String) -> Column? { columns.first { $0.code == code } }

    /// The last day a report of `month` is on time.
    public func dueOn(for month: StatMonth) -> Day {
        let next = month.adding(months: 1)
        return Day(year: next.year, month: next.month, day: min(dueDayOfNextMonth, next.lastDay.day))
    }

    func problems() -> [String] {
        var problems: [String] = []
        if effectiveDay == nil { problems.append("生效日期“\(effectiveFrom)”不是 YYYY-MM-DD") }
        if !(1...28).contains(dueDayOfNextMonth) { problems.append("报送截止日须在 1 至 28 日之间") }
        let columnCodes = Set(columns.map(\.code)), rowCodes = rows.map(\.code)
        if columnCodes.count != columns.count { problems.append("栏目代码重复") }
        for code in Set(rowCodes) where rowCodes.filter({ $0 == code }).count > 1 { problems.append("行次 \(code) 重复") }
        for row in rows {
            let name = "行次 \(row.code)"
            for c in row.cells where !columnCodes.contains(c) { problems.append("\(name) 引用了不存在的栏目 \(c)") }
            for c in row.required + (row.floor ?? []) + Array((row.platform ?? [:]).keys) where !row.cells.contains(c) {
                problems.append("\(name) 的规则引用了本行没有的栏目 \(c)")
            }
            for child in row.sumOf ?? [] {
                if child == row.code { problems.append("\(name) 不能等于自身之和") }
                guard let other = self.row(child) else { problems.append("\(name) 的合计项 \(child) 不存在"); continue }
                for c in row.cells where !other.cells.contains(c) { problems.append("\(name) 的合计项 \(child) 没有栏目 \(c)") }
            }
            if let parent = row.partOf, self.row(parent) == nil || parent == row.code {
                problems.append("\(name) 所属的行次 \(parent) 不存在")
            }
            for (c, code) in row.platform ?? [:] {
                guard let indicator = IndicatorCatalog.indicator(code) else { problems.append("\(name) 引用了不存在的指标 \(code)"); continue }
                let money = indicator.unit == .cents
                if let column = column(c), money != (column.unit == .cents) {
                    problems.append("\(name) 的栏目 \(c) 与指标 \(code) 的单位不一致")
                }
                if [.ratio, .weightedAverage, .change, .durationPercentile, .average].contains(indicator.kind) {
                    problems.append("\(name) 只能对照计数或金额类指标，\(code) 不是")
                }
            }
            for c in row.floor ?? [] where row.platform?[c] == nil { problems.append("\(name) 的栏目 \(c) 以平台数为下限，但未指定平台指标") }
        }
        return problems
    }
}
