import FluentKit
import Foundation
import SQLKit

/// How far each web upload has got, readable by every process on the database. The rows say only how far a request
/// has got (a phase, rows and bytes read), so they are written directly rather than through the unit of work: no lock,
/// no transparency-log entry, no cache generation. Rows older than `lifetime` are removed when a new upload starts.
public struct UploadProgressStore: Sendable {
    public struct Entry: Sendable, Equatable {
        public var phase: String
        public var rows: Int
        public var bytes: Int64
        public var done: Bool

        public init(phase: String, rows: Int, bytes: Int64, done: Bool) {
            self.phase = phase; self.rows = rows; self.bytes = bytes; self.done = done
        }
    }

    public static let lifetime: TimeInterval = 600
    let database: any Database
    public init(database: any Database) { self.database = database }

    public func start(key: String, owner: String, phase: String, at time: Date) async throws {
        let sql = try database.sql()
        try await sql.raw("DELETE FROM upload_progress WHERE updated_at < \(bind: epochMillis(time.addingTimeInterval(-Self.lifetime)))").run()
        try await sql.raw("""
            INSERT INTO upload_progress (progress_key, owner, phase, rows_read, bytes_read, done, updated_at)
            VALUES (\(bind: key), \(bind: owner), \(bind: phase), 0, 0, \(bind: false), \(bind: epochMillis(time)))
            ON CONFLICT (progress_key) DO UPDATE SET owner = excluded.owner, phase = excluded.phase, rows_read = 0, bytes_read = 0,
              done = excluded.done, updated_at = excluded.updated_at
            """).run()
    }

    public func update(key: String, rows: Int, bytes: Int64, at time: Date) async throws {
        try await database.sql().raw("""
            UPDATE upload_progress SET rows_read = \(bind: rows), bytes_read = \(bind: bytes), updated_at = \(bind: epochMillis(time))
            WHERE progress_key = \(bind: key)
            """).run()
    }

    public func phase(key: String, _ phase: String, done: Bool, at time: Date) async throws {
        try await database.sql().raw("""
            UPDATE upload_progress SET phase = \(bind: phase), done = \(bind: done), updated_at = \(bind: epochMillis(time))
            WHERE progress_key = \(bind: key)
            """).run()
    }

    /// The upload's progress, for the user who started it only.
    public func entry(key: String, owner: String) async throws -> Entry? {
        struct Row: Decodable { let phase: String; let rows_read: Int; let bytes_read: Int64; let done: Bool }
        return try await database.sql().raw("""
            SELECT phase, rows_read, bytes_read, done FROM upload_progress WHERE progress_key = \(bind: key) AND owner = \(bind: owner)
            """).first(decoding: Row.self).map { Entry(phase: $0.phase, rows: $0.rows_read, bytes: $0.bytes_read, done: $0.done) }
    }
}
