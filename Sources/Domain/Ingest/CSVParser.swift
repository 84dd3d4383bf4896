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
    public private(set) var unterminatedQuote = false

    public init() {}

    /// Parses a chunk, appending each completed row to `rows`.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into rows: inout [[String]]) {
        for byte in bytes {
            if lastWasCR {
                lastWasCR = false
                if byte == 0x0A, state != .quoted { continue }
            }
            switch state {
            case .fieldStart:
                switch byte {
                case 0x22: state = .quoted; rowHasContent = true
                case 0x2C: endField(); rowHasContent = true
                case 0x0A: endRow(&rows)
                case 0x0D: lastWasCR = true; endRow(&rows)
                default: field.append(byte); state = .unquoted; rowHasContent = true
                }
            case .unquoted:
                switch byte {
                case 0x2C: endField(); state = .fieldStart
                case 0x0A: endRow(&rows)
                case 0x0D: lastWasCR = true; endRow(&rows)
                default: field.append(byte)
                }
            case .quoted:
                if byte == 0x22 { state = .quoteInQuoted } else { field.append(byte) }
            case .quoteInQuoted:
                switch byte {
                case 0x22: field.append(0x22); state = .quoted
                case 0x2C: endField(); state = .fieldStart
                case 0x0A: endRow(&rows)
                case 0x0D: lastWasCR = true; endRow(&rows)
                default: field.append(byte); state = .unquoted  // lenient: text after a closing quote
                }
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

    public static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
