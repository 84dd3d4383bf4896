import Foundation
import Testing
@testable import Domain

/// Nothing in a file can make the reader hold more than a bounded amount, and values echoed in errors are cut
/// short (issue 10, item 6, and the CLI's should-fix items).
@Suite struct InputBoundsTests {
    let catalog: Catalog
    init() throws { catalog = try CatalogLoader.bundled() }

    func read(_ chunks: [[UInt8]], format: FileFormat? = nil) throws(DomainError) -> [RowOutcome] {
        var reader = IngestReader(dataset: try! catalog.require("admin.penalty"), format: format, today: Day(year: 2026, month: 11, day: 22))
        var outcomes: [RowOutcome] = []
        for chunk in chunks { outcomes += try reader.feed(chunk) }
        outcomes += try reader.finish()
        return outcomes
    }

    static let header = Array("record_id,uscc,decision_no,decided_on,authority,severity,violation,amount\n".utf8)

    @Test(arguments: [FileFormat.csv, .jsonl])
    func aLineLongerThanAnyRecordStopsTheFile(format: FileFormat) {
        // 3 MB without a line break, fed in 64 KB chunks as a network upload would be.
        let first = format == .csv ? Self.header : Array("{\"record_id\":\"P1\",\"violation\":\"".utf8)
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 10)
        let chunks = [first] + Array(repeating: filler, count: 48)
        #expect {
            _ = try read(chunks, format: format)
        } throws: { error in
            guard case DomainError.invalidFile(let reason) = error else { return false }
            return reason.contains("行超过 1 MB") && reason.utf8.count < 300
        }
    }

    @Test func anUnclosedQuoteCannotSwallowTheFile() {
        let chunks = [Self.header + Array("P1,\"".utf8)] + Array(repeating: Array("a,b\n".utf8), count: 300_000)
        #expect(throws: DomainError.self) { _ = try read(chunks) }
    }

    @Test func echoedValuesAndHeaderListsAreCutShort() throws {
        let long = String(repeating: "长", count: 5_000)
        let problem = FieldProblem(field: "violation", value: long, reason: "过长")
        #expect(problem.value.count < 230 && problem.value.hasSuffix("…（共 5000 字）"))
        #expect(FieldProblem(field: "f", value: "短值", reason: "").value == "短值")
        let header = (0..<10_000).map { "column_\($0)" }.joined(separator: ",") + "\n"
        #expect {
            _ = try read([Array(header.utf8)])
        } throws: { error in
            guard case DomainError.invalidFile(let reason) = error else { return false }
            return reason.contains("等 10000 个") && reason.count < 400
        }
    }

    @Test func aDirectoryOrAMissingFileIsExplainedInChinese() async throws {
        let directory = FileManager.default.temporaryDirectory
        var iterator = FileChunks(url: directory).makeAsyncIterator()
        await #expect(throws: DomainError.invalidFile(reason: "“\(directory.path)”是目录，请给出要导入的文件")) { _ = try await iterator.next() }
        var missing = FileChunks(url: directory.appendingPathComponent("no-such-\(UUID()).csv")).makeAsyncIterator()
        await #expect {
            _ = try await missing.next()
        } throws: { error in
            (error as? DomainError)?.message.contains("文件不存在") == true
        }
    }
}
