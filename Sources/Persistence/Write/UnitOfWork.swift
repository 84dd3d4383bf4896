import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit
import Synchronization

/// The one way to write. A unit of work is one transaction that
/// 1. takes the write lock first where the backend needs it (SQLite: a transaction that reads before it
///    writes cannot upgrade once another writer has committed, so the lock is taken before any read);
/// 2. collects the transparency-log entries of what it records and the generations of the data it changes;
/// 3. queues those entries and bumps those generations at its end, in the same transaction — so an event and
///    its log entry, and a change and the signal that retires cached reads of it, commit or vanish together.
///
/// Stores' mutating methods take a unit (`in unit: UnitOfWork`) or open one (`database.write { … }`); a use
/// case with several steps (a repayment and the settlement it causes) runs them in one unit.
public final class UnitOfWork: Sendable {
    /// The transaction's database: every statement of the unit runs on it.
    public let database: any Database
    private struct Pending { var entries: [LogEntry] = []; var bumps: Set<Generation> = [] }
    private let pending = Mutex(Pending())

    init(database: any Database) { self.database = database }

    /// The transaction's SQL view.
    public func sql() throws -> any SQLDatabase { try database.sql() }

    /// Records a transparency-log entry for what this unit writes (queued at the end, in order).
    public func log(_ entry: LogEntry) { pending.withLock { $0.entries.append(entry) } }

    public func log(contentsOf entries: [LogEntry]) { pending.withLock { $0.entries += entries } }

    /// Marks data of this generation as changed (bumped once, at the end: on PostgreSQL the counter's row stays
    /// locked until commit, so the later the better).
    public func bump(_ generation: Generation) { pending.withLock { _ = $0.bumps.insert(generation) } }

    /// Queues the entries recorded so far now rather than at the end, and sequences them (with any queued
    /// before) into the log's tree in this transaction: a group commit's entries are in the tree when it commits.
    public func sequenceLogNow() async throws {
        let entries = pending.withLock { p in defer { p.entries = [] }; return p.entries }
        try await TransparencyLog.append(contentsOf: entries, on: database)
        _ = try await LogSequencer.sequence(on: database, limit: .max)
    }

    /// Reserves `count` new ids of `table` in this unit, so that many rows can be inserted in one statement with
    /// their ids known (PostgreSQL draws them from the identity sequence; SQLite
    /// takes the write lock, then continues after the largest id the table has ever had).
    public func reserveIDs(_ table: String, count: Int) async throws -> [Int64] {
        try await sql().reserveIDs(table, count: count)
    }

    func lock() async throws {
        guard case .sqlite = DatabaseKind(try database.sql()) else { return }
        // A write that changes nothing still takes SQLite's write lock for the rest of the transaction.
        try await database.sql().raw("UPDATE generations SET value = value WHERE name = ''").run()
    }

    func finish() async throws {
        let (entries, bumps) = pending.withLock { ($0.entries, $0.bumps) }
        try await TransparencyLog.append(contentsOf: entries, on: database)
        for generation in Generation.allCases where bumps.contains(generation) {
            try await Generations.bump(generation, on: database)
        }
    }
}

extension Database {
    /// Runs `body` as one unit of work (see `UnitOfWork`) and returns its result once committed.
    public func write<T: Sendable>(_ body: @escaping @Sendable (UnitOfWork) async throws -> T) async throws -> T {
        try await transaction { tx in
            let unit = UnitOfWork(database: tx)
            try await unit.lock()
            let result = try await body(unit)
            try await unit.finish()
            return result
        }
    }
}

private extension SQLDatabase {
    /// Reserves `count` new ids of `table` inside the current transaction, so that many rows can be inserted
    /// in one statement with their ids known (a multi-row `RETURNING` does not say which id is whose row).
    /// PostgreSQL draws them from the identity sequence; SQLite takes the write lock first (a write that
    /// changes nothing), then continues after the largest id the table has ever had.
    func reserveIDs(_ table: String, count: Int) async throws -> [Int64] {
        guard count > 0 else { return [] }
        switch DatabaseKind(self) {
        case .postgres:
            return try await raw("""
                SELECT nextval(pg_get_serial_sequence(\(bind: table), 'id')) AS id FROM generate_series(1, \(bind: count))
                """).all(decoding: ReservedID.self).map(\.id)
        case .sqlite:
            try await raw("UPDATE \(ident: table) SET id = id WHERE id < 0").run()
            let last = try await raw("""
                SELECT MAX(COALESCE((SELECT MAX(id) FROM \(ident: table)), 0),
                  COALESCE((SELECT seq FROM sqlite_sequence WHERE name = \(bind: table)), 0)) AS id
                """).first(decoding: ReservedID.self)?.id ?? 0
            return (1...Int64(count)).map { last + $0 }
        }
    }
}

private struct ReservedID: Decodable { let id: Int64 }
