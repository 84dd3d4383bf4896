/// A worksheet: a name (at most 31 characters, none of `[]:*?/\`), column widths in characters and rows of cells
/// from A1. The first row can be frozen as a header.
public struct Worksheet: Sendable, Equatable {
    public var name: String
    /// Widths of columns A, B, … in characters; columns beyond keep the reader's default.
    public var columnWidths: [Double]
    public var rows: [[SheetCell]]
    public var freezesHeader: Bool

    public init(name: String, columnWidths: [Double] = [], rows: [[SheetCell]] = [], freezesHeader: Bool = true) {
        self.name = name; self.columnWidths = columnWidths; self.rows = rows; self.freezesHeader = freezesHeader
    }

    /// Appends a bold header row.
    public mutating func header(_ titles: [String]) { rows.append(titles.map { SheetCell.text($0, bold: true) }) }

    public mutating func append(_ row: [SheetCell]) { rows.append(row) }

    /// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// `B7` for zero-based column 1, row 6.
    public static func reference(column: Int, row: Int) -> String { "\(columnName(column))\(row + 1)" }
}
