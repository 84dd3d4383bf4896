import Foundation

/// Where an institution's monthly report stands.
public enum StatReportStatus: String, CaseIterable, Sendable, Codable, Hashable {
    /// Filed without problems; the credit center has not decided.
    case pending
    case accepted
    /// Returned (by the platform's checks or by the credit center) with reasons; the institution files again.
    case returned

    public var label: String {
        switch self {
        case .pending: "待审核"
        case .accepted: "已接受"
        case .returned: "已退回"
        }
    }
}

/// An institution's report of a month as the platform keeps it: the latest figures, the checks' problems and the
/// differences from the platform's own figures, its status and history.
public struct StatReportRecord: Sendable, Equatable, Codable {
    public struct Event: Sendable, Equatable, Codable {
        public enum Action: String, Sendable, Codable { case filed, refiled, returned, accepted }
        public var action: Action
        public var on: Day
        public var by: String
        public var reason: String?
        public init(_ action: Action, on: Day, by: String, reason: String? = nil) {
            self.action = action; self.on = on; self.by = by; self.reason = reason
        }
    }

    public var id: Int64
    public var templateVersion: Int
    public var report: StatReport
    public var status: StatReportStatus
    /// The first filing (lateness counts from it).
    public var firstFiledOn: Day
    public var problems: [ReportProblem]
    public var differences: [ReportDifference]
    public var history: [Event]

    /// A filing checked against `template` and the platform's figures for the institution and month: with problems it
    /// is returned at once by the platform's checks (every problem is a reason), otherwise it waits for the credit
    /// center.
    public static func filed(_ report: StatReport, template: ReportTemplate, platform: [String: IndicatorValue], by: String,
                             on day: Day, previous: StatReportRecord?) throws(DomainError) -> StatReportRecord {
        guard day > report.month.lastDay else {
            throw .invalidInput(field: "month", reason: "\(report.month.label)尚未结束，月报须在次月报送")
        }
        if let previous, previous.status == .accepted {
            throw .conflict("\(report.month.label)的统计报表已被接受，不能再改；如需更正请联系信用中心")
        }
        let problems = template.validate(report, platform: platform)
        var record = StatReportRecord(
            id: previous?.id ?? 0, templateVersion: template.version, report: report, status: problems.isEmpty ? .pending : .returned,
            firstFiledOn: previous?.firstFiledOn ?? day, problems: problems,
            differences: template.differences(report, platform: platform), history: previous?.history ?? [])
        record.history.append(Event(previous == nil ? .filed : .refiled, on: day, by: by))
        if !problems.isEmpty {
            record.history.append(Event(.returned, on: day, by: "平台校验", reason: "发现\(problems.count)处问题：" +
                                        problems.prefix(3).map(\.message).joined(separator: "；") + (problems.count > 3 ? "……" : "")))
        }
        return record
    }

    /// The credit center's decision on a pending report; a return needs a reason.
    public mutating func decide(accept: Bool, reason: String, by: String, on day: Day) throws(DomainError) {
        guard status == .pending else { throw .conflict("该报表当前为“\(status.label)”，只有待审核的报表可以接受或退回") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if accept {
            status = .accepted
            history.append(Event(.accepted, on: day, by: by, reason: reason.isEmpty ? nil : reason))
        } else {
            guard !reason.isEmpty else { throw .invalidInput(field: "reason", reason: "退回报表须写明原因") }
            status = .returned
            history.append(Event(.returned, on: day, by: by, reason: reason))
        }
    }
}

extension ReportTemplate {
    /// A cell's value as typed: amounts in yuan with up to two decimals (`1,234.5`, `¥1234.56`), counts as whole numbers.
    public func cellValue(_ text: String, row: String, column: String) throws(DomainError) -> Int64? {
        let field = "\(row).\(column)"
        var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: "，", with: "").replacingOccurrences(of: "¥", with: "").replacingOccurrences(of: "元", with: "")
        guard !t.isEmpty else { return nil }
        guard t.count <= 20 else { throw .invalidInput(field: field, reason: "数值过长") }
        let negative = t.hasPrefix("-")
        if negative { t.removeFirst() }
        let sign: Int64 = negative ? -1 : 1
        guard let c = self.column(column) else { throw .invalidInput(field: field, reason: "模板没有“\(column)”栏") }
        switch c.unit {
        case .count:
            guard let n = Int64(t), n < 1_000_000_000_000 else { throw .invalidInput(field: field, reason: "“\(c.label)”应为整数，填写的是“\(text)”") }
            return sign * n
        case .cents:
            let parts = t.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, let yuan = Int64(parts[0].isEmpty ? "0" : String(parts[0])), yuan < 1_000_000_000_000,
                  parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isASCII) && Int64(parts[1]) != nil else {
                throw .invalidInput(field: field, reason: "“\(c.label)”应为金额（元，最多两位小数），填写的是“\(text)”")
            }
            let fraction = parts.count == 2 ? (Int64(parts[1]) ?? 0) * (parts[1].count == 1 ? 10 : 1) : 0
            return sign * (yuan * 100 + fraction)
        }
    }

    /// A report from an uploaded CSV: a header `行次,栏目,数值`, then one cell per line (`R01,amount,1234.56`; the
    /// column by code or by label). Every bad line is named at once.
    public func parseCSV(_ text: String, institution: String, month: StatMonth) throws(DomainError) -> StatReport {
        var report = StatReport(institution: institution, month: month)
        var errors: [String] = []
        let lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first, header.replacingOccurrences(of: " ", with: "").hasPrefix("行次,栏目,数值") else {
            throw .invalidInput(field: "file", reason: "文件第一行应为表头“行次,栏目,数值”")
        }
        guard lines.count <= 2_000 else { throw .invalidInput(field: "file", reason: "文件行数过多（最多2000行）") }
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3 else { errors.append("第\(index + 1)行应有3列（行次,栏目,数值），实有\(fields.count)列"); continue }
            let rowCode = fields[0]
            guard let row = self.row(rowCode) else { errors.append("第\(index + 1)行：模板没有行次“\(rowCode.prefix(20))”"); continue }
            guard let column = columns.first(where: { $0.code == fields[1] || $0.label == fields[1] }), row.cells.contains(column.code) else {
                errors.append("第\(index + 1)行：第\(rowCode)行没有栏目“\(fields[1].prefix(20))”"); continue
            }
            do {
                if let value = try cellValue(fields[2], row: row.code, column: column.code) { report[row.code, column.code] = value }
            } catch {
                errors.append("第\(index + 1)行：\(error.message)")
            }
        }
        guard errors.isEmpty else {
            throw .invalidInput(field: "file", reason: errors.prefix(20).joined(separator: "；") + (errors.count > 20 ? "……共\(errors.count)处" : ""))
        }
        return report
    }
}
