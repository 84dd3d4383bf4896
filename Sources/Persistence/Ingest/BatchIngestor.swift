import Crypto
import Domain
import FluentKit
import Foundation
import NIOCore
import NIOPosix
import SQLKit

/// Loads one department file as one atomic batch: the rows are parsed and validated as they stream in,
/// compared with the stored records by `record_id`, and written in chunked multi-row statements inside a
/// single transaction, so a failure at any point leaves nothing behind.
///
/// Reading and writing overlap: one task parses and validates the file into chunks of rows while the batch's
/// connection writes the previous chunks, so a load takes about as long as the slower of the two instead of
/// their sum. At most `queueDepth` chunks wait between them, so memory stays bounded for a file of any size.
public struct BatchIngestor: Sendable {
    let database: any Database
    /// Rows per write statement; nil picks per database (SQLite's parameter limit, PostgreSQL's COPY).
    public var chunkSize: Int?
    /// Called after each chunk is written, before commit; tests use it to inject a failure mid-batch.
    public var afterChunk: (@Sendable (Int) throws -> Void)?
    /// Called once the batch is written (before commit) with where the time went; benchmarks print it.
    public var onPhases: (@Sendable (IngestPhases) -> Void)?
    /// How new records are written; nil takes the fastest the connection allows (see `RecordWritePath`).
    public var writePath: RecordWritePath?
    /// Chunks parsed ahead of the writer.
    static let queueDepth = 4

    public init(database: any Database) { self.database = database }

    /// What the reading task hands back at the end of the file.
    struct ReadResult: Sendable {
        var format: FileFormat?
        var encoding: TextEncoding?
        var columns: [String]
        var submitted: Int
        var busySeconds: Double
        var parseCPU: Double
        /// SHA-256 of the bytes read.
        var contentDigest: String
        /// Rows rejected while reading.
        var rejected: Int
    }

    /// The file had been loaded before: everything the transaction wrote is undone.
    struct Resent: Error {
        var previousID: Int64
        var read: ReadResult
    }

    /// A chunk of rows for the writer; `full` when it reached the chunk size (the unit `afterChunk` counts).
    struct Unit: Sendable {
        var rows: PendingRows
        var full: Bool
    }

    public func ingest<Chunks: AsyncSequence & Sendable>(
        _ request: BatchRequest, chunks: Chunks, progress: (@Sendable (IngestProgress) -> Void)? = nil
    ) async throws -> BatchSummary where Chunks.Element == [UInt8] {
        let started = Date()
        let configuredChunkSize = chunkSize
        let afterChunk = afterChunk
        let onPhases = onPhases
        let writePath = writePath
        do {
            return try await write(request, chunks: chunks, started: started, configuredChunkSize: configuredChunkSize,
                                   writePath: writePath, afterChunk: afterChunk, onPhases: onPhases, progress: progress)
        } catch let resent as Resent {
            return try await recordResend(request, resent, started: started)
        }
    }

    /// A file already loaded (same dataset and department, same bytes) changes nothing: a file that corrects
    /// a record inside itself would otherwise flip that record twice on every resend. The batch is kept, with
    /// every accepted row counted as a duplicate, and says which batch it repeats.
    func recordResend(_ request: BatchRequest, _ resent: Resent, started: Date) async throws -> BatchSummary {
        try await database.write { unit in
            let sql = try unit.database.sql()
            let writer = RecordWriter(database: unit.database, sql: sql, kind: DatabaseKind(sql), dataset: request.dataset,
                                      now: epochMillis(started))
            let read = resent.read
            let batchID = try await writer.openBatch(request, startedAt: started)
            var summary = BatchSummary(
                id: batchID, dataset: request.dataset.id, departmentID: request.departmentID, departmentName: nil,
                source: request.source.rawValue, fileName: request.fileName,
                format: (read.format ?? .csv).rawValue, encoding: (read.encoding ?? .utf8).rawValue,
                columns: read.columns, submitted: read.submitted, inserted: 0, updated: 0,
                duplicates: read.submitted - read.rejected, rejected: read.rejected,
                digest: Hex.encode(SHA256().finalize()), startedAt: started, finishedAt: Date(), submittedBy: request.submittedBy)
            summary.contentDigest = read.contentDigest
            summary.resendOf = resent.previousID
            try await writer.closeBatch(summary)
            unit.log(try LogEvents.batchIngested(summary))
            return summary
        }
    }

    func write<Chunks: AsyncSequence & Sendable>(
        _ request: BatchRequest, chunks: Chunks, started: Date, configuredChunkSize: Int?, writePath: RecordWritePath?,
        afterChunk: (@Sendable (Int) throws -> Void)?, onPhases: (@Sendable (IngestPhases) -> Void)?,
        progress: (@Sendable (IngestProgress) -> Void)?
    ) async throws -> BatchSummary where Chunks.Element == [UInt8] {
        try await database.write { unit in
            let tx = unit.database
            let sql = try tx.sql()
            let kind = DatabaseKind(sql)
            var writer = RecordWriter(database: tx, sql: sql, kind: kind, dataset: request.dataset, now: epochMillis(started))
            writer.departmentID = request.departmentID
            guard RecordWritePath.available(on: kind).contains(writePath ?? .sqlStatements) else {
                throw PersistenceError.unsupportedPath("\(writePath?.rawValue ?? "")")
            }
            if kind == .sqlite, writePath == nil || writePath == .sqliteNative {
                writer.sqliteNative = try await SQLiteNative.connection(of: tx)
                if writePath == .sqliteNative, writer.sqliteNative == nil { throw PersistenceError.unsupportedPath("sqliteNative") }
            }
            writer.path = writer.sqliteNative != nil ? .sqliteNative : writePath ?? (kind == .postgres ? .postgresCopy : .sqlStatements)
            // SQL statements are bounded by the parameter limit (SQLite 32,766); the C interface and COPY are not.
            // A COPY costs a round trip and a savepoint whatever its size, so PostgreSQL takes larger chunks.
            let chunkSize = configuredChunkSize ?? [.sqlStatements: 500, .postgresCopy: 20_000][writer.path] ?? 5000
            // The writer waits for the first chunk to be parsed (~80 ms for 20,000 rows): a smaller one starts it sooner.
            let firstChunkSize = configuredChunkSize ?? max(1, chunkSize / 10)
            let batchID = try await writer.openBatch(request, startedAt: started)
            let queue = ChunkQueue<Unit>(capacity: Self.queueDepth)
            let encode = writer.path == .postgresCopy ? Self.copyEncoder(dataset: request.dataset.id, batchID: batchID, now: writer.now) : nil
            let tracker = ProgressTracker(progress)
            return try await withThrowingTaskGroup(of: ReadResult.self) { group in
                group.addTask {
                    do {
                        let result = try await Self.read(request, chunks: chunks, chunkSize: chunkSize,
                                                         firstChunkSize: firstChunkSize, into: queue,
                                                         progress: tracker, encode: encode)
                        tracker.readAll()
                        await queue.finish(nil)
                        return result
                    } catch {
                        await queue.finish(error)
                        throw error
                    }
                }
                var counts = WriteCounts()
                var chunksWritten = 0
                var waiting = 0.0
                do {
                    while true {
                        let asked = Date()
                        guard let chunk = try await queue.next() else { break }
                        waiting += Date().timeIntervalSince(asked)
                        try await writer.write(chunk.rows, batchID: batchID, counts: &counts)
                        tracker.wrote(counts.inserted + counts.updated + counts.duplicates + counts.rejected)
                        if chunk.full {
                            chunksWritten += 1
                            try afterChunk?(chunksWritten)
                        }
                    }
                } catch {
                    await queue.cancel()
                    group.cancelAll()
                    throw error
                }
                guard let read = try await group.next() else { throw PersistenceError.missingRow("读取结果") }
                tracker.finishing()
                var phases = counts.phases
                phases.path = writer.path
                phases.parse = read.busySeconds
                phases.parseCPU = read.parseCPU
                phases.writerWaiting = waiting
                onPhases?(phases)
                if let previous = try await writer.earlierBatch(request, contentDigest: read.contentDigest, before: batchID) {
                    throw Resent(previousID: previous, read: read)
                }
                var summary = BatchSummary(
                    id: batchID, dataset: request.dataset.id, departmentID: request.departmentID, departmentName: nil,
                    source: request.source.rawValue, fileName: request.fileName,
                    format: (read.format ?? .csv).rawValue, encoding: (read.encoding ?? .utf8).rawValue,
                    columns: read.columns, submitted: read.submitted, inserted: counts.inserted,
                    updated: counts.updated, duplicates: counts.duplicates, rejected: counts.rejected,
                    digest: Hex.encode(counts.digest.finalize()),
                    startedAt: started, finishedAt: Date(), submittedBy: request.submittedBy)
                summary.contentDigest = read.contentDigest
                try await writer.closeBatch(summary)
                if summary.inserted + summary.updated > 0 { try await writer.resolveQuarantine(batchID: batchID) }
                try await JobQueue.enqueue(on: sql, kind: JobKind.refreshAfterBatch, payload: String(batchID))
                unit.log(try LogEvents.batchIngested(summary))
                if summary.inserted + summary.updated > 0 { unit.bump(.profiles) }
                return summary
            }
        }
    }

    /// PostgreSQL: what the reading task turns each chunk's records into (the binary COPY payload).
    static func copyEncoder(dataset: String, batchID: Int64, now: Int64) -> @Sendable ([ValidRecord]) -> ByteBuffer {
        { records in BulkPaths.copyPayload(records, dataset: dataset, batchID: batchID, now: now) }
    }

    /// Parses and validates the file into chunks for the writer. No record_id appears twice in one chunk: a
    /// repeated id ends the chunk, so the second occurrence is compared with the first as stored. The first chunk
    /// is `firstChunkSize` rows, the others `chunkSize`.
    ///
    /// `encode`, when given, turns each chunk's records into the writer's payload here, so that the writer's
    /// connection goes from one chunk to the next without waiting for it (PostgreSQL's COPY).
    static func read<Chunks: AsyncSequence & Sendable>(
        _ request: BatchRequest, chunks: Chunks, chunkSize: Int, firstChunkSize: Int, into queue: ChunkQueue<Unit>,
        progress: ProgressTracker, encode: (@Sendable ([ValidRecord]) -> ByteBuffer)? = nil
    ) async throws -> ReadResult where Chunks.Element == [UInt8] {
        let work = ReaderWork(IngestReader(dataset: request.dataset, format: request.format,
                                           encoding: request.encoding, today: request.today))
        var limit = firstChunkSize
        var pending = PendingRows(capacity: limit)
        var bytes: Int64 = 0
        var busy = 0.0
        var mark = Date()
        var rejected = 0
        // The chunks in the queue or being written, also held here so that this task, not the writer, frees
        // them. Freeing 20,000 records (some 60,000 strings) held the writer ~9 ms per chunk while PostgreSQL
        // waited for the next COPY: 0.48 s of a 5.4 s load of 1,000,000 rows, traced; freed on another task at
        // the same moment, it slowed the writer's next statement instead. When chunk n is queued, the writer has
        // taken chunk n - queueDepth, so it is done with the one before that, which is dropped here.
        var inFlight: [PendingRows] = []
        func send(full: Bool) async throws {
            if let encode, !pending.records.isEmpty {
                let records = pending.records
                pending.copyPayload = try await NIOThreadPool.singleton.runIfActive { encode(records) }
            }
            busy += Date().timeIntervalSince(mark)
            try await queue.send(Unit(rows: pending, full: full))
            mark = Date()
            inFlight.append(pending)
            if inFlight.count > queueDepth + 1 { inFlight.removeFirst() }
            limit = chunkSize
            pending = PendingRows(capacity: limit)
        }
        func drain(_ outcomes: [RowOutcome]) async throws {
            for outcome in outcomes {
                switch outcome {
                case .valid(let record):
                    if pending.ids.contains(record.recordID) { try await send(full: false) }
                    pending.add(record)
                case .rejected(let row):
                    pending.rejected.append(row)
                    rejected += 1
                }
                if pending.count >= limit { try await send(full: true) }
            }
        }
        var iterator = chunks.makeAsyncIterator()
        while true {
            busy += Date().timeIntervalSince(mark)
            let next = try await iterator.next()
            mark = Date()
            guard let chunk = next else { break }
            bytes += Int64(chunk.count)
            try await drain(try await NIOThreadPool.singleton.runIfActive { try work.feed(chunk) })
            progress.read(bytes: bytes, rows: work.reader.submitted)
        }
        try await drain(try await NIOThreadPool.singleton.runIfActive { try work.finish() })
        if pending.count > 0 { try await send(full: false) }
        busy += Date().timeIntervalSince(mark)
        let reader = work.reader
        progress.read(bytes: bytes, rows: reader.submitted)
        return ReadResult(format: reader.format, encoding: reader.encoding, columns: reader.columns,
                          submitted: reader.submitted, busySeconds: busy, parseCPU: work.cpu,
                          contentDigest: Hex.encode(work.content.finalize()), rejected: rejected)
    }
}

/// The reading task's CPU work: the file's digest, parsing and validation. It runs on NIO's thread pool, a chunk
/// of the file (or a chunk's COPY payload) at a time: tens of milliseconds each, which on an event loop would hold
/// up the batch's own connection (measured on PostgreSQL: the answer to each chunk's SAVEPOINT waited 100–150 ms
/// to be read, a third of the load's time) and on Swift's cooperative threads would take one of two from every
/// request. Only one task uses it at a time (the reading task awaits each call), hence `@unchecked Sendable`.
final class ReaderWork: @unchecked Sendable {
    private(set) var reader: IngestReader
    private(set) var content = SHA256()
    /// CPU time of parsing and validation alone (`feed` and `finish`).
    private(set) var cpu = 0.0

    init(_ reader: IngestReader) { self.reader = reader }

    func feed(_ chunk: [UInt8]) throws -> [RowOutcome] {
        content.update(data: chunk)
        let mark = threadCPUSeconds()
        defer { cpu += threadCPUSeconds() - mark }
        return try reader.feed(chunk)
    }

    func finish() throws -> [RowOutcome] {
        let mark = threadCPUSeconds()
        defer { cpu += threadCPUSeconds() - mark }
        return try reader.finish()
    }
}

/// Where the time of a batch went, in seconds. The reading task and the writer run at the same time, so the
/// phases add up to more than the wall time; `writerWaiting` is the writer idle for want of parsed rows.
public struct IngestPhases: Sendable {
    /// How new records were written.
    public var path = RecordWritePath.sqlStatements
    /// Reading, parsing and validating (the reading task's own time).
    public var parse = 0.0
    /// CPU time of parsing and validating alone (the reader's `feed` calls), unaffected by waiting for a core.
    public var parseCPU = 0.0
    /// CPU time of SQLite's C-interface inserts (`SQLiteNative`), unaffected by waiting for a core; 0 otherwise.
    public var insertCPU = 0.0
    public var writerWaiting = 0.0
    /// Looking up stored versions of the chunk's record ids (only for chunks that may hold known ids).
    public var lookup = 0.0
    /// Inserting new records (multi-row INSERT or COPY), including attempts undone by a known id.
    public var insert = 0.0
    /// Chunks whose optimistic insert met a known id and were redone with a lookup.
    public var retriedChunks = 0
    /// Moving changed records' previous versions to the history and updating them.
    public var update = 0.0
    public var registry = 0.0
    public var quarantine = 0.0
}

/// Rows waiting to be written; no record_id appears twice in one chunk.
struct PendingRows: Sendable {
    var records: [ValidRecord] = []
    /// The records as PostgreSQL's COPY payload, built by the reading task (see `BatchIngestor.read`).
    var copyPayload: ByteBuffer?
    var ids: Set<String> = []
    var rejected: [RejectedRow] = []
    /// The records' hashes end to end, for the batch digest when the whole chunk is inserted: one digest update
    /// instead of 20,000 (2.6 ms per chunk on the writer's path, traced).
    var hashes: [UInt8] = []
    var count: Int { records.count + rejected.count }

    init(capacity: Int = 0) {
        records.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity * 32)
    }

    mutating func add(_ record: ValidRecord) {
        records.append(record)
        ids.insert(record.recordID)
        hashes.append(contentsOf: record.hash.utf8)
    }
}

struct WriteCounts {
    var inserted = 0
    var updated = 0
    var duplicates = 0
    var rejected = 0
    var digest = SHA256()
    /// Whether the last chunk met ids already stored: then the next one is looked up first.
    var lastChunkMetKnownIDs = false
    var phases = IngestPhases()

    /// Adds an accepted row's hash to the batch digest.
    mutating func add(hash: String) {
        var hash = hash
        hash.withUTF8 { digest.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// Adds a whole chunk's hashes (`PendingRows.hashes`) to the batch digest, as `add(hash:)` for each in turn would.
    mutating func add(hashes: [UInt8]) {
        hashes.withUnsafeBytes { digest.update(bufferPointer: $0) }
    }
}

/// A bounded queue between one producing and one consuming task: `send` waits while `capacity` items wait,
/// `next` waits for an item or the end. `cancel` (the consumer gave up) makes a waiting or later `send` throw.
actor ChunkQueue<Element: Sendable> {
    private var items: [Element] = []
    private let capacity: Int
    private var end: (any Error)??
    private var cancelled = false
    private var consumer: CheckedContinuation<Element?, any Error>?
    private var producer: CheckedContinuation<Void, any Error>?

    init(capacity: Int) { self.capacity = capacity }

    func send(_ item: Element) async throws {
        while items.count >= capacity, !cancelled {
            try await withCheckedThrowingContinuation { producer = $0 }
        }
        if cancelled { throw CancellationError() }
        if let consumer {
            self.consumer = nil
            consumer.resume(returning: item)
        } else {
            items.append(item)
        }
    }

    /// The end of the items: normal with nil, else the error the consumer receives after the queued items.
    func finish(_ error: (any Error)?) {
        end = .some(error)
        if let consumer {
            self.consumer = nil
            if let error { consumer.resume(throwing: error) } else { consumer.resume(returning: nil) }
        }
    }

    func next() async throws -> Element? {
        if !items.isEmpty {
            let item = items.removeFirst()
            if let producer {
                self.producer = nil
                producer.resume()
            }
            return item
        }
        if let end {
            if let error = end { throw error }
            return nil
        }
        return try await withCheckedThrowingContinuation { consumer = $0 }
    }

    func cancel() {
        cancelled = true
        if let producer {
            self.producer = nil
            producer.resume(throwing: CancellationError())
        }
    }
}

/// CPU seconds the calling thread has used (for phase timings that waiting for a core does not inflate).
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
