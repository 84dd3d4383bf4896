import Foundation
import ZIPFoundation

/// An Office Open XML workbook (.xlsx) as government offices open it in Excel or WPS: shared strings, numbers,
/// dates, bold headers, column widths, a frozen header row, several sheets and formulas recalculated on opening.
/// The bytes depend only on the content (entries are dated 1980-01-01), so the same table always gives the same file.
public struct Workbook: Sendable, Equatable {
    public var sheets: [Worksheet]

    public init(sheets: [Worksheet] = []) { self.sheets = sheets }

    static let forbidden = Set("[]:*?/\\")
    static let entryDate = Date(timeIntervalSince1970: 315_532_800 + 12 * 3600)

    /// The .xlsx file.
    public func xlsxData() throws(SpreadsheetError) -> Data {
        guard !sheets.isEmpty else { throw .noSheets }
        var names = Set<String>()
        for sheet in sheets {
            guard (1...31).contains(sheet.name.count), !sheet.name.contains(where: Self.forbidden.contains) else {
                throw .invalidSheetName(sheet.name)
            }
            guard names.insert(sheet.name.lowercased()).inserted else { throw .duplicateSheetName(sheet.name) }
        }
        var strings = SharedStrings()
        let sheetXML = sheets.map { worksheetXML($0, &strings) }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes()),
            ("_rels/.rels", rootRelationships()),
            ("xl/workbook.xml", workbookXML()),
            ("xl/_rels/workbook.xml.rels", workbookRelationships()),
            ("xl/styles.xml", Self.styles),
            ("xl/sharedStrings.xml", strings.xml),
        ]
        for (i, xml) in sheetXML.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", xml)) }
        do {
            let archive = try Archive(accessMode: .create)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Self.entryDate,
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw SpreadsheetError.archive("内存归档没有数据") }
            return data
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw .archive("\(error)")
        }
    }

    struct SharedStrings {
        var index: [String: Int] = [:]
        var list: [String] = []
        var uses = 0
        mutating func id(_ text: String) -> Int {
            uses += 1
            if let i = index[text] { return i }
            index[text] = list.count; list.append(text)
            return list.count - 1
        }
        var xml: String {
            var out = SpreadsheetXML.header + #"<sst xmlns="\#(SpreadsheetXML.main)" count="\#(uses)" uniqueCount="\#(list.count)">"#
            for s in list { out += #"<si><t xml:space="preserve">\#(SpreadsheetXML.escape(s))</t></si>"# }
            return out + "</sst>"
        }
    }

    func worksheetXML(_ sheet: Worksheet, _ strings: inout SharedStrings) -> String {
        var out = SpreadsheetXML.header + #"<worksheet xmlns="\#(SpreadsheetXML.main)" xmlns:r="\#(SpreadsheetXML.relationships)">"#
        out += "<sheetViews><sheetView workbookViewId=\"0\">"
        if sheet.freezesHeader && sheet.rows.count > 1 {
            out += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        }
        out += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        if !sheet.columnWidths.isEmpty {
            out += "<cols>"
            for (i, w) in sheet.columnWidths.enumerated() {
                out += #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(SpreadsheetXML.width(w))" customWidth="1"/>"#
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            out += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = Worksheet.reference(column: c, row: r), s = cell.style.rawValue
                switch cell.value {
                case .empty:
                    if cell.style != .plain { out += #"<c r="\#(ref)" s="\#(s)"/>"# }
                case .text(let text):
                    out += #"<c r="\#(ref)" s="\#(s)" t="s"><v>\#(strings.id(text))</v></c>"#
                case .integer(let n):
                    out += #"<c r="\#(ref)" s="\#(s)"><v>\#(n)</v></c>"#
                case .decimal(let n, let scale):
                    out += #"<c r="\#(ref)" s="\#(s)"><v>\#(SpreadsheetXML.decimal(n, scale: scale))</v></c>"#
                case .date(let date):
                    out += #"<c r="\#(ref)" s="\#(s)"><v>\#(date.serial)</v></c>"#
                case .formula(let f):
                    out += #"<c r="\#(ref)" s="\#(s)"><f>\#(SpreadsheetXML.escape(f))</f></c>"#
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    func workbookXML() -> String {
        var out = SpreadsheetXML.header + #"<workbook xmlns="\#(SpreadsheetXML.main)" xmlns:r="\#(SpreadsheetXML.relationships)"><sheets>"#
        for (i, sheet) in sheets.enumerated() {
            out += #"<sheet name="\#(SpreadsheetXML.escape(sheet.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        return out + #"</sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#
    }

    func workbookRelationships() -> String {
        let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var out = SpreadsheetXML.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in sheets.indices {
            out += #"<Relationship Id="rId\#(i + 1)" Type="\#(base)/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        out += #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(base)/styles" Target="styles.xml"/>"#
        out += #"<Relationship Id="rId\#(sheets.count + 2)" Type="\#(base)/sharedStrings" Target="sharedStrings.xml"/>"#
        return out + "</Relationships>"
    }

    func rootRelationships() -> String {
        SpreadsheetXML.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
    }

    func contentTypes() -> String {
        let ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var out = SpreadsheetXML.header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        out += #"<Default Extension="xml" ContentType="application/xml"/>"#
        out += #"<Override PartName="/xl/workbook.xml" ContentType="\#(ml).sheet.main+xml"/>"#
        for i in sheets.indices {
            out += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="\#(ml).worksheet+xml"/>"#
        }
        out += #"<Override PartName="/xl/styles.xml" ContentType="\#(ml).styles+xml"/>"#
        out += #"<Override PartName="/xl/sharedStrings.xml" ContentType="\#(ml).sharedStrings+xml"/>"#
        return out + "</Types>"
    }

    /// Cell formats in the order of `SheetCell.Style`: plain, bold, date, money (#,##0.00), integer (#,##0),
    /// percent (0.00%), bold money, bold integer.
    static let styles = SpreadsheetXML.header + #"<styleSheet xmlns="\#(SpreadsheetXML.main)">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="8">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>"#
        + #"<xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}
