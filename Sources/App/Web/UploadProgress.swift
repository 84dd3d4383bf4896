import FluentKit
import Foundation
import Persistence
import Synchronization
import Vapor

/// How far the server has got with each web upload, so the upload page can show rows checked and the phase until the
/// very end instead of an indeterminate bar. Keyed by a random key the page sends with the form, visible only to the
/// user who uploads. On PostgreSQL, where several `xyd serve` processes share the database and the page's poll may
/// reach any of them, the figures are kept in the database; SQLite is one process by construction (and its single
/// writer is busy with the batch), so there they stay in memory.
protocol UploadProgressBoard: Sendable {
    func start(_ key: String, owner: String, on database: any Database) async
    /// What the ingest calls, synchronously and often, with its latest figures.
    func reporter(_ key: String, on database: any Database) -> @Sendable (IngestProgress) -> Void
    func finish(_ key: String, phase: String, on database: any Database) async
    func entry(_ key: String, owner: String, on database: any Database) async -> UploadProgressStore.Entry?
}

enum UploadProgress {
    static let receiving = "正在接收并校验"

    /// A key the page made: 16–64 letters, digits, `-` or `_`.
    static func validKey(_ key: String?) -> String? {
        guard let key, (16...64).contains(key.count),
              key.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") })
        else { return nil }
        return key
    }

    static func board(usesPostgres: Bool) -> any UploadProgressBoard {
        usesPostgres ? DatabaseUploadProgress() : MemoryUploadProgress()
    }
}

/// The figures in this process's memory; entries expire after `UploadProgressStore.lifetime`.
final class MemoryUploadProgress: UploadProgressBoard {
    struct Entry {
        var value: UploadProgressStore.Entry
        var owner: String
        var updated: Date
    }

    private let entries = Mutex<[String: Entry]>([:])

    func start(_ key: String, owner: String, on database: any Database) async {
        let now = Date()
        entries.withLock { entries in
            entries = entries.filter { now.timeIntervalSince($0.value.updated) < UploadProgressStore.lifetime }
            entries[key] = Entry(value: .init(phase: UploadProgress.receiving, rows: 0, written: 0, bytes: 0, done: false),
                                 owner: owner, updated: now)
        }
    }

    func reporter(_ key: String, on database: any Database) -> @Sendable (IngestProgress) -> Void {
        { progress in
            self.entries.withLock { entries in
                guard entries[key]?.value.done == false else { return }
                entries[key]?.value.phase = progress.stage.label
                entries[key]?.value.rows = progress.rows
                entries[key]?.value.written = progress.written
                entries[key]?.value.bytes = progress.bytesRead
                entries[key]?.updated = Date()
            }
        }
    }

    func finish(_ key: String, phase: String, on database: any Database) async {
        entries.withLock { entries in
            entries[key]?.value.phase = phase
            entries[key]?.value.done = true
            entries[key]?.updated = Date()
        }
    }

    func entry(_ key: String, owner: String, on database: any Database) async -> UploadProgressStore.Entry? {
        entries.withLock { entries in entries[key].flatMap { $0.owner == owner ? $0.value : nil } }
    }
}

/// The figures in the database, written at most four times a second however often the ingest reports (the latest
/// figures win); the last figures are written with the final phase, after any write still on its way. A failed write
/// loses one update of a progress bar, never the upload: errors are ignored.
final class DatabaseUploadProgress: UploadProgressBoard {
    static let interval: Duration = .milliseconds(250)

    /// An upload's figures: the latest, whether they are written yet, and the write on its way.
    final class Pending: Sendable {
        struct State {
            var latest: IngestProgress?
            var written = true
            var write: Task<Void, Never>?
        }
        let state = Mutex(State())
    }

    private let uploads = Mutex<[String: Pending]>([:])

    func start(_ key: String, owner: String, on database: any Database) async {
        uploads.withLock { $0[key] = Pending() }
        try? await UploadProgressStore(database: database).start(key: key, owner: owner, phase: UploadProgress.receiving, at: Date())
    }

    func reporter(_ key: String, on database: any Database) -> @Sendable (IngestProgress) -> Void {
        let pending = uploads.withLock { $0[key] } ?? Pending()
        let store = UploadProgressStore(database: database)
        return { progress in
            pending.state.withLock { state in
                state.latest = progress
                state.written = false
                guard state.write == nil else { return }
                state.write = Task {
                    try? await Task.sleep(for: Self.interval)
                    let latest = pending.state.withLock { state -> IngestProgress? in
                        defer { state.written = true; state.write = nil }
                        return state.written ? nil : state.latest
                    }
                    if let latest { try? await Self.write(latest, key: key, to: store) }
                }
            }
        }
    }

    func finish(_ key: String, phase: String, on database: any Database) async {
        let store = UploadProgressStore(database: database)
        if let pending = uploads.withLock({ $0.removeValue(forKey: key) }) {
            await pending.state.withLock { $0.write }?.value
            if let last = pending.state.withLock({ $0.latest }) { try? await Self.write(last, key: key, to: store) }
        }
        try? await store.finish(key: key, phase: phase, at: Date())
    }

    static func write(_ progress: IngestProgress, key: String, to store: UploadProgressStore) async throws {
        try await store.update(key: key, phase: progress.stage.label, rows: progress.rows, written: progress.written,
                               bytes: progress.bytesRead, at: Date())
    }

    func entry(_ key: String, owner: String, on database: any Database) async -> UploadProgressStore.Entry? {
        try? await UploadProgressStore(database: database).entry(key: key, owner: owner)
    }
}

extension Application {
    struct UploadProgressKey: StorageKey { typealias Value = any UploadProgressBoard }

    /// Set once by `configure` (memory on SQLite, the database on PostgreSQL).
    var uploadProgress: any UploadProgressBoard {
        get {
            guard let board = storage[UploadProgressKey.self] else { preconditionFailure("configure(_:config:) must run first") }
            return board
        }
        set { storage[UploadProgressKey.self] = newValue }
    }
}
