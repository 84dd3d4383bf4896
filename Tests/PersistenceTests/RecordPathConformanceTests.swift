import App
import CreditLog
import Domain
import Fluent
import FluentKit
import Foundation
import Persistence
import SQLKit
import Testing
import TestSupport

/// One conformance suite for every way records are written and read (issue 11): each write path the database
/// offers — the SQL fallback forced included — gives the same stored records, history and counts for the
/// same sequence of batches, and each read path returns the same records.
@Suite struct RecordPathConformanceTests {
    static let a = SampleFiles.firmA, b = SampleFiles.firmB
    static let header = "record_id,uscc,decision_no,decided_on,authority,severity,violation,amount\n"

    static func row(_ id: String, _ uscc: String, amount: Int) -> String {
        "\(id),\(uscc),大市监罚〔2025〕\(id)号,2025-03-01,大连市市场监督管理局,一般,虚假宣传,\(amount)\n"
    }

    /// New records; then known, changed, new and repeated ids mixed in small chunks, with a rejected row; then
    /// the second file's bytes changed by one correction.
    static let files: [String] = [
        header + (1...7).map { row("P\($0)", $0 % 2 == 0 ? a : b, amount: 100 * $0) }.joined(),
        header + row("P1", b, amount: 101) + row("P2", a, amount: 200) + row("P8", a, amount: 800) + row("P9", b, amount: 900)
            + row("P8", a, amount: 801) + "P10,bad-uscc,x,2025-03-01,局,一般,,1\n" + row("P3", b, amount: 300),
        header + row("P9", b, amount: 901) + row("P4", a, amount: 400) + row("P11", a, amount: 1100),
    ]

    struct Outcome: Equatable, CustomStringConvertible {
        var counts: [[Int]] = []
        /// Each batch's digest of its accepted rows' hashes (a chunk inserted whole adds its hashes in one piece).
        var digests: [String] = []
        var records: [String] = []
        var history: [String] = []
        var description: String { "counts \(counts)\ndigests \(digests)\nrecords \(records)\nhistory \(history)" }
    }

    static func load(_ database: any Database, path: RecordWritePath) async throws -> Outcome {
        let catalog = try CatalogLoader.bundled()
        var ingestor = BatchIngestor(database: database)
        ingestor.chunkSize = 3
        ingestor.writePath = path
        var outcome = Outcome()
        for (n, file) in files.enumerated() {
            let request = BatchRequest(dataset: try catalog.require("admin.penalty"), departmentID: nil, source: .cli,
                                       fileName: "f\(n).csv", submittedBy: "test")
            let summary = try await ingestor.ingest(request, chunks: MemoryChunks(bytes: Array(file.utf8), chunkSize: 97))
            #expect(summary.isBalanced)
            outcome.counts.append([summary.submitted, summary.inserted, summary.updated, summary.duplicates, summary.rejected])
            outcome.digests.append(summary.digest)
            if n == 0 {
                // Every row of the first file is new: its digest is that of their hashes end to end, in file order.
                let sql = try #require(database as? any SQLDatabase)
                struct Hash: Decodable { let hash: String }
                let hashes = try await sql.raw("SELECT hash FROM records ORDER BY id").all(decoding: Hash.self).map(\.hash)
                #expect(hashes.count == 7)
                #expect(summary.digest == MerkleHash.sha256(Array(hashes.joined().utf8)).hex)
            }
        }
        let sql = try #require(database as? any SQLDatabase)
        struct R: Decodable { let record_id: String; let uscc: String; let content: String; let hash: String; let version: Int }
        outcome.records = try await sql.raw("SELECT record_id, uscc, content, hash, version FROM records ORDER BY record_id")
            .all(decoding: R.self).map { "\($0.record_id) v\($0.version) \($0.uscc.suffix(4)) \($0.hash.prefix(12))" }
        struct H: Decodable { let record_id: String; let version: Int; let hash: String }
        outcome.history = try await sql.raw("SELECT record_id, version, hash FROM record_history ORDER BY record_id, version")
            .all(decoding: H.self).map { "\($0.record_id) v\($0.version) \($0.hash.prefix(12))" }
        return outcome
    }

    @Test(arguments: Backend.allCases)
    func everyWritePathStoresTheSameAndEveryReadPathReadsTheSame(backend: Backend) async throws {
        var outcomes: [(RecordWritePath, Outcome)] = []
        for path in RecordWritePath.allCases {
            try await withTestApp(backend) { app in
                let kind: DatabaseKind = backend == .sqlite ? .sqlite : .postgres
                guard RecordWritePath.available(on: kind).contains(path) else {
                    // A path the database does not offer is refused, not silently replaced.
                    await #expect(throws: (any Error).self) { _ = try await Self.load(app.db, path: path) }
                    return
                }
                let outcome = try await Self.load(app.db, path: path)
                outcomes.append((path, outcome))

                let store = RecordStore(database: app.db)
                var reads: [[String]] = []
                for read in RecordReadPath.available(on: kind) {
                    let byFirm = try await store.records(usccs: [Self.a, Self.b], path: read)
                    reads.append(byFirm.values.flatMap { $0 }.map { record in
                        let content = record.content.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
                        return "\(record.recordID) \(record.uscc.suffix(4)) v\(record.version) \(record.batchID) \(content)"
                    }
                        .sorted())
                }
                #expect(reads.count == 2 && reads.allSatisfy { $0 == reads[0] }, "\(reads)")
                #expect(reads[0].count == 10)
            }
        }
        #expect(outcomes.count == 2)
        let expected = Outcome(
            counts: [[7, 7, 0, 0, 0], [7, 2, 2, 2, 1], [3, 1, 1, 1, 0]],
            digests: outcomes.first?.1.digests ?? [],
            records: outcomes.first?.1.records ?? [], history: outcomes.first?.1.history ?? [])
        for (path, outcome) in outcomes {
            #expect(outcome == expected, "\(path): \(outcome)")
        }
        // P1 and P9 changed once each, and P8 once within the second file (its repeat): three history rows.
        #expect(expected.history.map { String($0.prefix(5)) } == ["P1 v1", "P8 v1", "P9 v1"], "\(expected.history)")
        #expect(expected.records.count == 10 && expected.records.contains { $0.hasPrefix("P8 v2") })
    }
}
