import Foundation

/// CSV for any table: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order mark so Excel and WPS read Chinese
/// correctly, and protection against formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return is prefixed with `'` so a spreadsheet shows it as text instead of running it.
public enum CSVExport {
    public static func text(_ rows: [[String]], byteOrderMark: Bool = true) -> String {
        (byteOrderMark ? "\u{FEFF}" : "") + rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// The cells of a worksheet as CSV text: numbers as plain numbers (so negative amounts stay numbers), text
    /// escaped, dates as `YYYY-MM-DD`, formulas as their text (escaped like any text).
    public static func text(_ sheet: Worksheet, byteOrderMark: Bool = true) -> String {
        let rows = sheet.rows.map { row in
            row.map { cell -> CSVValue in
                switch cell.value {
                case .empty: .number("")
                case .text(let t): .text(t)
                case .integer(let n): .number(String(n))
                case .decimal(let n, let scale): .number(SpreadsheetXML.decimal(n, scale: scale))
                case .date(let d): .number(String(format4(d.year)) + "-" + two(d.month) + "-" + two(d.day))
                case .formula(let f): .text("=" + f)
                }
            }
        }
        return (byteOrderMark ? "\u{FEFF}" : "") + rows.map { $0.map(\.csv).joined(separator: ",") + "\r\n" }.joined()
    }

    enum CSVValue {
        case text(String), number(String)
        var csv: String {
            switch self {
            case .text(let t): CSVExport.field(t)
            case .number(let n): n
            }
        }
    }

    /// One text field, neutralised and quoted as needed.
    public static func field(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    static func format4(_ n: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, 4 - s.count)) + s }
}
