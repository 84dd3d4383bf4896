import Foundation
/// An RFC 4180 CSV parser over UTF-8 bytes that is fed chunks and keeps partial rows between them, so a
/// file of any size streams through in constant memory. Quoted fields may hold commas, quotes and line
/// breaks; rows end with LF or CRLF (or a lone CR). Blank lines are skipped.
public struct CSVParser: Sendable {
    enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var row: [String] = []
    private var lastWasCR = false
    private var rowHasContent = false
    private var rowBytes = 0
    public private(set) var unterminatedQuote = false
    /// Set when a row grew past `maxRowBytes` (a corrupt file, a missing closing quote, or no line breaks at
    /// all): parsing stops there, so a file of any shape costs bounded memory.
    public private(set) var rowTooLong = false

    /// The longest row accepted, in bytes (line breaks inside quoted fields included).
    public static let maxRowBytes = 1 << 20

    public init() {}

    /// Parses a chunk, appending each completed row to `rows`. Runs of ordinary bytes inside a field are
    /// found with a tight scan and copied at once rather than byte by byte.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into rows: inout [[String]]) {
        let n = bytes.count
        var i = 0
        /// The end of the run of bytes from `start` that are not a comma, a line break or (when `quote`) a quote.
        @inline(__always) func runEnd(from start: Int, stopAtQuote: Bool) -> Int {
            var j = start
            if stopAtQuote {
                while j < n, bytes[j] != 0x22 { j += 1 }
            } else {
                while j < n {
                    let c = bytes[j]
                    if c == 0x2C || c == 0x0A || c == 0x0D { break }
                    j += 1
                }
            }
            return j
        }
        while i < n {
            if rowBytes > Self.maxRowBytes {
                rowTooLong = true
                return
            }
            let byte = bytes[i]
            if lastWasCR {
                lastWasCR = false
                if byte == 0x0A, state != .quoted { i += 1; continue }
            }
            switch state {
            case .fieldStart:
                switch byte {
                case 0x22: state = .quoted; rowHasContent = true; i += 1; rowBytes += 1
                case 0x2C: endField(); rowHasContent = true; i += 1; rowBytes += 1
                case 0x0A: endRow(&rows); i += 1
                case 0x0D: lastWasCR = true; endRow(&rows); i += 1
                default:
                    let end = runEnd(from: i + 1, stopAtQuote: false)
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    rowBytes += end - i
                    state = .unquoted; rowHasContent = true; i = end
                }
            case .unquoted:
                switch byte {
                case 0x2C: endField(); state = .fieldStart; i += 1; rowBytes += 1
                case 0x0A: endRow(&rows); i += 1
                case 0x0D: lastWasCR = true; endRow(&rows); i += 1
                default:
                    let end = runEnd(from: i + 1, stopAtQuote: false)
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    rowBytes += end - i
                    i = end
                }
            case .quoted:
                if byte == 0x22 {
                    state = .quoteInQuoted; i += 1; rowBytes += 1
                } else {
                    let end = runEnd(from: i + 1, stopAtQuote: true)
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    rowBytes += end - i
                    i = end
                }
            case .quoteInQuoted:
                switch byte {
                case 0x22: field.append(0x22); state = .quoted
                case 0x2C: endField(); state = .fieldStart
                case 0x0A: endRow(&rows)
                case 0x0D: lastWasCR = true; endRow(&rows)
                default: field.append(byte); state = .unquoted  // lenient: text after a closing quote
                }
                i += 1
                rowBytes += 1
            }
        }
    }

    public mutating func feed(_ bytes: [UInt8], into rows: inout [[String]]) {
        bytes.withUnsafeBufferPointer { feed($0, into: &rows) }
    }

    /// Ends the input: a last row without a line break is emitted.
    public mutating func finish(into rows: inout [[String]]) {
        if state == .quoted { unterminatedQuote = true }
        if rowHasContent || !field.isEmpty { endRow(&rows) }
    }

    private mutating func endField() {
        row.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRow(_ rows: inout [[String]]) {
        if !rowHasContent && field.isEmpty && row.isEmpty {
            state = .fieldStart
            return
        }
        endField()
        state = .fieldStart
        rowHasContent = false
        rowBytes = 0
        // Hand the row over and start a fresh one of the same size (keeping capacity would copy the shared buffer).
        let width = row.count
        rows.append(row)
        row = []
        row.reserveCapacity(width)
    }
}

/// Writes CSV with RFC 4180 quoting.
public enum CSVWriting {
    public static func line(_ values: [String]) -> String {
        values.map(escape).joined(separator: ",") + "\n"
    }

    /// A cell a spreadsheet would evaluate (starting with = + - @, a tab or a carriage return) made inert
    /// with a leading apostrophe: a file sent by a department must not run formulas on a clerk's machine.
    public static func spreadsheetSafe(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    public static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
