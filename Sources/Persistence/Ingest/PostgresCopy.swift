import Domain
import FluentPostgresDriver
import Foundation
import NIOCore
import PostgresNIO
import SQLKit

/// PostgreSQL's bulk path: new records go in with `COPY … FROM STDIN` on the batch's own connection (so
/// they stay inside the batch's transaction).
enum PostgresCopy {
    static let columns = ["dataset", "record_id", "uscc", "content", "hash", "event_date", "batch_id", "version", "collected_at"]

    /// Copies the records; returns false when the database is not PostgreSQL (the caller then inserts).
    static func copyRecords(_ records: [ValidRecord], dataset: String, batchID: Int64, now: Int64,
                            on sql: any SQLDatabase) async throws -> Bool {
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
        return try await sql.withSession { session in
            guard let postgres = session as? any PostgresDatabase else { return false }
            try await postgres.withConnection { connection in
                let promise = connection.eventLoop.makePromise(of: Void.self)
                promise.completeWithTask {
                    try await connection.copyFrom(table: "records", columns: columns, logger: connection.logger) { writer in
                        try await writer.write(payload)
                    }
                }
                return promise.futureResult
            }.get()
            return true
        }
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
