import Crypto
import Domain
import FluentKit
import Foundation
import SQLKit

/// Loads one department file as one atomic batch: the rows are parsed and validated as they stream in,
/// compared with the stored records by `record_id`, and written in chunked multi-row statements inside a
/// single transaction, so a failure at any point leaves nothing behind.
public struct BatchIngestor: Sendable {
    let database: any Database
    /// Rows per write statement; nil picks per database (SQLite's parameter limit, PostgreSQL's COPY).
    public var chunkSize: Int?
    /// Called after each chunk is written, before commit; tests use it to inject a failure mid-batch.
    public var afterChunk: (@Sendable (Int) throws -> Void)?

    public init(database: any Database) { self.database = database }

    public func ingest<Chunks: AsyncSequence & Sendable>(
        _ request: BatchRequest, chunks: Chunks, progress: (@Sendable (IngestProgress) -> Void)? = nil
    ) async throws -> BatchSummary where Chunks.Element == [UInt8] {
        let started = Date()
        let configuredChunkSize = chunkSize
        let afterChunk = afterChunk
        return try await database.transaction { tx in
            let sql = try tx.sql()
            let kind = DatabaseKind(sql)
            let writer = RecordWriter(database: tx, sql: sql, kind: kind, dataset: request.dataset, now: epochMillis(started))
            let chunkSize = configuredChunkSize ?? (kind == .postgres ? 5000 : 500)
            let batchID = try await writer.openBatch(request, startedAt: started)
            var reader = IngestReader(dataset: request.dataset, format: request.format,
                                      encoding: request.encoding, today: request.today)
            var pending = PendingRows()
            var counts = WriteCounts()
            var bytes: Int64 = 0
            var chunksWritten = 0
            func drain(_ outcomes: [RowOutcome], force: Bool) async throws {
                for outcome in outcomes {
                    switch outcome {
                    case .valid(let record):
                        if pending.ids.contains(record.recordID) {
                            try await writer.write(&pending, batchID: batchID, counts: &counts)
                        }
                        pending.add(record)
                    case .rejected(let row):
                        pending.rejected.append(row)
                    }
                    if pending.count >= chunkSize {
                        try await writer.write(&pending, batchID: batchID, counts: &counts)
                        chunksWritten += 1
                        try afterChunk?(chunksWritten)
                    }
                }
                if force { try await writer.write(&pending, batchID: batchID, counts: &counts) }
            }
            for try await chunk in chunks {
                bytes += Int64(chunk.count)
                try await drain(try reader.feed(chunk), force: false)
                progress?(IngestProgress(bytesRead: bytes, rows: reader.submitted))
            }
            try await drain(try reader.finish(), force: true)
            progress?(IngestProgress(bytesRead: bytes, rows: reader.submitted))
            let summary = BatchSummary(
                id: batchID, dataset: request.dataset.id, departmentID: request.departmentID, departmentName: nil,
                source: request.source.rawValue, fileName: request.fileName,
                format: (reader.format ?? .csv).rawValue, encoding: (reader.encoding ?? .utf8).rawValue,
                columns: reader.columns, submitted: reader.submitted, inserted: counts.inserted,
                updated: counts.updated, duplicates: counts.duplicates, rejected: counts.rejected,
                digest: Hex.encode(counts.digest.finalize()),
                startedAt: started, finishedAt: Date(), submittedBy: request.submittedBy)
            try await writer.closeBatch(summary)
            try await JobQueue.enqueue(on: sql, kind: JobKind.refreshAfterBatch, payload: String(batchID))
            try await TransparencyLog.append(LogEvents.batchIngested(summary), on: tx)
            return summary
        }
    }
}

/// Rows waiting to be written; no record_id appears twice in one chunk.
struct PendingRows {
    var records: [ValidRecord] = []
    var ids: Set<String> = []
    var rejected: [RejectedRow] = []
    var count: Int { records.count + rejected.count }

    mutating func add(_ record: ValidRecord) {
        records.append(record)
        ids.insert(record.recordID)
    }

    mutating func clear() {
        records.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        rejected.removeAll(keepingCapacity: true)
    }
}

struct WriteCounts {
    var inserted = 0
    var updated = 0
    var duplicates = 0
    var rejected = 0
    var digest = SHA256()
}
