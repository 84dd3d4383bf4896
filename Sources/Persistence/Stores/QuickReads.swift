import Foundation
import NIOConcurrencyHelpers
import VaporCSQLite

/// SQLite: the two reads every API call makes — the generation counters and the caller's token — and the one read
/// every application's decision makes uncached (overdue loans), answered on the calling thread through connections
/// of this class's own, with statements prepared once per connection.
///
/// Through SQLiteNIO each read is a hop to its thread pool and back (two thread switches and wake-ups); under
/// `xyd bench api` those switches were the largest share of a cached API call's time (`perf`), while SQLite's own
/// work for these reads — a few rows by primary key, from pages in memory — takes microseconds. Readers never
/// wait for SQLite's writer in WAL mode; a read that fails for any reason throws, and the caller takes the
/// ordinary path. Written against SQLite's C interface (the copy SQLiteNIO links) because no driver on the
/// machine reads on the caller's thread.
public final class QuickReads: Sendable {
    private let path: String
    /// Connections not in use; each is used by one thread at a time (taken from here, put back after).
    private let idle = NIOLockedValueBox<[Connection]>([])
    static let maxIdle = 8

    /// `path`: the SQLite database file (not `:memory:`, which another connection cannot see).
    public init(path: String) { self.path = path }

    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "SQLite 快速读取失败（\(code)）" }
    }

    final class Connection: @unchecked Sendable {
        let db: OpaquePointer
        private var statements: [String: OpaquePointer] = [:]

        init(path: String) throws {
            var handle: OpaquePointer?
            let code = sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
            guard code == SQLITE_OK, let handle else {
                if let handle { sqlite_nio_sqlite3_close_v2(handle) }
                throw Failure(code: code)
            }
            db = handle
            sqlite_nio_sqlite3_busy_timeout(db, 200)
        }

        deinit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            sqlite_nio_sqlite3_close_v2(db)
        }

        /// Runs `sql` with text parameters, calling `row` for each result row; the statement is kept for next time.
        func query(_ sql: String, _ texts: [String] = [], row: (OpaquePointer) throws -> Void) throws {
            let statement: OpaquePointer
            if let kept = statements[sql] {
                statement = kept
            } else {
                var prepared: OpaquePointer?
                let code = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
                guard code == SQLITE_OK, let prepared else { throw Failure(code: code) }
                statements[sql] = prepared
                statement = prepared
            }
            // Reset only: every parameter is bound again before the next step. `sqlite3_clear_bindings` would
            // also mark the statement expired whenever the planner looked at a bound value (here the token
            // join does), so each read re-parsed and re-planned it: 6 % of a credit report's CPU under perf.
            defer { sqlite_nio_sqlite3_reset(statement) }
            for (index, text) in texts.enumerated() {
                let code = SQLiteNative.bindCopy(statement, Int32(index + 1), text)
                guard code == SQLITE_OK else { throw Failure(code: code) }
            }
            while true {
                let code = sqlite_nio_sqlite3_step(statement)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else { throw Failure(code: code) }
                try row(statement)
            }
        }
    }

    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try idle.withLockedValue { $0.popLast() } ?? Connection(path: path)
        defer { idle.withLockedValue { if $0.count < Self.maxIdle { $0.append(connection) } } }
        return try body(connection)
    }

    static func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard sqlite_nio_sqlite3_column_type(statement, column) != SQLITE_NULL,
              let bytes = sqlite_nio_sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    static func integer(_ statement: OpaquePointer, _ column: Int32) -> Int64? {
        sqlite_nio_sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite_nio_sqlite3_column_int64(statement, column)
    }

    /// Every generation counter (`Generations.current`).
    public func generations() throws -> [Generation: Int64] {
        var counters: [Generation: Int64] = [:]
        try withConnection { connection in
            try connection.query("SELECT name, value FROM generations") { row in
                if let name = Self.text(row, 0).flatMap(Generation.init(rawValue:)), let value = Self.integer(row, 1) {
                    counters[name] = max(counters[name] ?? value, value)
                }
            }
        }
        return counters
    }

    /// The unrevoked token with this hash and its owner's department or institution (`AccountStore.principal(forToken:)`).
    func token(hash: String) throws -> AccountStore.TokenRow? {
        var found: AccountStore.TokenRow?
        try withConnection { connection in
            try connection.query(AccountStore.tokenQuery, [hash]) { row in
                guard let name = Self.text(row, 0), let role = Self.text(row, 1), let scope = Self.text(row, 5) else { return }
                found = AccountStore.TokenRow(
                    name: name, role: role, department_id: Self.integer(row, 2), institution_id: Self.integer(row, 3),
                    uscc: Self.text(row, 4), scope: scope, d_code: Self.text(row, 6), d_name: Self.text(row, 7),
                    d_datasets: Self.text(row, 8), i_code: Self.text(row, 9), i_name: Self.text(row, 10), i_kind: Self.text(row, 11))
            }
        }
        return found
    }

    /// Whether the firm has an overdue, unsettled loan or credit line (`LoanStore.hasOverdueLoans`). Through
    /// SQLiteNIO this one read waited 35–100 ms for a connection in the slowest applications of `xyd bench api`.
    public func hasOverdueLoans(uscc: String) throws -> Bool {
        var found = false
        try withConnection { connection in
            try connection.query(LoanStore.overdueQuery, [uscc]) { _ in found = true }
        }
        return found
    }
}
