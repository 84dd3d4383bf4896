import FluentKit
import FluentPostgresDriver
import Foundation
import NIOCore
import PostgresNIO
import SQLiteNIO

/// Writes sequenced entries and node hashes the fastest way each database offers, on the transaction's own
/// connection: SQLite multi-row INSERTs with native bindings, PostgreSQL `COPY … FROM STDIN`.
enum LogBulk {
    static func write(entries: [(Int64, String, [UInt8])], nodes: [(Int64, [UInt8])], kind: DatabaseKind,
                      on database: any Database) async throws {
        switch kind {
        case .sqlite:
            for chunk in entries.chunked(by: 3000) {
                try await sqliteInsert(table: "tlog_entries (idx, entry, leaf_hash)", width: 3, count: chunk.count, on: database) { binds in
                    for (index, entry, hash) in chunk { binds += [.integer(Int(index)), .text(entry), .blob(ByteBuffer(bytes: hash))] }
                }
            }
            for chunk in nodes.chunked(by: 5000) {
                try await sqliteInsert(table: "tlog_nodes (pos, hash)", width: 2, count: chunk.count, on: database) { binds in
                    for (position, hash) in chunk { binds += [.integer(Int(position)), .blob(ByteBuffer(bytes: hash))] }
                }
            }
        case .postgres:
            var buffer = ByteBufferAllocator().buffer(capacity: entries.count * 320)
            for (index, entry, hash) in entries {
                buffer.writeString("\(index)\t")
                writeEscaped(entry, to: &buffer)
                buffer.writeStaticString("\t\\\\x")
                writeHex(hash, to: &buffer)
                buffer.writeStaticString("\n")
            }
            try await copy(table: "tlog_entries", columns: ["idx", "entry", "leaf_hash"], payload: buffer, on: database)
            guard !nodes.isEmpty else { return }
            buffer = ByteBufferAllocator().buffer(capacity: nodes.count * 96)
            for (position, hash) in nodes {
                buffer.writeString("\(position)\t\\\\x")
                writeHex(hash, to: &buffer)
                buffer.writeStaticString("\n")
            }
            try await copy(table: "tlog_nodes", columns: ["pos", "hash"], payload: buffer, on: database)
        }
    }

    static func sqliteInsert(table: String, width: Int, count: Int, on database: any Database,
                             _ fill: (inout [SQLiteData]) -> Void) async throws {
        guard count > 0 else { return }
        guard let sqlite = database as? any SQLiteDatabase else { throw PersistenceError.notSQL }
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        let statement = "INSERT INTO \(table) VALUES " + Array(repeating: row, count: count).joined(separator: ",")
        var binds: [SQLiteData] = []
        binds.reserveCapacity(count * width)
        fill(&binds)
        _ = try await sqlite.query(statement, binds)
    }

    static func copy(table: String, columns: [String], payload: ByteBuffer, on database: any Database) async throws {
        guard let postgres = database as? any PostgresDatabase else { throw PersistenceError.notSQL }
        try await postgres.withConnection { connection in
            let promise = connection.eventLoop.makePromise(of: Void.self)
            promise.completeWithTask {
                try await connection.copyFrom(table: table, columns: columns, logger: connection.logger) { writer in
                    try await writer.write(payload)
                }
            }
            return promise.futureResult
        }.get()
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeHex(_ data: [UInt8], to buffer: inout ByteBuffer) {
        for byte in data {
            buffer.writeInteger(hexDigits[Int(byte >> 4)])
            buffer.writeInteger(hexDigits[Int(byte & 0x0F)])
        }
    }

    /// COPY text format: backslash, tab, newline and carriage return are escaped.
    static func writeEscaped(_ value: String, to buffer: inout ByteBuffer) {
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
