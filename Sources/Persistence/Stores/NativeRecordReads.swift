import Domain
import FluentKit
import Foundation
import NIOCore
import PostgresNIO
import SQLiteNIO

/// `RecordStore.records(usccs:datasets:)` through each driver's own rows.
///
/// SQLite: SQLiteNIO hands every row over through a future of its own on the event loop, which for a city's
/// millions of records costs more than SQLite's work. So SQLite packs each firm's records into one value
/// (`group_concat`), every text prefixed with its length in bytes, and the firm's row is unpacked here: one
/// row per firm, no separator that a value could contain.
/// PostgreSQL: rows decoded natively (`PostgresRow.decode`), the firms bound as one array.
enum NativeRecordReads {
    static func sqlite(_ database: any SQLiteDatabase, usccs: [String], datasets: [String]?,
                       departments: ([Int64]) async throws -> [Int64: String]) async throws -> [String: [StoredRecord]] {
        var sql = """
            SELECT uscc, CAST(group_concat(format('%d:%s%d:%s%d:%s%d:%s%d,%d,%d,',
              octet_length(dataset), dataset, octet_length(record_id), record_id, octet_length(content), content,
              octet_length(event_date), event_date, collected_at, version, batch_id), '') AS BLOB) AS packed
            FROM records WHERE uscc IN (
            """
        sql.reserveCapacity(sql.utf8.count + usccs.count * 2 + 64)
        var binds: [SQLiteData] = []
        binds.reserveCapacity(usccs.count + (datasets?.count ?? 0))
        for (index, uscc) in usccs.enumerated() {
            sql += index == 0 ? "?" : ",?"
            binds.append(.text(uscc))
        }
        sql += ") AND " + RecordStore.shownCondition(table: "records")
        if let datasets {
            // `+dataset`: the firms' index, not the (dataset, record_id) one that would read whole datasets.
            sql += " AND +dataset IN (" + Array(repeating: "?", count: datasets.count).joined(separator: ",") + ")"
            binds += datasets.map { .text($0) }
        }
        sql += " GROUP BY uscc"
        let rows = try await database.query(sql, binds)
        var unpacker = Unpacker()
        var byFirm: [String: [StoredRecord]] = [:]
        byFirm.reserveCapacity(rows.count)
        for row in rows {
            guard case .text(let uscc)? = row.column("uscc") else { continue }
            var records: [StoredRecord] = []
            switch row.column("packed") {
            case .blob(let buffer)?:
                try buffer.withUnsafeReadableBytes { try unpacker.unpack($0, uscc: uscc, into: &records) }
            case .text(let text)?:
                var text = text
                try text.withUTF8 { try unpacker.unpack(UnsafeRawBufferPointer($0), uscc: uscc, into: &records) }
            default: continue
            }
            byFirm[uscc] = records
        }
        // Departments by batch: a few batches for thousands of records, so not joined row by row.
        if !unpacker.batchIDs.isEmpty {
            let names = try await departments(unpacker.batchIDs.sorted())
            if !names.isEmpty {
                for uscc in Array(byFirm.keys) {
                    byFirm[uscc] = byFirm[uscc]?.map { record in
                        var record = record
                        record.sourceDepartment = names[record.batchID]
                        return record
                    }
                }
            }
        }
        return byFirm
    }

    /// Reads the packed records of one firm: `len:text` four times (dataset, record id, content, event date),
    /// then `collected_at,version,batch_id,`.
    struct Unpacker {
        var batchIDs: Set<Int64> = []
        /// Dataset names as read so far: a handful, each shared by thousands of records.
        var datasets: [String] = []

        struct Malformed: Error, CustomStringConvertible {
            var description: String { "records packed by SQLite could not be read back" }
        }

        mutating func unpack(_ bytes: UnsafeRawBufferPointer, uscc: String, into records: inout [StoredRecord]) throws {
            let b = bytes.bindMemory(to: UInt8.self)
            let n = b.count
            var i = 0
            func number(until terminator: UInt8) throws -> Int64 {
                var negative = false
                if i < n, b[i] == 0x2D { negative = true; i += 1 }
                var value: Int64 = 0
                var digits = 0
                while i < n, b[i] >= 0x30, b[i] <= 0x39 {
                    value = value &* 10 &+ Int64(b[i] &- 0x30)
                    i += 1; digits += 1
                }
                guard digits > 0, i < n, b[i] == terminator else { throw Malformed() }
                i += 1
                return negative ? -value : value
            }
            func text() throws -> UnsafeBufferPointer<UInt8> {
                let length = Int(try number(until: 0x3A))
                guard length >= 0, i + length <= n else { throw Malformed() }
                defer { i += length }
                return UnsafeBufferPointer(rebasing: b[i..<(i + length)])
            }
            while i < n {
                let datasetBytes = try text()
                let dataset: String
                if let known = datasets.first(where: { $0.utf8.count == datasetBytes.count && $0.utf8.elementsEqual(datasetBytes) }) {
                    dataset = known
                } else {
                    dataset = String(decoding: datasetBytes, as: UTF8.self)
                    datasets.append(dataset)
                }
                let recordID = String(decoding: try text(), as: UTF8.self)
                let content = CanonicalContent.decode(utf8: UnsafeRawBufferPointer(try text()))
                let eventDate = String(decoding: try text(), as: UTF8.self)
                let collectedAt = try number(until: 0x2C)
                let version = try number(until: 0x2C)
                let batchID = try number(until: 0x2C)
                batchIDs.insert(batchID)
                records.append(StoredRecord(
                    dataset: dataset, recordID: recordID, uscc: uscc, content: content, eventDate: eventDate,
                    collectedAt: Date(timeIntervalSince1970: Double(collectedAt) / 1000), version: Int(version),
                    batchID: batchID, sourceDepartment: nil))
            }
        }
    }

    static func postgres(_ database: any PostgresDatabase, usccs: [String], datasets: [String]?) async throws
        -> [String: [StoredRecord]] {
        var sql = """
            SELECT r.dataset, r.record_id, r.uscc, r.content, r.event_date, r.collected_at, r.version, r.batch_id,
              d.name AS department
            FROM records r LEFT JOIN batches b ON b.id = r.batch_id LEFT JOIN departments d ON d.id = b.department_id
            WHERE r.uscc = ANY($1) AND \(RecordStore.shownCondition(table: "r"))
            """
        var binds = PostgresBindings()
        binds.append(usccs)
        if let datasets {
            sql += " AND r.dataset = ANY($2)"
            binds.append(datasets)
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        return try await database.withConnection { connection in
            let promise = connection.eventLoop.makePromise(of: [String: [StoredRecord]].self)
            promise.completeWithTask {
                var byFirm: [String: [StoredRecord]] = [:]
                for try await row in try await connection.query(query, logger: connection.logger) {
                    let (dataset, recordID, uscc, content, eventDate, collectedAt, version, batchID, department)
                        = try row.decode((String, String, String, String, String, Int64, Int, Int64, String?).self)
                    let record = StoredRecord(
                        dataset: dataset, recordID: recordID, uscc: uscc, content: CanonicalContent.decode(content),
                        eventDate: eventDate, collectedAt: Date(timeIntervalSince1970: Double(collectedAt) / 1000),
                        version: version, batchID: batchID, sourceDepartment: department)
                    byFirm[uscc, default: []].append(record)
                }
                return byFirm
            }
            return promise.futureResult
        }.get()
    }
}
