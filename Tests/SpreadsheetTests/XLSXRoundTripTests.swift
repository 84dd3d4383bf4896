import Foundation
import Testing
@testable import Spreadsheet

/// The workbook read back by a real reader, Python's openpyxl: cell values and types, shared strings with awkward
/// characters, dates, the bold header, column widths, the frozen header, several sheets and SUM formulas. The test
/// fails (it does not skip) when openpyxl is missing: CI must `pip install openpyxl` (or apt-get python3-openpyxl).
@Suite struct XLSXRoundTripTests {
    static let awkward = "A&B <c> \"引号\" 'x'\n第二行  "

    func workbook() -> Workbook {
        var loans = Worksheet(name: "放款统计", columnWidths: [12, 10, 18, 14, 12.5])
        loans.header(["区县", "放款笔数", "放款金额（元）", "信用贷款占比", "统计日期"])
        let day = SheetDate(year: 2025, month: 3, day: 31)
        loans.append([.text("中山区"), .integer(3), .money(cents: 60_000_000), .percent(millionths: 666_667), .date(day)])
        loans.append([.text("西岗区"), .integer(2), .money(cents: -1_234_56), .percent(millionths: 0), .date(day)])
        loans.append([.text("合计", bold: true), .formula("SUM(B2:B3)", style: .boldInteger), .formula("SUM(C2:C3)", style: .boldMoney),
                      .empty, .empty])
        var notes = Worksheet(name: "指标说明", columnWidths: [30, 60])
        notes.header(["指标", "定义"])
        notes.append([.text("放款金额"), .text(Self.awkward)])
        notes.append([.text("=1+1"), .text("中山区")])   // text, not a formula; 中山区 reuses a shared string
        return Workbook(sheets: [loans, notes])
    }

    /// Runs `script` with the xlsx path as argv[1]; returns stdout. Records an issue naming the fix when Python or
    /// openpyxl is missing.
    func python(_ script: String, file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out; process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errors, as: UTF8.self)
        if stderr.contains("No module named 'openpyxl'") {
            Issue.record("openpyxl is missing: install it with `pip install openpyxl` (or apt-get install python3-openpyxl)")
            throw MissingReader()
        }
        #expect(process.terminationStatus == 0, "python3 failed: \(stderr)")
        return String(decoding: output, as: UTF8.self)
    }

    struct MissingReader: Error {}

    static let reader = """
    import json, sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": wb.sheetnames, "cells": {}, "formats": {}, "bold": {}, "widths": {}, "freeze": {}}
    for ws in wb.worksheets:
        out["freeze"][ws.title] = ws.freeze_panes
        out["widths"][ws.title] = {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None: continue
                v = c.value
                key = ws.title + "!" + c.coordinate
                out["cells"][key] = [type(v).__name__, v.isoformat() if hasattr(v, "isoformat") else v]
                out["formats"][key] = c.number_format
                out["bold"][key] = bool(c.font.b)
    print(json.dumps(out, ensure_ascii=False, sort_keys=True))
    """

    @Test func openpyxlReadsBackTheCellsFormulasAndFormats() throws {
        let data = try workbook().xlsxData()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-stats-\(UUID().uuidString).xlsx")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let json = try python(Self.reader, file: url)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(parsed["sheets"] as? [String] == ["放款统计", "指标说明"])
        let cells = try #require(parsed["cells"] as? [String: [Any]])
        func cell(_ key: String) -> String { cells[key].map { "\($0[0]):\($0[1])" } ?? "none" }
        #expect(cell("放款统计!A1") == "str:区县")
        #expect(cell("放款统计!B2") == "int:3")
        #expect(cell("放款统计!C2").hasPrefix("float:600000"), "600000.00 is read as a float: \(cell("放款统计!C2"))")
        #expect((cells["放款统计!C2"]?[1] as? Double) == 600_000)
        #expect(cell("放款统计!C3") == "float:-1234.56")
        #expect(cell("放款统计!D2") == "float:0.666667")
        #expect(cell("放款统计!E2") == "datetime:2025-03-31T00:00:00")
        #expect(cell("放款统计!B4") == "str:=SUM(B2:B3)" && cell("放款统计!C4") == "str:=SUM(C2:C3)")
        #expect(cell("放款统计!D4") == "none", "empty cells are not written")
        #expect(cell("指标说明!B2") == "str:\(Self.awkward)")
        #expect(cell("指标说明!A3") == "str:=1+1", "a text cell stays text in xlsx")
        #expect(cell("指标说明!B3") == "str:中山区")
        let formats = try #require(parsed["formats"] as? [String: String])
        #expect(formats["放款统计!C2"] == "#,##0.00" && formats["放款统计!D2"] == "0.00%" && formats["放款统计!E2"] == "yyyy-mm-dd")
        #expect(formats["放款统计!B4"] == "#,##0")
        let bold = try #require(parsed["bold"] as? [String: Bool])
        #expect(bold["放款统计!A1"] == true && bold["放款统计!E1"] == true && bold["放款统计!A4"] == true && bold["放款统计!C4"] == true)
        #expect(bold["放款统计!A2"] == false && bold["放款统计!C2"] == false)
        let widths = try #require(parsed["widths"] as? [String: [String: Double]])
        #expect(widths["放款统计"] == ["A": 12, "B": 10, "C": 18, "D": 14, "E": 12.5])
        let freeze = try #require(parsed["freeze"] as? [String: Any])
        #expect(freeze["放款统计"] as? String == "A2")
    }

    @Test func theSameTableGivesTheSameBytes() throws {
        #expect(try workbook().xlsxData() == workbook().xlsxData())
        #expect(try workbook().xlsxData().prefix(2) == Data("PK".utf8))
    }

    @Test func badSheetNamesAreRefused() {
        #expect(throws: SpreadsheetError.invalidSheetName("a/b")) { try Workbook(sheets: [Worksheet(name: "a/b")]).xlsxData() }
        #expect(throws: SpreadsheetError.invalidSheetName(String(repeating: "表", count: 32))) {
            try Workbook(sheets: [Worksheet(name: String(repeating: "表", count: 32))]).xlsxData()
        }
        #expect(throws: SpreadsheetError.duplicateSheetName("Sheet")) {
            try Workbook(sheets: [Worksheet(name: "sheet"), Worksheet(name: "Sheet")]).xlsxData()
        }
        #expect(throws: SpreadsheetError.noSheets) { try Workbook().xlsxData() }
    }

    @Test func columnNamesAndDateSerials() {
        #expect([0, 25, 26, 27, 51, 52, 701, 702].map(Worksheet.columnName) == ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"])
        #expect(SheetDate(year: 1900, month: 3, day: 1).serial == 61, "Excel's 1900-03-01")
        #expect(SheetDate(year: 2025, month: 3, day: 31).serial == 45747)
    }
}
