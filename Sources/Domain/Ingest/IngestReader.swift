import Foundation

/// The two file formats departments send.
public enum FileFormat: String, Sendable, Codable, CaseIterable {
    case csv, jsonl

    /// The format named by a file name, or nil when the extension says nothing.
    public static func fromFileName(_ name: String) -> FileFormat? {
        let lower = name.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { return .jsonl }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".txt") { return .csv }
        return nil
    }

    /// The format named by a Content-Type header.
    public static func fromContentType(_ type: String) -> FileFormat? {
        let lower = type.lowercased()
        if lower.contains("ndjson") || lower.contains("jsonl") || lower.contains("json") { return .jsonl }
        if lower.contains("csv") || lower.hasPrefix("text/plain") { return .csv }
        return nil
    }
}

/// Turns a department file, fed in chunks of bytes, into validated rows: detects the encoding (UTF-8 with
/// or without BOM, or GB18030), converts it, parses CSV or JSON Lines, and validates every row against
/// the catalog. Whole-file problems (unknown column, no header, bad encoding) throw `DomainError.invalidFile`.
public struct IngestReader {
    public let dataset: DatasetSpec
    public let today: Day
    public private(set) var format: FileFormat?
    public private(set) var encoding: TextEncoding?
    public private(set) var validator: RecordValidator?
    /// Data rows seen so far (the header is not a row).
    public private(set) var submitted = 0

    private var transcoder: Transcoder?
    private var sniffBuffer: [UInt8] = []
    /// Whether the encoding was given by the caller or a byte-order mark (else it was guessed).
    private var encodingIsCertain = false
    /// Whether every byte so far was ASCII, which reads the same in UTF-8 and GB18030.
    private var asciiSoFar = true
    /// The start of a UTF-8 sequence cut off by the end of the previous chunk.
    private var utf8Tail: [UInt8] = []
    private var csv = CSVParser()
    private var lineBuffer: [UInt8] = []
    private var rowNumber = 1

    static let sniffLength = 64 * 1024

    public init(dataset: DatasetSpec, format: FileFormat? = nil, encoding: TextEncoding? = nil, today: Day) {
        self.dataset = dataset
        self.format = format
        self.encoding = encoding
        self.today = today
    }

    /// The columns in file order (the CSV header, or the full dataset column list for JSON Lines).
    public var columns: [String] { validator?.columns ?? [] }

    /// Feeds a chunk; returns the rows completed by it.
    public mutating func feed(_ chunk: [UInt8]) throws(DomainError) -> [RowOutcome] {
        var outcomes: [RowOutcome] = []
        if encoding == nil || format == nil {
            sniffBuffer.append(contentsOf: chunk)
            guard sniffBuffer.count >= Self.sniffLength else { return [] }
            let buffered = sniffBuffer
            sniffBuffer = []
            try start(with: buffered, into: &outcomes, isLast: false)
            return outcomes
        }
        try process(chunk, into: &outcomes, isLast: false)
        return outcomes
    }

    /// Ends the file; returns the last rows.
    public mutating func finish() throws(DomainError) -> [RowOutcome] {
        var outcomes: [RowOutcome] = []
        if !sniffBuffer.isEmpty || transcoder == nil && validator == nil && format == nil {
            let buffered = sniffBuffer
            sniffBuffer = []
            try start(with: buffered, into: &outcomes, isLast: true)
        } else {
            try process([], into: &outcomes, isLast: true)
        }
        switch format {
        case .csv?:
            var rows: [[String]] = []
            csv.finish(into: &rows)
            for row in rows { try handle(csvRow: row, into: &outcomes) }
            if csv.unterminatedQuote { throw .invalidFile(reason: "文件末尾有未闭合的引号") }
        case .jsonl?:
            if !lineBuffer.isEmpty {
                let line = lineBuffer
                lineBuffer = []
                try handle(jsonLine: line, into: &outcomes)
            }
        case nil: break
        }
        if validator == nil {
            if format == .csv { throw .invalidFile(reason: "文件为空或缺少表头行") }
            validator = try RecordValidator(dataset: dataset, columns: Self.allColumns(dataset), today: today)
        }
        return outcomes
    }

    private mutating func start(with bytes: [UInt8], into outcomes: inout [RowOutcome], isLast: Bool) throws(DomainError) {
        var body = bytes
        let sniffed = EncodingSniffer.sniff(bytes)
        encodingIsCertain = encoding != nil || sniffed.bomLength > 0
        if encoding == nil { encoding = sniffed.encoding }
        if sniffed.bomLength > 0 { body.removeFirst(sniffed.bomLength) }
        if encoding == .gb18030 {
            do { transcoder = try Transcoder(from: .gb18030) } catch { throw .invalidFile(reason: error.message) }
        }
        if format == nil {
            let firstVisible = body.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
            format = firstVisible == UInt8(ascii: "{") ? .jsonl : .csv
        }
        if format == .jsonl {
            validator = try RecordValidator(dataset: dataset, columns: Self.allColumns(dataset), today: today)
        }
        try process(body, into: &outcomes, isLast: isLast)
    }

    /// The file is refused at a line longer than any record can be (the rows before it are not kept either:
    /// a batch is all or nothing).
    static func tooLong(line: Int) -> DomainError {
        .invalidFile(reason: "第 \(line) 行超过 \(CSVParser.maxRowBytes >> 20) MB，不是有效的记录：请检查文件是否损坏、引号是否未闭合或缺少换行")
    }

    static func allColumns(_ dataset: DatasetSpec) -> [String] {
        Catalog.commonColumns + dataset.fields.map(\.name)
    }

    private mutating func process(_ chunk: [UInt8], into outcomes: inout [RowOutcome], isLast: Bool) throws(DomainError) {
        var utf8 = chunk
        if transcoder == nil {
            // UTF-8 is checked across chunk boundaries: a cut-off sequence waits for the next chunk.
            var data = utf8Tail + chunk
            let tail = isLast ? 0 : EncodingSniffer.incompleteTailLength(data)
            utf8Tail = Array(data.suffix(tail))
            data.removeLast(tail)
            if EncodingSniffer.isValidUTF8(data, allowTruncatedEnd: false) {
                if asciiSoFar, data.contains(where: { $0 >= 0x80 }) { asciiSoFar = false }
                utf8 = data
            } else {
                // A guessed UTF-8 file that was pure ASCII so far is GB18030 from here on.
                guard asciiSoFar, !encodingIsCertain else {
                    throw .invalidFile(reason: "文件不是有效的 UTF-8 编码（如为 GB18030 编码，请确认整个文件使用同一编码）")
                }
                encoding = .gb18030
                do { transcoder = try Transcoder(from: .gb18030) } catch { throw .invalidFile(reason: error.message) }
                utf8 = data + utf8Tail
                utf8Tail = []
            }
        }
        if let transcoder {
            do { utf8 = try transcoder.convert(utf8, isLast: isLast) } catch { throw .invalidFile(reason: error.message) }
        }
        switch format {
        case .csv?:
            var rows: [[String]] = []
            csv.feed(utf8, into: &rows)
            for row in rows { try handle(csvRow: row, into: &outcomes) }
            if csv.rowTooLong { throw Self.tooLong(line: rowNumber + 1) }
        case .jsonl?:
            var start = 0
            for index in utf8.indices where utf8[index] == 0x0A {
                lineBuffer.append(contentsOf: utf8[start..<index])
                if lineBuffer.count > CSVParser.maxRowBytes { throw Self.tooLong(line: rowNumber + 1) }
                start = index + 1
                let line = lineBuffer
                lineBuffer.removeAll(keepingCapacity: true)
                try handle(jsonLine: line, into: &outcomes)
            }
            lineBuffer.append(contentsOf: utf8[start...])
            if lineBuffer.count > CSVParser.maxRowBytes { throw Self.tooLong(line: rowNumber + 1) }
        case nil: break
        }
    }

    private mutating func handle(csvRow row: [String], into outcomes: inout [RowOutcome]) throws(DomainError) {
        guard let validator else {
            validator = try RecordValidator(dataset: dataset, columns: row, today: today)
            return
        }
        rowNumber += 1
        submitted += 1
        outcomes.append(validator.validate(row, rowNumber: rowNumber))
    }

    private mutating func handle(jsonLine raw: [UInt8], into outcomes: inout [RowOutcome]) throws(DomainError) {
        var line = raw
        if line.last == 0x0D { line.removeLast() }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        rowNumber += 1
        submitted += 1
        guard let validator else { return }
        let columns = validator.columns
        guard let object = try? JSONDecoder().decode([String: JSONScalar].self, from: Data(line)) else {
            let text = String(decoding: line, as: UTF8.self)
            outcomes.append(.rejected(RejectedRow(
                rowNumber: rowNumber,
                problems: [FieldProblem(field: "(整行)", value: String(text.prefix(200)), reason: "不是有效的 JSON 对象")],
                raw: [("(整行)", text)])))
            return
        }
        var values = [String](repeating: "", count: columns.count)
        for (key, value) in object {
            guard let index = columns.firstIndex(of: key) else {
                if RecordValidator.annotationColumns.contains(key) { continue }
                throw .invalidFile(reason: "第 \(rowNumber) 行有数据集 \(dataset.id) 中没有的字段“\(key)”，请按数据目录核对")
            }
            values[index] = value.text
        }
        outcomes.append(validator.validate(values, rowNumber: rowNumber))
    }
}

/// A JSON Lines value: strings, numbers, booleans and null are accepted; nested values are not.
struct JSONScalar: Decodable {
    let text: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { text = "" }
        else if let s = try? c.decode(String.self) { text = s }
        else if let i = try? c.decode(Int64.self) { text = String(i) }
        else if let d = try? c.decode(Double.self) { text = "\(d)" }
        else if let b = try? c.decode(Bool.self) { text = b ? "true" : "false" }
        else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "nested value") }
    }
}
