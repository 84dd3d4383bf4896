import Domain
import Foundation

/// A CSV table for training or scoring scorecards: a header row and data rows, stored by column.
///
/// RFC 4180 quoting (`"a, b"`, doubled quotes inside quotes), UTF-8 (a leading byte-order mark is
/// skipped), LF or CRLF line ends, blank lines ignored. Cells are kept as written; use
/// `ScorecardTable.isMissing(_:)` for the missing-value rule. The platform's streaming ingest parser
/// lives elsewhere; this one only serves the scorecard engine.
public struct ScorecardTable: Sendable, Equatable {
    /// Column names in file order.
    public let header: [String]
    /// `columns[c][r]` is the cell of column `c` in data row `r` (rows from 0, header excluded).
    public private(set) var columns: [[String]]

    /// The number of data rows.
    public var rowCount: Int { columns.first?.count ?? 0 }

    /// Builds a table from already split cells; every column must have the same length.
    public init(header: [String], columns: [[String]]) throws(ScorecardError) {
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted { throw .duplicateColumn(name) }
        guard columns.count == header.count else {
            throw .raggedRow(line: 1, expected: header.count, found: columns.count)
        }
        let count = columns.first?.count ?? 0
        for (index, column) in columns.enumerated() where column.count != count {
            throw .raggedRow(line: index + 2, expected: count, found: column.count)
        }
        self.header = header
        self.columns = columns
    }

    /// Builds a table from rows of cells (first argument is the header).
    public init(header: [String], rows: [[String]]) throws(ScorecardError) {
        var columns = Array(repeating: [String](), count: header.count)
        for c in columns.indices { columns[c].reserveCapacity(rows.count) }
        for (r, row) in rows.enumerated() {
            guard row.count == header.count else {
                throw .raggedRow(line: r + 2, expected: header.count, found: row.count)
            }
            for c in row.indices { columns[c].append(row[c]) }
        }
        try self.init(header: header, columns: columns)
    }

    /// Reads a CSV file.
    public init(contentsOfFile path: String) throws(ScorecardError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .fileUnreadable(path) }
        try self.init(csv: data)
    }

    /// Parses CSV text.
    public init(csv text: String) throws(ScorecardError) {
        try self.init(csv: Data(text.utf8))
    }

    /// Parses CSV bytes.
    public init(csv data: Data) throws(ScorecardError) {
        guard String(data: data, encoding: .utf8) != nil else { throw .invalidEncoding }
        let parsed: Result<([String], [[String]]), ScorecardError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return ScorecardTable.parse(bytes)
        }
        switch parsed {
        case .success(let (header, columns)): try self.init(header: header, columns: columns)
        case .failure(let error): throw error
        }
    }

    /// The index of a column by name.
    public func columnIndex(named name: String) -> Int? { header.firstIndex(of: name) }

    /// The cells of a column by name.
    public func column(named name: String) -> [String]? {
        columnIndex(named: name).map { columns[$0] }
    }

    /// The cells of one data row, keyed by column name.
    public func record(at row: Int) -> [String: String] {
        var record: [String: String] = [:]
        for (c, name) in header.enumerated() { record[name] = columns[c][row] }
        return record
    }

    // MARK: - Missing values and numbers

    /// A cell is missing when it is empty (after trimming spaces) or reads `NA`, `NaN` or `null`
    /// in any letter case.
    public static func isMissing(_ cell: some StringProtocol) -> Bool {
        var text = String(cell)
        return text.withUTF8 { isMissing(bytes: trimmed($0)) }
    }

    /// The number in a cell written in plain decimal notation (optional sign, digits, optional
    /// fraction, optional exponent; surrounding spaces allowed), or nil. Non-finite values are not numbers.
    public static func number(_ cell: some StringProtocol) -> Double? {
        var text = String(cell)
        return text.withUTF8 { number(bytes: trimmed($0)) }
    }

    /// The cell without leading and trailing ASCII spaces, tabs, line breaks and ideographic spaces.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end {
            let b = bytes[start]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { start += 1; continue }
            if b == 0xE3, start + 2 < end, bytes[start + 1] == 0x80, bytes[start + 2] == 0x80 { start += 3; continue }
            break
        }
        while end > start {
            let b = bytes[end - 1]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { end -= 1; continue }
            if b == 0x80, end - 3 >= start, bytes[end - 2] == 0x80, bytes[end - 3] == 0xE3 { end -= 3; continue }
            break
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    static func isMissing(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes.count {
        case 0: return true
        case 2: return lower(bytes[0]) == 0x6E && lower(bytes[1]) == 0x61  // na
        case 3: return lower(bytes[0]) == 0x6E && lower(bytes[1]) == 0x61 && lower(bytes[2]) == 0x6E  // nan
        case 4:  // null
            return lower(bytes[0]) == 0x6E && lower(bytes[1]) == 0x75 && lower(bytes[2]) == 0x6C && lower(bytes[3]) == 0x6C
        default: return false
        }
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    static func number(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count < 64 else { return nil }
        var index = 0
        var digits = 0, exponentDigits = 0
        var seenPoint = false, seenExponent = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") { index = 1 }
        while index < bytes.count {
            let b = bytes[index]
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if seenExponent { exponentDigits += 1 } else { digits += 1 }
            case UInt8(ascii: "."):
                if seenPoint || seenExponent { return nil }
                seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if seenExponent || digits == 0 { return nil }
                seenExponent = true
                if index + 1 < bytes.count,
                   bytes[index + 1] == UInt8(ascii: "+") || bytes[index + 1] == UInt8(ascii: "-") {
                    index += 1
                }
            default:
                return nil
            }
            index += 1
        }
        guard digits > 0, !seenExponent || exponentDigits > 0 else { return nil }
        // Short integers without exponent or fraction: exact without strtod.
        if !seenPoint, !seenExponent, digits <= 15 {
            var value = 0.0
            var k = bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") ? 1 : 0
            while k < bytes.count {
                value = value * 10 + Double(bytes[k] &- 0x30)
                k += 1
            }
            return bytes[0] == UInt8(ascii: "-") ? -value : value
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// The trimmed text of a cell.
    static func trimmedText(_ cell: String) -> String {
        var text = cell
        return text.withUTF8 { String(decoding: trimmed($0), as: UTF8.self) }
    }

    // MARK: - Parsing

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<([String], [[String]]), ScorecardError> {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var position = 0
        let end = bytes.count
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }

        var header: [String]? = nil
        var columns: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var line = 1
        var rowStartLine = 1

        func finishRow() -> ScorecardError? {
            defer { row.removeAll(keepingCapacity: true) }
            // A blank line (one empty unquoted field) is skipped.
            if row.count == 1, row[0].isEmpty { return nil }
            if header == nil {
                header = row
                columns = Array(repeating: [], count: row.count)
                return nil
            }
            guard row.count == columns.count else {
                return .raggedRow(line: rowStartLine, expected: columns.count, found: row.count)
            }
            for c in row.indices { columns[c].append(row[c]) }
            return nil
        }

        while position < end {
            // Start of a field.
            field.removeAll(keepingCapacity: true)
            if bytes[position] == quote {
                position += 1
                var closed = false
                while position < end {
                    let b = bytes[position]
                    if b == quote {
                        if position + 1 < end, bytes[position + 1] == quote {
                            field.append(quote)
                            position += 2
                            continue
                        }
                        position += 1
                        closed = true
                        break
                    }
                    if b == lf { line += 1 }
                    field.append(b)
                    position += 1
                }
                guard closed else { return .failure(.malformedCSV(line: rowStartLine, detail: "引号未闭合")) }
                guard position == end || bytes[position] == comma || bytes[position] == lf || bytes[position] == cr else {
                    return .failure(.malformedCSV(line: line, detail: "引号后出现多余字符"))
                }
            } else {
                let start = position
                while position < end {
                    let b = bytes[position]
                    if b == comma || b == lf || b == cr { break }
                    if b == quote { return .failure(.malformedCSV(line: line, detail: "未加引号的字段中出现引号")) }
                    position += 1
                }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
            }
            row.append(String(decoding: field, as: UTF8.self))
            // After a field: comma, line end or end of input.
            if position < end, bytes[position] == comma {
                position += 1
                if position == end {  // trailing comma at end of input: one more empty field
                    row.append("")
                }
                continue
            }
            if position < end, bytes[position] == cr {
                position += 1
                if position < end, bytes[position] == lf { position += 1 }
            } else if position < end, bytes[position] == lf {
                position += 1
            }
            if let error = finishRow() { return .failure(error) }
            line += 1
            rowStartLine = line
        }
        if !row.isEmpty, let error = finishRow() { return .failure(error) }
        guard let header else { return .failure(.emptyFile) }
        return .success((header, columns))
    }
}

extension ScorecardTable {
    /// The table as CSV text (header first), readable by `init(csv:)`.
    public func csvText() -> String {
        var text = CSVWriting.line(header)
        for r in 0..<rowCount { text += CSVWriting.line(columns.map { $0[r] }) }
        return text
    }
}
