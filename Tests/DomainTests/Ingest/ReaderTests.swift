import Foundation
import Testing
@testable import Domain

@Suite struct CSVParserTests {
    func parse(_ text: String, chunk: Int = .max) -> [[String]] {
        var parser = CSVParser()
        var rows: [[String]] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            parser.feed(Array(bytes[start..<end]), into: &rows)
            start = end
        }
        parser.finish(into: &rows)
        return rows
    }

    @Test func quotesCommasNewlinesAndEscapedQuotes() {
        let rows = parse("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n")
        #expect(rows == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", ""]])
    }

    @Test func crlfLoneCRBlankLinesAndNoFinalNewline() {
        #expect(parse("a,b\r\n1,2\r\n\r\n3,4") == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(parse("a,b\r1,2\r") == [["a", "b"], ["1", "2"]])
    }

    /// The same rows come out whatever the chunk boundaries, even a CRLF or a quote split in two.
    @Test(arguments: [1, 2, 3, 7, 64])
    func chunkBoundariesDoNotMatter(chunk: Int) {
        let text = "名称,金额\r\n\"大连，某公司\",100\r\n\"引号\"\"内\",2\r\n"
        #expect(parse(text, chunk: chunk) == parse(text))
    }
}

@Suite struct IngestReaderTests {
    let catalog: Catalog
    let today = Day(year: 2026, month: 11, day: 22)
    init() throws { catalog = try CatalogLoader.bundled() }

    static let csv = """
    record_id,uscc,decision_no,decided_on,authority,severity,violation,amount
    P1,91350100M000100Y43,大市监罚〔2026〕1号,2026-03-01,大连市市场监督管理局,一般,"虚假宣传，情节较轻",5000
    P2,91350100M000100Y4Z,大市监罚〔2026〕2号,2026-03-02,大连市市场监督管理局,轻微,,
    P3,91350100M000100Y43,大市监罚〔2026〕3号,2027-01-01,大连市市场监督管理局,严重,,100

    """

    func read(_ bytes: [UInt8], chunk: Int, dataset: String = "admin.penalty", format: FileFormat? = nil) throws -> (IngestReader, [RowOutcome]) {
        var reader = IngestReader(dataset: try catalog.require(dataset), format: format, today: today)
        var outcomes: [RowOutcome] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            outcomes += try reader.feed(Array(bytes[start..<end]))
            start = end
        }
        outcomes += try reader.finish()
        return (reader, outcomes)
    }

    func summary(_ outcomes: [RowOutcome]) -> [String] {
        outcomes.map {
            switch $0 {
            case .valid(let r): "ok \(r.rowNumber) \(r.recordID) \(r.content)"
            case .rejected(let r): "bad \(r.rowNumber) \(r.problems.map(\.field).joined(separator: ","))"
            }
        }
    }

    @Test func utf8FileWithRowNumbersAndReasons() throws {
        let (reader, outcomes) = try read(Array(Self.csv.utf8), chunk: 1 << 20)
        #expect(reader.encoding == .utf8)
        #expect(reader.submitted == 3)
        #expect(summary(outcomes).map { String($0.prefix(8)) } == ["ok 2 P1 ", "bad 3 us", "bad 4 de"])
    }

    /// GB18030 (as many government systems export), with CRLF, split at every possible chunk size,
    /// reads exactly like the UTF-8 file.
    @Test(arguments: [1, 5, 13, 4096])
    func gb18030WithCRLFReadsLikeUTF8(chunk: Int) throws {
        let crlf = Self.csv.replacingOccurrences(of: "\n", with: "\r\n")
        let gb = try Transcoder.convert(Array(crlf.utf8), from: .utf8, to: .gb18030)
        #expect(gb != Array(crlf.utf8))
        let (reader, outcomes) = try read(gb, chunk: chunk)
        let (_, expected) = try read(Array(Self.csv.utf8), chunk: 1 << 20)
        #expect(reader.encoding == .gb18030)
        #expect(summary(outcomes) == summary(expected))
    }

    /// Tax files are mostly digits: the first Chinese character of a GB18030 file may come long after the
    /// bytes used to guess the encoding. The reader switches to GB18030 when everything so far was ASCII.
    @Test func gb18030AfterALongASCIIStart() throws {
        var text = "record_id,uscc,year,grade\n"
        for i in 0..<4000 { text += "T\(i),91350100M000100Y43,2024,A\n" }
        text += "T-x,91350100M000100Y43,2024,未评\n"
        let gb = try Transcoder.convert(Array(text.utf8), from: .utf8, to: .gb18030)
        #expect(gb.count > IngestReader.sniffLength)
        let (reader, outcomes) = try read(gb, chunk: 4096, dataset: "tax.rating")
        #expect(reader.encoding == .gb18030)
        #expect(outcomes.count == 4001)
        guard case .rejected(let row) = outcomes.last else { Issue.record("last row should be rejected"); return }
        #expect(row.problems.first?.value == "未评")
    }

    /// A UTF-8 file whose Chinese characters are cut by chunk boundaries is still valid UTF-8.
    @Test func utf8SplitAcrossChunks() throws {
        let (reader, outcomes) = try read(Array(Self.csv.utf8), chunk: 7)
        #expect(reader.encoding == .utf8)
        #expect(outcomes.count == 3)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let (reader, outcomes) = try read(EncodingSniffer.utf8BOM + Array(Self.csv.utf8), chunk: 3)
        #expect(reader.encoding == .utf8)
        #expect(reader.columns.first == "record_id")
        #expect(outcomes.count == 3)
    }

    @Test func jsonLinesWithNumbersAndNulls() throws {
        let text = """
        {"record_id":"P1","uscc":"91350100M000100Y43","decision_no":"N1","decided_on":"2026-03-01","authority":"局","severity":"一般","amount":5000.5}
        {"record_id":"P2","uscc":"91350100M000100Y43","decision_no":"N2","decided_on":"2026-03-01","authority":"局","severity":"一般","amount":null}
        not json

        """
        let (reader, outcomes) = try read(Array(text.utf8), chunk: 10)
        #expect(reader.format == .jsonl)
        #expect(summary(outcomes)[0].hasSuffix(#""amount":"5000.50"}"#))
        #expect(summary(outcomes)[1].hasPrefix("ok 3 P2"))
        #expect(summary(outcomes)[2] == "bad 4 (整行)")
    }

    @Test func jsonLinesUnknownFieldRejectsTheFile() throws {
        let text = #"{"record_id":"P1","uscc":"91350100M000100Y43","fine":"1"}"# + "\n"
        #expect(throws: DomainError.self) { try read(Array(text.utf8), chunk: 100) }
    }

    @Test func emptyFileAndInvalidUTF8AreFileErrors() throws {
        #expect(throws: DomainError.invalidFile(reason: "文件为空或缺少表头行")) { try read([], chunk: 10, format: .csv) }
        var bad = Array("record_id,uscc,decision_no,decided_on,authority,severity\n".utf8)
        bad += Array(repeating: UInt8(ascii: "a"), count: 70_000) + [0xFF, 0xFE, 0x0A]
        #expect(throws: DomainError.self) { try read(bad, chunk: 70_000, format: .csv) }
    }

    @Test func fileFormatFromNamesAndTypes() {
        #expect(FileFormat.fromFileName("a.JSONL") == .jsonl)
        #expect(FileFormat.fromFileName("处罚.csv") == .csv)
        #expect(FileFormat.fromContentType("application/x-ndjson") == .jsonl)
        #expect(FileFormat.fromContentType("text/csv; charset=gb18030") == .csv)
    }
}
