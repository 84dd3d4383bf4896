import Domain
import FluentPostgresDriver
import Foundation
import NIOCore
import PostgresNIO
import FluentKit

import SQLiteNIO

/// The bulk paths for new records, one per database, both on the batch's own connection so that they stay
/// inside the batch's transaction. Values are handed to the drivers directly: encoding thousands of
/// parameters through `Encodable` costs more than the database's own work.
enum BulkPaths {
    static let columns = ["dataset", "record_id", "uscc", "content", "hash", "event_date", "batch_id", "version", "collected_at"]

    /// SQLite: one multi-row INSERT with native bindings.
    static func insertRecords(_ records: [ValidRecord], dataset: String, batchID: Int64, now: Int64,
                              on database: any Database) async throws {
        guard let sqlite = database as? any SQLiteDatabase else { throw PersistenceError.notSQL }
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let statement = "INSERT INTO records (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: records.count).joined(separator: ",")
        var binds: [SQLiteData] = []
        binds.reserveCapacity(records.count * columns.count)
        for record in records {
            binds += [.text(dataset), .text(record.recordID), .text(record.uscc), .text(record.content), .text(record.hash),
                      .text(record.eventDate), .integer(Int(batchID)), .integer(1), .integer(Int(now))]
        }
        _ = try await sqlite.query(statement, binds)
    }

    /// PostgreSQL: `COPY … FROM STDIN` in text format.
    static func copyRecords(_ records: [ValidRecord], dataset: String, batchID: Int64, now: Int64,
                            on database: any Database) async throws {
        var buffer = ByteBufferAllocator().buffer(capacity: records.count * 256)
        let fixed = "\t\(batchID)\t1\t\(now)\n"
        for record in records {
            for (index, value) in [dataset, record.recordID, record.uscc, record.content, record.hash, record.eventDate].enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                writeEscaped(value, to: &buffer)
            }
            buffer.writeString(fixed)
        }
        let payload = buffer
        // Inside a Fluent transaction the database is bound to one connection; COPY runs on it.
        guard let postgres = database as? any PostgresDatabase else { throw PersistenceError.notSQL }
        try await postgres.withConnection { connection in
            let promise = connection.eventLoop.makePromise(of: Void.self)
            promise.completeWithTask {
                try await connection.copyFrom(table: "records", columns: columns, logger: connection.logger) { writer in
                    try await writer.write(payload)
                }
            }
            return promise.futureResult
        }.get()
    }

    /// COPY text format: backslash, tab, newline and carriage return are escaped.
    static func writeEscaped(_ value: String, to buffer: inout ByteBuffer) {
        var plain = true
        for byte in value.utf8 where byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D { plain = false; break }
        if plain { buffer.writeString(value); return }
        for byte in value.utf8 {
            switch byte {
            case 0x5C: buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
