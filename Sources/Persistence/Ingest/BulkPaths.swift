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

    /// One multi-row INSERT. SQLite: native bindings, the values shared by every row (dataset, batch, time)
    /// bound once as ?1–?3 (binding a text copies it twice in the driver, and there are 9 columns).
    /// PostgreSQL: SQLKit's insert builder (the fallback there; COPY is the fast path).
    static func insertRecords(_ records: [ValidRecord], dataset: String, batchID: Int64, now: Int64,
                              on database: any Database) async throws {
        guard let sqlite = database as? any SQLiteDatabase else {
            guard let sql = database as? any SQLDatabase else { throw PersistenceError.notSQL }
            var insert = sql.insert(into: "records").columns(columns)
            for record in records {
                insert = insert.values(dataset, record.recordID, record.uscc, record.content, record.hash, record.eventDate,
                                       batchID, 1, now)
            }
            try await insert.run()
            return
        }
        var statement = "INSERT INTO records (\(columns.joined(separator: ", "))) VALUES "
        statement.reserveCapacity(statement.utf8.count + records.count * 48)
        var binds: [SQLiteData] = [.text(dataset), .integer(Int(batchID)), .integer(Int(now))]
        binds.reserveCapacity(3 + records.count * 5)
        for (index, record) in records.enumerated() {
            let p = 4 + index * 5
            if index > 0 { statement += "," }
            statement += "(?1,?\(p),?\(p + 1),?\(p + 2),?\(p + 3),?\(p + 4),?2,1,?3)"
            binds += [.text(record.recordID), .text(record.uscc), .text(record.content), .text(record.hash),
                      .text(record.eventDate)]
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

    /// Whether an insert failed because a record's (dataset, record_id) is already stored.
    static func isKnownIDConflict(_ error: any Error) -> Bool {
        if let error = error as? SQLiteError {
            return error.message.contains("UNIQUE constraint failed: records.dataset, records.record_id")
        }
        if let error = error as? PSQLError {
            return error.serverInfo?[.sqlState] == "23505" && error.serverInfo?[.constraintName] == "records_identity"
        }
        return false
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
