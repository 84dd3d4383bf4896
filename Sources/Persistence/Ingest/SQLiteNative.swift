import Domain
import FluentKit
import NIOCore
import NIOPosix
import SQLiteNIO
import VaporCSQLite

/// SQLite's bulk path through its C interface, on the batch's own connection (so inside the batch's
/// transaction) and with the SQLite that SQLiteNIO links (`VaporCSQLite`; never a second copy in the process).
///
/// One prepared single-row INSERT is bound, stepped and reset per record. Through SQLiteNIO every chunk was
/// one statement text of thousands of placeholders, parsed and planned anew, with every value wrapped in a
/// `SQLiteData` and copied; here the texts are bound in place and SQLite's own work is most of the cost.
///
/// `ON CONFLICT (dataset, record_id) DO NOTHING`: a record whose id is already stored is left out and
/// reported, so the caller compares it with the stored version. A single-row statement never needs to undo
/// part of itself, so SQLite keeps no statement journal for it, and nothing has to be retried.
enum SQLiteNative {
    static let insertSQL = """
        INSERT INTO records (dataset, record_id, uscc, content, hash, event_date, batch_id, version, collected_at)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8) ON CONFLICT (dataset, record_id) DO NOTHING
        """

    /// The connection a transaction's database runs on, when its `sqlite3` handle can be reached; nil
    /// otherwise (then the caller takes the SQL path).
    static func connection(of database: any Database) async throws -> SQLiteConnection? {
        guard let sqlite = database as? any SQLiteDatabase else { return nil }
        // Inside a Fluent transaction the database is bound to one connection: this is it.
        let connection = try await sqlite.withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
        return handle(of: connection) == nil ? nil : connection
    }

    /// SQLiteNIO keeps the `sqlite3*` handle in an internal property (`handle.raw`); it offers no public way
    /// to it. Read by reflection, so a future SQLiteNIO that moves it makes this nil, not a crash.
    static func handle(of connection: SQLiteConnection) -> OpaquePointer? {
        guard let box = Mirror(reflecting: connection).descendant("handle") else { return nil }
        return Mirror(reflecting: box).descendant("raw") as? OpaquePointer
    }

    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        let message: String
        var description: String { "写入 SQLite 失败（\(code)）：\(message)" }
    }

    /// Inserts the records whose id is not stored yet; returns the positions of those whose id is (not written).
    /// Also returns the CPU time the inserts took on their thread.
    static func insertNew(_ records: [ValidRecord], dataset: String, batchID: Int64, now: Int64,
                          on connection: SQLiteConnection) async throws -> (known: [Int], cpu: Double) {
        // Blocking C calls run on a thread pool, not on the tasks' cooperative threads.
        try await NIOThreadPool.singleton.runIfActive {
            guard let db = handle(of: connection) else { throw Failure(code: SQLITE_MISUSE, message: "连接已关闭") }
            let started = threadCPUSeconds()
            let known = try insertNew(records, dataset: dataset, batchID: batchID, now: now, db: db)
            return (known, threadCPUSeconds() - started)
        }
    }

    static func insertNew(_ records: [ValidRecord], dataset: String, batchID: Int64, now: Int64,
                          db: OpaquePointer) throws -> [Int] {
        func failure(_ code: Int32) -> Failure {
            Failure(code: code, message: sqlite_nio_sqlite3_errmsg(db).map { String(cString: $0) } ?? "")
        }
        var statement: OpaquePointer?
        var code = sqlite_nio_sqlite3_prepare_v3(db, insertSQL, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw failure(code) }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        // Bindings outlast `reset`: the values every row shares are bound once.
        code = bindCopy(statement, 1, dataset)
        if code == SQLITE_OK { code = sqlite_nio_sqlite3_bind_int64(statement, 7, batchID) }
        if code == SQLITE_OK { code = sqlite_nio_sqlite3_bind_int64(statement, 8, now) }
        guard code == SQLITE_OK else { throw failure(code) }
        var known: [Int] = []
        for index in records.indices {
            // The texts are bound in place (no copy): they stay alive until the step and reset below.
            var r = records[index]
            code = r.recordID.withUTF8 { id in
                r.uscc.withUTF8 { uscc in
                    r.content.withUTF8 { content in
                        r.hash.withUTF8 { hash in
                            r.eventDate.withUTF8 { date in
                                var code = bind(statement, 2, id)
                                if code == SQLITE_OK { code = bind(statement, 3, uscc) }
                                if code == SQLITE_OK { code = bind(statement, 4, content) }
                                if code == SQLITE_OK { code = bind(statement, 5, hash) }
                                if code == SQLITE_OK { code = bind(statement, 6, date) }
                                if code == SQLITE_OK { code = sqlite_nio_sqlite3_step(statement) }
                                return code
                            }
                        }
                    }
                }
            }
            guard code == SQLITE_DONE else {
                let error = failure(code)
                sqlite_nio_sqlite3_reset(statement)
                throw error
            }
            if sqlite_nio_sqlite3_changes(db) == 0 { known.append(index) }
            sqlite_nio_sqlite3_reset(statement)
        }
        sqlite_nio_sqlite3_clear_bindings(statement)
        return known
    }

    /// Binds UTF-8 text in place (SQLITE_STATIC): the bytes must outlive the step.
    @inline(__always)
    static func bind(_ statement: OpaquePointer, _ index: Int32, _ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        // A NULL pointer would bind NULL; an empty text needs a valid one.
        let base = text.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? emptyText
        return sqlite_nio_sqlite3_bind_text64(statement, index, base, UInt64(text.count), nil, UInt8(SQLITE_UTF8))
    }

    /// Binds a copy of the text (for values bound once per chunk).
    static func bindCopy(_ statement: OpaquePointer, _ index: Int32, _ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? emptyText
            return sqlite_nio_sqlite3_bind_text64(statement, index, base, UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
        }
    }

    /// SQLite's SQLITE_TRANSIENT (copy the value now), which the C header defines as a cast Swift cannot import.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    nonisolated(unsafe) static let emptyText: UnsafePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()
}
