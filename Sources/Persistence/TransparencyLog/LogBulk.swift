import SQLKit
import CreditLog
import FluentKit
import Foundation
import NIOCore
import SQLiteNIO

/// Writes sequenced entries and node hashes the fastest way each database offers, on the transaction's own
/// connection: SQLite multi-row INSERTs with native bindings, PostgreSQL one INSERT … SELECT FROM unnest per
/// batch.
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
            // Three text parameters split on the unit separator (which entries cannot contain): encoding
            // thousands of separate parameters costs more than the database's own work.
            let sql = try database.sql()
            for chunk in entries.chunked(by: 20_000) {
                try await sql.raw("""
                    INSERT INTO tlog_entries (idx, entry, leaf_hash)
                    SELECT i::bigint, e, decode(h, 'hex')
                    FROM unnest(string_to_array(\(bind: chunk.map { String($0.0) }.joined(separator: separator)), chr(31)),
                                string_to_array(\(bind: chunk.map(\.1).joined(separator: separator)), chr(31)),
                                string_to_array(\(bind: chunk.map { hex($0.2) }.joined(separator: separator)), chr(31))) AS t(i, e, h)
                    """).run()
            }
            for chunk in nodes.chunked(by: 40_000) {
                try await sql.raw("""
                    INSERT INTO tlog_nodes (pos, hash)
                    SELECT p::bigint, decode(h, 'hex')
                    FROM unnest(string_to_array(\(bind: chunk.map { String($0.0) }.joined(separator: separator)), chr(31)),
                                string_to_array(\(bind: chunk.map { hex($0.1) }.joined(separator: separator)), chr(31))) AS t(p, h)
                    """).run()
            }
        }
    }

    static let separator = "\u{1F}"

    static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
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

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
