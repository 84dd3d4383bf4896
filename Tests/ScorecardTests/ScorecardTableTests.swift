import Foundation
import Testing
@testable import Scorecard

@Suite("Scorecard CSV table")
struct ScorecardTableTests {
    @Test("RFC 4180 quoting, CRLF, BOM and blank lines")
    func parsing() throws {
        let text = "\u{FEFF}name,note,bad\r\n\"Zhang, San\",\"said \"\"hi\"\"\",0\r\n\r\n李四,\"two\nlines\",1\r\nWang,,0"
        let table = try ScorecardTable(csv: text)
        #expect(table.header == ["name", "note", "bad"])
        #expect(table.rowCount == 3)
        #expect(table.columns[0] == ["Zhang, San", "李四", "Wang"])
        #expect(table.columns[1] == ["said \"hi\"", "two\nlines", ""])
        #expect(table.record(at: 1)["bad"] == "1")
    }

    @Test("Malformed CSV is reported with the line")
    func malformed() {
        #expect(throws: ScorecardError.raggedRow(line: 3, expected: 2, found: 3)) {
            try ScorecardTable(csv: "a,b\n1,2\n1,2,3\n")
        }
        #expect(throws: ScorecardError.malformedCSV(line: 2, detail: "引号未闭合")) {
            try ScorecardTable(csv: "a,b\n\"1,2\n")
        }
        #expect(throws: ScorecardError.emptyFile) { try ScorecardTable(csv: "") }
        #expect(throws: ScorecardError.duplicateColumn("a")) { try ScorecardTable(csv: "a,a\n1,2\n") }
        #expect(throws: ScorecardError.invalidEncoding) { try ScorecardTable(csv: Data([0x61, 0x0A, 0xFF, 0xFE])) }
    }

    @Test("Missing values: empty, NA, NaN, null in any case")
    func missing() {
        for cell in ["", "  ", "NA", "na", "NaN", "nan", "NULL", "Null", " null "] {
            #expect(ScorecardTable.isMissing(cell), "\(cell)")
        }
        for cell in ["0", "N/A", "none", "nil", "NAN1"] {
            #expect(!ScorecardTable.isMissing(cell), "\(cell)")
        }
    }

    @Test("Numbers are plain decimals")
    func numbers() {
        #expect(ScorecardTable.number("42") == 42)
        #expect(ScorecardTable.number(" -3.5 ") == -3.5)
        #expect(ScorecardTable.number("+.5") == 0.5)
        #expect(ScorecardTable.number("1e3") == 1000)
        #expect(ScorecardTable.number("2.5E-1") == 0.25)
        #expect(ScorecardTable.number("12345678901234567890") == 1.2345678901234567e19)
        for cell in ["", "abc", "1,000", "0x10", "inf", "1e", "--1", ".", "1.2.3", "1e400"] {
            #expect(ScorecardTable.number(cell) == nil, "\(cell)")
        }
    }

    @Test("A column is numeric when every non-missing cell is a number")
    func columnTyping() {
        #expect(TypedColumn(name: "x", cells: ["1", "NA", "2.5", "", "null"]).kind == .numeric)
        #expect(TypedColumn(name: "x", cells: ["", "NA"]).kind == .numeric)
        let mixed = TypedColumn(name: "x", cells: ["1", "A", " A ", "NaN"])
        #expect(mixed.kind == .categorical)
        #expect(mixed.levels == ["1", "A"])
        #expect(mixed.codes == [0, 1, 1, -1])
    }
}
