import Domain
import Foundation
import Spreadsheet

/// A table of the statistics area as the government's offices take it: CSV (UTF-8 with a BOM, formula-safe cells) and
/// an Excel workbook with typed cells. Each cell carries both its text and its typed value.
public struct StatTable: Sendable {
    public struct Cell: Sendable {
        public var text: String
        public var sheet: SheetCell
        public static func text(_ t: String) -> Cell { Cell(text: t, sheet: .text(t)) }
        public static func integer(_ n: Int64) -> Cell { Cell(text: String(n), sheet: .integer(n)) }
        public static func value(_ v: IndicatorValue, _ unit: IndicatorUnit) -> Cell { Cell(text: v.text(unit), sheet: Statistics.cell(v, unit)) }
    }

    public var name: String
    public var headers: [String]
    public var rows: [[Cell]]
    public var widths: [Double]

    public init(name: String, headers: [String], rows: [[Cell]], widths: [Double] = []) {
        self.name = name; self.headers = headers; self.rows = rows; self.widths = widths
    }

    public var csv: String {
        "\u{FEFF}" + ([headers] + rows.map { $0.map(\.text) }).map { CSVWriting.line($0.map(CSVWriting.spreadsheetSafe)) }.joined()
    }

    public func xlsx() throws -> Data {
        var sheet = Worksheet(name: name, columnWidths: widths)
        sheet.header(headers)
        for row in rows { sheet.append(row.map(\.sheet)) }
        return try Workbook(sheets: [sheet]).xlsxData()
    }
}

extension StatEvaluation.Table {
    /// The league table: rank, name, total and each item's points (points with two decimals).
    public var export: StatTable {
        let items = scheme.items
        func points(_ centipoints: Int) -> StatTable.Cell {
            let text = IndicatorValue.hundredthsText(Int64(centipoints) * 100, per: 10_000)
            return StatTable.Cell(text: text, sheet: SheetCell(.decimal(Int64(centipoints), scale: 2)))
        }
        return StatTable(name: subject == .institution ? "金融机构评价" : "区县评价",
                         headers: ["名次", subject == .institution ? "金融机构" : "区县", "总分"] + items.map { "\($0.label)（满分\($0.maxPoints)）" },
                         rows: rows.map { row in
                             [.integer(Int64(row.rank)), .text(names[row.subject] ?? row.subject), points(row.centipoints)]
                                 + items.map { item in points(row.items.first { $0.code == item.code }?.centipoints ?? 0) }
                         }, widths: [8, 28, 10] + items.map { _ in 14 })
    }
}

extension StatReports.MonthView {
    /// The month's reports: each institution's status, first filing, days late, problems and differences.
    public var export: StatTable {
        let late = Dictionary(self.late.map { ($0.institution, $0.daysLate) }, uniquingKeysWith: { a, _ in a })
        return StatTable(name: "统计报表\(month)", headers: ["金融机构", "状态", "首次报送日", "逾期天数", "问题数", "与平台不一致项"],
                         rows: institutions.map { i in
                             let id = String(i.id), r = reports[id]
                             return [.text(i.name), .text(r?.status.label ?? "未报送"), .text(r?.firstFiledOn.description ?? ""),
                                     .integer(Int64(late[id] ?? 0)), .integer(Int64(r?.problems.count ?? 0)),
                                     .integer(Int64(r?.differences.filter { ($0.difference ?? 0) != 0 }.count ?? 0))]
                         }, widths: [28, 10, 12, 10, 8, 14])
    }
}
