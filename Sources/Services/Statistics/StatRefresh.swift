import Domain
import FluentKit
import Foundation
import Persistence

/// Keeps the statistics' monthly cells up to date. Each counted entity (a firm, an application, a loan …) is read from
/// the platform's tables by `StatFactsReader` and turned into its change events; the cells hold the sum of every
/// entity's events. A refresh re-reads only the entities whose rows changed since the last one (and, daily, every
/// open loan and every firm, which change with time alone), takes each one's old events out of the cells and puts its
/// new ones in. A rebuild counts everything afresh; `verify` rebuilds in memory and compares, which is how the
/// incremental path is shown to equal a full recomputation.
public struct StatRefresh: Sendable {
    let database: any Database
    let platform: Platform

    public init(database: any Database, platform: Platform) { self.database = database; self.platform = platform }

    /// Rows changed within this margin before the last refresh are read again (a transaction that committed after
    /// the refresh read, with an earlier time stamp, is still caught; re-counting an unchanged entity changes nothing).
    static let margin: Int64 = 3_600_000
    static let watermarkKey = "refreshed_at"
    static let dailyKey = "daily_on"

    public struct Summary: Sendable, Equatable {
        public var entitiesRead: Int
        public var entitiesChanged: Int
        public var cellsTouched: Int
        public var rebuilt: Bool
    }

    var today: Day { Day(platform.clock.now()) }
    var reader: StatFactsReader {
        StatFactsReader(database: database, thresholds: platform.policy.classification, today: today)
    }

    /// The events an entity's facts amount to. Facts of other entities carry their firm only to know where it was
    /// (its district that day); the firm's own events belong to the firm's entity.
    static func events(of key: String, _ facts: StatFacts) -> [StatEvent] {
        let events = StatEventReplay.events(from: facts)
        guard !key.hasPrefix("firm:") else { return events }
        return events.filter {
            switch $0.change {
            case .firmRegistered, .firmMoved, .standingChanged: false
            default: true
            }
        }
    }

    /// Counts what changed since the last refresh; the first refresh rebuilds.
    public func refresh() async throws -> Summary {
        let store = StatStore(database: database)
        guard let last = try await store.state(Self.watermarkKey).flatMap(Int64.init) else { return try await rebuild() }
        let started = epochMillis(platform.clock.now())
        let daily = try await store.state(Self.dailyKey) != today.description
        let facts = try await reader.read(.changedSince(last - Self.margin, daily: daily))
        let fresh = facts.reduce(into: [String: [StatEvent]]()) { $0[$1.key] = Self.events(of: $1.key, $1.value) }
        let today = self.today
        return try await database.write { unit in
            // Old events are read under the write lock, so two refreshes at once cannot both take the same events out.
            let old = try await StatStore(database: unit.database).events(of: Array(fresh.keys))
            var delta = StatAggregate()
            var changed: [String: [StatEvent]] = [:]
            for (key, events) in fresh where old[key] != events {
                for event in old[key] ?? [] { delta.apply(event, sign: -1) }
                for event in events { delta.apply(event) }
                changed[key] = events
            }
            try await StatStore.apply(delta, entities: changed, in: unit)
            try await StatStore.setState(Self.watermarkKey, String(started), in: unit)
            if daily { try await StatStore.setState(Self.dailyKey, today.description, in: unit) }
            return Summary(entitiesRead: fresh.count, entitiesChanged: changed.count,
                           cellsTouched: delta.cells.values.reduce(0) { $0 + $1.count }, rebuilt: false)
        }
    }

    /// Counts everything afresh and replaces the cells.
    public func rebuild() async throws -> Summary {
        let started = epochMillis(platform.clock.now())
        let (aggregate, entities) = try await recount()
        let today = self.today
        return try await database.write { unit in
            try await StatStore.replace(with: aggregate, entities: entities, in: unit)
            try await StatStore.setState(Self.watermarkKey, String(started), in: unit)
            try await StatStore.setState(Self.dailyKey, today.description, in: unit)
            return Summary(entitiesRead: entities.count, entitiesChanged: entities.count,
                           cellsTouched: aggregate.cells.values.reduce(0) { $0 + $1.count }, rebuilt: true)
        }
    }

    /// Everything counted afresh, in memory.
    func recount() async throws -> (StatAggregate, [String: [StatEvent]]) {
        let facts = try await reader.read(.all)
        var entities: [String: [StatEvent]] = [:]
        var all: [StatEvent] = []
        for (key, f) in facts {
            let events = Self.events(of: key, f)
            entities[key] = events
            all += events
        }
        // Every event only adds to its cell, so the order they are applied in does not matter.
        var aggregate = StatAggregate()
        for event in all { aggregate.apply(event) }
        return (aggregate, entities)
    }

    /// The cells where the stored statistics differ from a full recomputation now (none when the incremental path
    /// kept up), as month and dimensions with the counters that differ.
    public func verify() async throws -> [String] {
        let stored = try await StatStore(database: database).aggregate()
        let (recounted, _) = try await recount()
        var differences: [String] = []
        let a = stored.nonZeroCells, b = recounted.nonZeroCells
        for month in Set(a.keys).union(b.keys).sorted() {
            let rowA = a[month] ?? [:], rowB = b[month] ?? [:]
            for dims in Set(rowA.keys).union(rowB.keys) where rowA[dims] != rowB[dims] {
                let stored = rowA[dims]?.nonZero ?? [:], fresh = rowB[dims]?.nonZero ?? [:]
                differences.append("\(month) \((try? StatStore.key(dims)) ?? "?")：已存 \(stored) ≠ 重算 \(fresh)")
            }
        }
        return differences
    }
}
