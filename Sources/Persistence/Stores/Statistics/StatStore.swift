import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// The statistics' stored state: the monthly cells, each counted entity's events, the refresh watermark, month
/// closes and re-openings. Cells are keyed by month and the canonical JSON of their dimensions.
public struct StatStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func key(_ dims: StatDims) throws -> String { String(decoding: try encoder().encode(dims), as: UTF8.self) }

    // MARK: Cells

    /// Every stored cell, as the aggregate they make.
    public func aggregate() async throws -> StatAggregate {
        struct Row: Decodable { let month: String; let dims: String; let measures: String }
        let decoder = JSONDecoder()
        var cells: [StatMonth: [StatDims: StatMeasures]] = [:]
        for row in try await database.sql().raw("SELECT month, dims, measures FROM stat_cells").all(decoding: Row.self) {
            guard let month = StatMonth(text: row.month) else { continue }
            cells[month, default: [:]][try decoder.decode(StatDims.self, from: Data(row.dims.utf8))] =
                try decoder.decode(StatMeasures.self, from: Data(row.measures.utf8))
        }
        return StatAggregate(cells: cells)
    }

    /// The version every write of cells takes (one more than the last, under the write lock) and the version of the last
    /// rebuild: a process keeping the cells in memory reads only the cells of a newer version, and everything after a
    /// rebuild.
    public struct Versions: Sendable, Equatable {
        public var cells: Int64
        public var base: Int64
    }

    public func versions() async throws -> Versions {
        struct Row: Decodable { let key: String; let value: String }
        let rows = try await database.sql().raw("SELECT key, value FROM stat_state WHERE key IN ('cells_version', 'cells_base')")
            .all(decoding: Row.self)
        let values = Dictionary(rows.map { ($0.key, Int64($0.value) ?? 0) }, uniquingKeysWith: max)
        return Versions(cells: values["cells_version"] ?? 0, base: values["cells_base"] ?? 0)
    }

    static func nextVersion(in unit: UnitOfWork) async throws -> Int64 {
        struct Row: Decodable { let value: String }
        let current = try await unit.sql().raw("SELECT value FROM stat_state WHERE key = 'cells_version'").first(decoding: Row.self)
            .flatMap { Int64($0.value) } ?? 0
        try await setState("cells_version", String(current + 1), in: unit)
        return current + 1
    }

    /// The cells written after `version` (a cell that came to nothing is kept, as zero, so the change is seen).
    public func cells(after version: Int64) async throws -> [(month: StatMonth, dims: StatDims, measures: StatMeasures)] {
        struct Row: Decodable { let month: String; let dims: String; let measures: String }
        let decoder = JSONDecoder()
        return try await database.sql().raw("SELECT month, dims, measures FROM stat_cells WHERE version > \(bind: version)")
            .all(decoding: Row.self).compactMap { row in
                guard let month = StatMonth(text: row.month) else { return nil }
                return (month, try decoder.decode(StatDims.self, from: Data(row.dims.utf8)),
                        try decoder.decode(StatMeasures.self, from: Data(row.measures.utf8)))
            }
    }

    /// Adds `delta` to the stored cells and stores the entities' new events, inside the caller's unit of work.
    public static func apply(_ delta: StatAggregate, entities: [String: [StatEvent]], in unit: UnitOfWork) async throws {
        let sql = try unit.sql()
        let version = try await nextVersion(in: unit)
        let encoder = encoder(), decoder = JSONDecoder()
        struct Row: Decodable { let measures: String }
        for (month, row) in delta.cells {
            for (dims, change) in row {
                let key = try key(dims)
                var cell = StatMeasures()
                if let stored = try await sql.raw("""
                    SELECT measures FROM stat_cells WHERE month = \(bind: month.description) AND dims = \(bind: key)
                    """).first(decoding: Row.self) {
                    cell = try decoder.decode(StatMeasures.self, from: Data(stored.measures.utf8))
                }
                cell.merge(change)
                let text = String(decoding: try encoder.encode(cell), as: UTF8.self)
                try await sql.raw("""
                    INSERT INTO stat_cells (month, dims, measures, version)
                    VALUES (\(bind: month.description), \(bind: key), \(bind: text), \(bind: version))
                    ON CONFLICT (month, dims) DO UPDATE SET measures = excluded.measures, version = excluded.version
                    """).run()
            }
        }
        try await saveEntities(entities, sql: sql)
    }

    /// Replaces every cell and entity (the rebuild).
    public static func replace(with aggregate: StatAggregate, entities: [String: [StatEvent]], in unit: UnitOfWork) async throws {
        let sql = try unit.sql()
        try await sql.raw("DELETE FROM stat_cells").run()
        try await sql.raw("DELETE FROM stat_entities").run()
        let version = try await nextVersion(in: unit)
        try await setState("cells_base", String(version), in: unit)
        let encoder = encoder()
        var rows: [(String, String, String)] = []
        for (month, row) in aggregate.cells {
            for (dims, measures) in row where !measures.isZero {
                rows.append((month.description, try key(dims), String(decoding: try encoder.encode(measures), as: UTF8.self)))
            }
        }
        for start in stride(from: 0, to: rows.count, by: 300) {
            var insert = sql.insert(into: "stat_cells").columns("month", "dims", "measures", "version")
            for r in rows[start..<min(start + 300, rows.count)] { insert = insert.values(r.0, r.1, r.2, version) }
            try await insert.run()
        }
        try await saveEntities(entities, sql: sql)
    }

    private static func saveEntities(_ entities: [String: [StatEvent]], sql: any SQLDatabase) async throws {
        let encoder = encoder()
        let keys = entities.keys.sorted()
        for start in stride(from: 0, to: keys.count, by: 300) {
            var insert = sql.insert(into: "stat_entities").columns("entity", "events")
            for key in keys[start..<min(start + 300, keys.count)] {
                insert = insert.values(key, String(decoding: try encoder.encode(entities[key] ?? []), as: UTF8.self))
            }
            try await insert.onConflict(with: ["entity"]) { $0.set(excludedValueOf: "events") }.run()
        }
    }

    /// The events each entity was last counted with (missing: never counted).
    public func events(of keys: [String]) async throws -> [String: [StatEvent]] {
        struct Row: Decodable { let entity: String; let events: String }
        let decoder = JSONDecoder()
        var result: [String: [StatEvent]] = [:]
        let sql = try database.sql()
        for start in stride(from: 0, to: keys.count, by: 500) {
            let part = Array(keys[start..<min(start + 500, keys.count)])
            for row in try await sql.select().columns("entity", "events").from("stat_entities").where("entity", .in, part)
                .all(decoding: Row.self) {
                result[row.entity] = try decoder.decode([StatEvent].self, from: Data(row.events.utf8))
            }
        }
        return result
    }

    // MARK: Watermark

    public func state(_ key: String) async throws -> String? {
        struct Row: Decodable { let value: String }
        return try await database.sql().raw("SELECT value FROM stat_state WHERE key = \(bind: key)").first(decoding: Row.self)?.value
    }

    public static func setState(_ key: String, _ value: String, in unit: UnitOfWork) async throws {
        try await unit.sql().raw("""
            INSERT INTO stat_state (key, value) VALUES (\(bind: key), \(bind: value))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """).run()
    }

    // MARK: Closes

    /// A close or re-opening of a month, as stored.
    public struct CloseEntry: Sendable, Equatable {
        public var id: Int64
        public var month: StatMonth
        public var action: String
        public var digest: String
        public var actor: String
        public var day: Day
        public var reason: String
        public var snapshot: StatSnapshot?
    }

    public func closes() async throws -> [CloseEntry] {
        struct Row: Decodable { let id: Int64; let month: String; let action: String; let digest: String; let snapshot: String
            let actor: String; let day: String; let reason: String }
        let decoder = JSONDecoder()
        return try await database.sql().raw("SELECT id, month, action, digest, snapshot, actor, day, reason FROM stat_closes ORDER BY id")
            .all(decoding: Row.self).compactMap { row in
                guard let month = StatMonth(text: row.month), let day = Day(iso: row.day) else { return nil }
                let snapshot = row.snapshot.isEmpty ? nil : try decoder.decode(StatSnapshot.self, from: Data(row.snapshot.utf8))
                return CloseEntry(id: row.id, month: month, action: row.action, digest: row.digest, actor: row.actor, day: day,
                                  reason: row.reason, snapshot: snapshot)
            }
    }

    /// Records a close (with its snapshot) or a re-opening, with its log entry, provided the month is in the state
    /// the book expects: the book is rebuilt from the stored entries inside the unit of work (which holds the write
    /// lock), so two closes of one month at once leave one.
    public func record(month: StatMonth, close snapshot: StatSnapshot?, reason: String, actor: String, on day: Day,
                       at time: Date) async throws -> StatCloseBook {
        try await database.write { unit in
            let sql = try unit.sql()
            var book = try await StatStore(database: unit.database).book()
            let action: String, digest: String, text: String
            if let snapshot {
                try book.close(snapshot, by: actor, on: day)
                action = "close"; digest = snapshot.digest
                text = String(decoding: try Self.encoder().encode(snapshot), as: UTF8.self)
            } else {
                let closedDigest = book.closed[month] ?? ""
                try book.reopen(month, reason: reason, by: actor, on: day)
                action = "reopen"; digest = closedDigest; text = ""
            }
            try await sql.raw("""
                INSERT INTO stat_closes (month, action, digest, snapshot, actor, day, reason, created_at)
                VALUES (\(bind: month.description), \(bind: action), \(bind: digest), \(bind: text), \(bind: actor),
                  \(bind: day.description), \(bind: reason), \(bind: epochMillis(time)))
                """).run()
            unit.log(try LogEvents.statistics(period: month.description, step: action, digest: digest, actor: actor, at: time,
                                              extra: reason.isEmpty ? [:] : ["reasonDigest": LogEvents.digest(reason)]))
            return book
        }
    }

    /// The close book as the stored entries make it.
    public func book() async throws -> StatCloseBook {
        var book = StatCloseBook()
        for entry in try await closes() {
            if entry.action == "close", let snapshot = entry.snapshot {
                try book.close(snapshot, by: entry.actor, on: entry.day)
            } else if entry.action == "reopen" {
                try book.reopen(entry.month, reason: entry.reason, by: entry.actor, on: entry.day)
            }
        }
        return book
    }
}
