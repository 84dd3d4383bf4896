import Domain
import Foundation
import NIOCore
import FluentKit
import SQLKit
import SQLiteNIO

/// The SQL of one batch load: looks up stored versions chunk by chunk, inserts new records in multi-row
/// statements, moves changed records' previous versions to the history, and keeps the registry current.
struct RecordWriter: Sendable {
    /// The transaction's database (for PostgreSQL's COPY) and its SQL view.
    let database: any Database
    let sql: any SQLDatabase
    let kind: DatabaseKind
    let dataset: DatasetSpec
    let now: Int64
    /// The sending department (nil for the credit center), kept with each quarantined row.
    var departmentID: Int64? = nil
    /// SQLite: the batch's connection when its C interface can be used (`SQLiteNative`), else nil.
    var sqliteNative: SQLiteConnection? = nil
    /// How new records are written (chosen by `BatchIngestor`).
    var path = RecordWritePath.sqlStatements

    func openBatch(_ request: BatchRequest, startedAt: Date) async throws -> Int64 {
        if kind == .sqlite {
            // The indexes of a large dataset outgrow SQLite's default 2 MB page cache; a batch then misses
            // the cache on every insert. 128 MB for this connection keeps them in memory.
            try await sql.raw("PRAGMA cache_size = -131072").run()
            // A multi-row INSERT that may fail keeps a statement journal to undo itself; in memory it costs no
            // file writes. (Also where SQLite sorts and builds temporary indexes; bounded by the cache.)
            try await sql.raw("PRAGMA temp_store = MEMORY").run()
        }
        if kind == .postgres {
            // The chunk lookups are small index probes: the planner's statistics do not see the rows this
            // transaction adds, and a cost estimate gone high would make every lookup pay for a JIT compile.
            try await sql.raw("SET LOCAL enable_seqscan = off").run()
            try await sql.raw("SET LOCAL jit = off").run()
        }
        let row = try await sql.raw("""
            INSERT INTO batches (dataset, department_id, source, file_name, format, encoding, columns, submitted,
              inserted, updated, duplicates, rejected, digest, started_at, finished_at, submitted_by)
            VALUES (\(bind: request.dataset.id), \(bind: request.departmentID), \(bind: request.source.rawValue),
              \(bind: request.fileName), '', '', '[]', 0, 0, 0, 0, 0, '', \(bind: epochMillis(startedAt)), 0,
              \(bind: request.submittedBy))
            RETURNING id
            """).first()
        guard let row else { throw PersistenceError.missingRow("批次编号") }
        return try row.decode(column: "id", as: Int64.self)
    }

    func closeBatch(_ summary: BatchSummary) async throws {
        let columns = String(decoding: try JSONEncoder().encode(summary.columns), as: UTF8.self)
        try await sql.raw("""
            UPDATE batches SET format = \(bind: summary.format), encoding = \(bind: summary.encoding),
              columns = \(bind: columns), submitted = \(bind: summary.submitted), inserted = \(bind: summary.inserted),
              updated = \(bind: summary.updated), duplicates = \(bind: summary.duplicates),
              rejected = \(bind: summary.rejected), digest = \(bind: summary.digest),
              content_digest = \(bind: summary.contentDigest), resend_of = \(bind: summary.resendOf),
              finished_at = \(bind: epochMillis(summary.finishedAt))
            WHERE id = \(bind: summary.id)
            """).run()
    }

    /// The earliest first load of the same dataset and department with these bytes, if any.
    func earlierBatch(_ request: BatchRequest, contentDigest: String, before batchID: Int64) async throws -> Int64? {
        struct Row: Decodable { let id: Int64 }
        let department: SQLQueryString = request.departmentID.map { "department_id = \(bind: $0)" } ?? "department_id IS NULL"
        let query: SQLQueryString = "SELECT id FROM batches WHERE dataset = \(bind: request.dataset.id)"
            + " AND content_digest = \(bind: contentDigest) AND id < \(bind: batchID) AND resend_of IS NULL AND "
            + department + " ORDER BY id LIMIT 1"
        return try await sql.raw(query).first(decoding: Row.self)?.id
    }

    struct Stored: Decodable {
        let id: Int64
        let record_id: String
        let hash: String
    }

    /// Writes the pending rows.
    ///
    /// New records are the common case, so a chunk is first inserted as if none of its ids were stored: the
    /// unique index on (dataset, record_id) checks that as part of the insert. Through SQLite's C interface
    /// a record with a known id is simply not inserted and only those records are looked up. Otherwise a
    /// known id undoes the insert (SQLite undoes the failed statement, PostgreSQL rolls back to a savepoint)
    /// and the chunk is written again after looking its ids up. After such a chunk the next one is looked up
    /// first, so re-sending a file costs one lookup per chunk, not a failed insert as well.
    func write(_ pending: PendingRows, batchID: Int64, counts: inout WriteCounts) async throws {
        if !pending.rejected.isEmpty {
            let started = Date()
            try await quarantine(pending.rejected, batchID: batchID)
            counts.rejected += pending.rejected.count
            counts.phases.quarantine += Date().timeIntervalSince(started)
        }
        guard !pending.records.isEmpty else { return }
        if let connection = sqliteNative {
            try await writeNative(pending.records, connection: connection, batchID: batchID, counts: &counts)
            return
        }
        if !counts.lastChunkMetKnownIDs {
            let started = Date()
            let inserted = try await insertIfAllNew(pending.records, batchID: batchID, payload: pending.copyPayload)
            counts.phases.insert += Date().timeIntervalSince(started)
            if inserted {
                counts.add(hashes: pending.hashes)
                counts.inserted += pending.records.count
                if dataset.id == Catalog.registrationDataset {
                    let started = Date()
                    try await upsertRegistry(pending.records)
                    counts.phases.registry += Date().timeIntervalSince(started)
                }
                return
            }
            counts.phases.retriedChunks += 1
        }
        try await writeLookingUp(pending.records, batchID: batchID, counts: &counts)
    }

    /// Inserts the records when none of their ids is stored; false (and nothing written) when one is.
    /// `payload`: the records' COPY payload when the reading task built it (PostgreSQL).
    func insertIfAllNew(_ records: [ValidRecord], batchID: Int64, payload: ByteBuffer? = nil) async throws -> Bool {
        switch kind {
        case .sqlite:
            do {
                try await insert(records, batchID: batchID)
                return true
            } catch where BulkPaths.isKnownIDConflict(error) {
                // SQLite undid the failed statement alone; the transaction goes on.
                return false
            }
        case .postgres:
            try await sql.raw("SAVEPOINT chunk").run()
            do {
                try await insert(records, batchID: batchID, payload: payload)
            } catch where BulkPaths.isKnownIDConflict(error) {
                try await sql.raw("ROLLBACK TO SAVEPOINT chunk").run()
                try await sql.raw("RELEASE SAVEPOINT chunk").run()
                return false
            }
            try await sql.raw("RELEASE SAVEPOINT chunk").run()
            return true
        }
    }

    /// New records through this batch's path (the C-interface path has its own flow, `writeNative`).
    func insert(_ records: [ValidRecord], batchID: Int64, payload: ByteBuffer? = nil) async throws {
        switch path {
        case .postgresCopy:
            try await BulkPaths.copyRecords(payload: payload ?? BulkPaths.copyPayload(records, dataset: dataset.id, batchID: batchID, now: now),
                                            on: database)
        case .sqlStatements, .sqliteNative:
            try await BulkPaths.insertRecords(records, dataset: dataset.id, batchID: batchID, now: now, on: database)
        }
    }

    /// SQLite through its C interface: the chunk's new records are inserted row by row and those whose id is
    /// already stored are left out; only those are then looked up and compared.
    func writeNative(_ records: [ValidRecord], connection: SQLiteConnection, batchID: Int64,
                     counts: inout WriteCounts) async throws {
        var started = Date()
        let (known, cpu) = try await SQLiteNative.insertNew(records, dataset: dataset.id, batchID: batchID, now: now,
                                                            on: connection)
        counts.phases.insert += Date().timeIntervalSince(started)
        counts.phases.insertCPU += cpu
        started = Date()
        let stored = known.isEmpty ? [:] : try await lookup(known.map { records[$0].recordID })
        counts.phases.lookup += Date().timeIntervalSince(started)
        var changed: [(ValidRecord, Int64)] = []
        var accepted: [ValidRecord] = []
        var nextKnown = known.makeIterator()
        var knownIndex = nextKnown.next()
        for (index, record) in records.enumerated() {
            if index == knownIndex {
                knownIndex = nextKnown.next()
                guard let existing = stored[record.recordID] else { throw PersistenceError.missingRow("已有记录 \(record.recordID)") }
                if existing.hash == record.hash { counts.duplicates += 1; continue }
                changed.append((record, existing.id))
            } else {
                counts.inserted += 1
            }
            accepted.append(record)
            counts.add(hash: record.hash)
        }
        try await finish(changed: changed, registrations: accepted, batchID: batchID, counts: &counts)
    }

    /// Updates the changed records and, for registrations, keeps the registry current; both timed.
    func finish(changed: [(ValidRecord, Int64)], registrations: [ValidRecord], batchID: Int64,
                counts: inout WriteCounts) async throws {
        var started = Date()
        try await applyChanges(changed, batchID: batchID)
        counts.updated += changed.count
        counts.phases.update += Date().timeIntervalSince(started)
        if dataset.id == Catalog.registrationDataset {
            started = Date()
            try await upsertRegistry(registrations)
            counts.phases.registry += Date().timeIntervalSince(started)
        }
    }

    /// The stored versions of the given record ids of the dataset, by record id.
    func lookup(_ ids: [String]) async throws -> [String: Stored] {
        let lookup: SQLQueryString
        switch kind {
        case .postgres:
            // The ids travel as one text parameter split on the unit separator (which record ids may not contain):
            // the driver encodes thousands of separate parameters slowly. Joining the unnested ids makes one index
            // probe per id; `record_id = ANY(…)` would filter the whole dataset on every chunk.
            lookup = """
                SELECT r.id, r.record_id, r.hash
                FROM unnest(string_to_array(\(bind: ids.joined(separator: "\u{1F}")), chr(31))) AS k(record_id)
                JOIN records r ON r.dataset = \(bind: dataset.id) AND r.record_id = k.record_id
                """
        case .sqlite:
            lookup = "SELECT id, record_id, hash FROM records WHERE dataset = \(bind: dataset.id) AND record_id IN (\(binds: ids))"
        }
        var stored: [String: Stored] = [:]
        for row in try await sql.raw(lookup).all(decoding: Stored.self) { stored[row.record_id] = row }
        return stored
    }

    /// Looks the chunk's ids up, then inserts the new records and updates the changed ones.
    func writeLookingUp(_ records: [ValidRecord], batchID: Int64, counts: inout WriteCounts) async throws {
        var started = Date()
        let stored = try await lookup(records.map(\.recordID))
        counts.lastChunkMetKnownIDs = !stored.isEmpty
        counts.phases.lookup += Date().timeIntervalSince(started)

        var fresh: [ValidRecord] = []
        var changed: [(ValidRecord, Int64)] = []
        for record in records {
            if let existing = stored[record.recordID] {
                if existing.hash == record.hash { counts.duplicates += 1; continue }
                changed.append((record, existing.id))
            } else {
                fresh.append(record)
            }
            counts.add(hash: record.hash)
        }
        started = Date()
        if !fresh.isEmpty {
            try await insert(fresh, batchID: batchID)
            counts.inserted += fresh.count
        }
        counts.phases.insert += Date().timeIntervalSince(started)
        try await finish(changed: changed, registrations: fresh + changed.map(\.0), batchID: batchID, counts: &counts)
    }

    /// Moves the changed records' stored versions to the history and writes the new ones over them.
    func applyChanges(_ changed: [(ValidRecord, Int64)], batchID: Int64) async throws {
        if !changed.isEmpty {
            try await sql.raw("""
                INSERT INTO record_history (dataset, record_id, uscc, content, hash, event_date, batch_id, version,
                  collected_at, superseded_at, superseded_by_batch)
                SELECT dataset, record_id, uscc, content, hash, event_date, batch_id, version, collected_at,
                  \(bind: now), \(bind: batchID)
                FROM records WHERE id IN (\(binds: changed.map(\.1)))
                """).run()
            for (record, id) in changed {
                try await sql.raw("""
                    UPDATE records SET uscc = \(bind: record.uscc), content = \(bind: record.content),
                      hash = \(bind: record.hash), event_date = \(bind: record.eventDate), batch_id = \(bind: batchID),
                      version = version + 1, collected_at = \(bind: now)
                    WHERE id = \(bind: id)
                    """).run()
            }
        }
    }

    func quarantine(_ rows: [RejectedRow], batchID: Int64) async throws {
        let encoder = JSONEncoder()
        var insert = sql.insert(into: "quarantine")
            .columns("batch_id", "row_number", "problems", "raw", "dataset", "record_id", "department_id", "reason")
        for row in rows {
            let problems = String(decoding: try encoder.encode(row.problems), as: UTF8.self)
            let raw = String(decoding: try encoder.encode(row.raw.map { [$0.0, $0.1] }), as: UTF8.self)
            let recordID = row.raw.first { $0.0 == "record_id" }?.1.trimmingCharacters(in: .whitespaces) ?? ""
            insert = insert.values(batchID, row.rowNumber, problems, raw, dataset.id, String(recordID.prefix(200)), departmentID,
                                   QuarantineReason.of(fields: row.problems.map(\.field)))
        }
        try await insert.run()
    }

    /// Marks resolved every outstanding quarantined row of this dataset whose record a later batch (this one) has
    /// stored: the clerk corrected and resent it. One statement per batch, over the dataset's open rows only.
    func resolveQuarantine(batchID: Int64) async throws {
        try await sql.raw("""
            UPDATE quarantine SET resolved_batch = \(bind: batchID)
            WHERE resolved_batch IS NULL AND dataset = \(bind: dataset.id) AND record_id <> ''
              AND EXISTS (SELECT 1 FROM records r WHERE r.dataset = quarantine.dataset AND r.record_id = quarantine.record_id
                          AND r.batch_id > quarantine.batch_id)
            """).run()
    }

    static let registryColumns = ["name", "entity_type", "legal_rep", "legal_rep_id", "reg_capital_wan",
                                  "established_on", "industry", "district", "scale", "status", "address"]

    /// Keeps each firm's district history (`firm_districts`, read by the statistics): a firm new to the registry, or
    /// one whose district differs from the registry's, gets a row from today.
    func recordDistrictMoves(_ latest: [String: ValidRecord]) async throws {
        struct Current: Decodable { let uscc: String; let district: String }
        var current: [String: String] = [:]
        let usccs = Array(latest.keys)
        for start in stride(from: 0, to: usccs.count, by: 500) {
            let part = usccs[start..<min(start + 500, usccs.count)]
            let rows = try await sql.select().columns("uscc", "district").from("enterprises")
                .where("uscc", .in, Array(part)).all(decoding: Current.self)
            for row in rows { current[row.uscc] = row.district }
        }
        let today = Day(Date(timeIntervalSince1970: Double(now) / 1000)).description
        var insert = sql.insert(into: "firm_districts").columns("uscc", "from_day", "district")
        var any = false
        for (uscc, record) in latest.sorted(by: { $0.key < $1.key }) {
            let district = CanonicalContent.decode(record.content)["district"] ?? ""
            guard current[uscc] != district else { continue }
            insert = insert.values(uscc, today, district)
            any = true
        }
        guard any else { return }
        try await insert.onConflict(with: ["uscc", "from_day"]) { $0.set(excludedValueOf: "district") }.run()
    }

    /// Keeps `enterprises` equal to the latest registration of each USCC.
    func upsertRegistry(_ records: [ValidRecord]) async throws {
        guard !records.isEmpty else { return }
        var latest: [String: ValidRecord] = [:]
        for record in records { latest[record.uscc] = record }
        try await recordDistrictMoves(latest)
        var insert = sql.insert(into: "enterprises").columns(["uscc"] + Self.registryColumns + ["updated_at"])
        for record in latest.values.sorted(by: { $0.uscc < $1.uscc }) {
            let fields = CanonicalContent.decode(record.content)
            var values: [any Encodable & Sendable] = [record.uscc]
            for column in Self.registryColumns { values.append(fields[column] ?? "") }
            values.append(now)
            insert = insert.values(values)
        }
        try await insert.onConflict(with: ["uscc"]) { update in
            var update = update
            for column in Self.registryColumns + ["updated_at"] { update = update.set(excludedValueOf: column) }
            return update
        }.run()
    }
}
