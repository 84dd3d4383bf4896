import Testing
@testable import Spreadsheet

/// CSV export: quoting, CRLF, the byte-order mark, and cells that a spreadsheet would run as formulas neutralised.
@Suite struct CSVExportTests {
    @Test func formulaInjectionIsNeutralised() {
        #expect(CSVExport.field("=HYPERLINK(\"http://x\",\"点我\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"")
        #expect(CSVExport.field("+86 411") == "'+86 411")
        #expect(CSVExport.field("-1+2") == "'-1+2")
        #expect(CSVExport.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVExport.field("\tcmd") == "'\tcmd")
        #expect(CSVExport.field("中山区") == "中山区" && CSVExport.field("a=b") == "a=b")
    }

    @Test func quotingAndLineEnds() {
        let text = CSVExport.text([["区县", "备注"], ["中山区", "含,逗号"], ["西岗区", "含\"引号\"\n换行"]])
        #expect(text == "\u{FEFF}区县,备注\r\n中山区,\"含,逗号\"\r\n西岗区,\"含\"\"引号\"\"\n换行\"\r\n")
        #expect(CSVExport.text([["a"]], byteOrderMark: false) == "a\r\n")
    }

    @Test func aWorksheetKeepsNumbersAsNumbersAndEscapesText() {
        var sheet = Worksheet(name: "放款")
        sheet.header(["区县", "金额", "日期", "合计"])
        sheet.append([.text("-西岗区"), .money(cents: -123_45), .date(SheetDate(year: 2025, month: 3, day: 1)), .formula("SUM(B2:B2)")])
        #expect(CSVExport.text(sheet, byteOrderMark: false) == "区县,金额,日期,合计\r\n'-西岗区,-123.45,2025-03-01,'=SUM(B2:B2)\r\n")
    }
}
