import Foundation
import Persistence
import Synchronization
import Vapor

/// How far the server has got with each web upload, so the upload page can show rows checked and the phase until the
/// very end instead of an indeterminate bar. Kept per process in memory (an upload is read by the process that
/// receives it; a poll that reaches another process gets 404 and the page falls back to its indeterminate bar), keyed
/// by a random key the page sends with the form, visible only to the user who uploads; entries expire after 10 minutes.
final class UploadProgressBoard: Sendable {
    struct Entry: Sendable, Content {
        var phase: String
        var rows: Int
        var bytes: Int64
        var done: Bool
        var owner: String
        var updated: Date
    }

    static let lifetime: TimeInterval = 600
    private let entries = Mutex<[String: Entry]>([:])

    /// A key the page made: 16–64 letters, digits, `-` or `_`.
    static func validKey(_ key: String?) -> String? {
        guard let key, (16...64).contains(key.count),
              key.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") })
        else { return nil }
        return key
    }

    func start(_ key: String, owner: String) {
        let now = Date()
        entries.withLock { entries in
            entries = entries.filter { now.timeIntervalSince($0.value.updated) < Self.lifetime }
            entries[key] = Entry(phase: "正在接收并校验", rows: 0, bytes: 0, done: false, owner: owner, updated: now)
        }
    }

    func update(_ key: String, _ progress: IngestProgress) {
        entries.withLock { entries in
            entries[key]?.rows = progress.rows
            entries[key]?.bytes = progress.bytesRead
            entries[key]?.updated = Date()
        }
    }

    func phase(_ key: String, _ phase: String, done: Bool = false) {
        entries.withLock { entries in
            entries[key]?.phase = phase
            entries[key]?.done = done
            entries[key]?.updated = Date()
        }
    }

    func entry(_ key: String, owner: String) -> Entry? {
        entries.withLock { entries in entries[key].flatMap { $0.owner == owner ? $0 : nil } }
    }
}

extension Application {
    struct UploadProgressKey: StorageKey { typealias Value = UploadProgressBoard }

    var uploadProgress: UploadProgressBoard {
        if let board = storage[UploadProgressKey.self] { return board }
        let board = UploadProgressBoard()
        storage[UploadProgressKey.self] = board
        return board
    }
}
