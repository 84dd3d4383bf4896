import FluentKit
import Foundation
import SQLKit

/// How far each web upload has got, readable by every process on the database (used on PostgreSQL, where a unit of work
/// takes no lock: these small writes do not wait for the batch they describe). The rows say only how far a request
/// has got, so their units log nothing and bump no generation. Rows older than `lifetime` go when a new upload starts.
public struct UploadProgressStore: Sendable {
    public struct Entry: Sendable, Equatable {
        public var phase: String
        /// Rows read and checked, and rows stored.
        public var rows: Int
        public var written: Int
        public var bytes: Int64
        public var done: Bool

        public init(phase: String, rows: Int, written: Int, bytes: Int64, done: Bool) {
            self.phase = phase; self.rows = rows; self.written = written; self.bytes = bytes; self.done = done
        }
    }

    public static let lifetime: TimeInterval = 600
    let database: any Database
    public init(database: any Database) { self.database = database }

    public func start(key: String, owner: String, phase: String, at time: Date) async throws {
        try await database.write { unit in
            let sql = try unit.sql()
            try await sql.raw("DELETE FROM upload_progress WHERE updated_at < \(bind: epochMillis(time.addingTimeInterval(-Self.lifetime)))").run()
            try await sql.raw("""
                INSERT INTO upload_progress (progress_key, owner, phase, rows_read, rows_written, bytes_read, done, updated_at)
                VALUES (\(bind: key), \(bind: owner), \(bind: phase), 0, 0, 0, \(bind: false), \(bind: epochMillis(time)))
                ON CONFLICT (progress_key) DO UPDATE SET owner = excluded.owner, phase = excluded.phase, rows_read = 0,
                  rows_written = 0, bytes_read = 0, done = excluded.done, updated_at = excluded.updated_at
                """).run()
        }
    }

    /// The latest figures and the stage's phase (not once the upload is done: its final phase stays).
    public func update(key: String, phase: String, rows: Int, written: Int, bytes: Int64, at time: Date) async throws {
        try await database.write { unit in
            try await unit.sql().raw("""
                UPDATE upload_progress SET phase = \(bind: phase), rows_read = \(bind: rows), rows_written = \(bind: written),
                  bytes_read = \(bind: bytes), updated_at = \(bind: epochMillis(time))
                WHERE progress_key = \(bind: key) AND done = \(bind: false)
                """).run()
        }
    }

    public func finish(key: String, phase: String, at time: Date) async throws {
        try await database.write { unit in
            try await unit.sql().raw("""
                UPDATE upload_progress SET phase = \(bind: phase), done = \(bind: true), updated_at = \(bind: epochMillis(time))
                WHERE progress_key = \(bind: key)
                """).run()
        }
    }

    /// The upload's progress, for the user who started it only.
    public func entry(key: String, owner: String) async throws -> Entry? {
        struct Row: Decodable { let phase: String; let rows_read: Int; let rows_written: Int; let bytes_read: Int64; let done: Bool }
        return try await database.sql().raw("""
            SELECT phase, rows_read, rows_written, bytes_read, done FROM upload_progress
            WHERE progress_key = \(bind: key) AND owner = \(bind: owner)
            """).first(decoding: Row.self)
            .map { Entry(phase: $0.phase, rows: $0.rows_read, written: $0.rows_written, bytes: $0.bytes_read, done: $0.done) }
    }
}
