import Domain
import FluentKit
import Persistence

/// Group commit: items submitted while a commit is in flight share the next one, so many concurrent writers
/// pay for one durable transaction instead of one each (and SQLite's single writer is not fought over).
/// Each caller gets its own result once the commit that holds its item is durable. If a shared commit
/// fails, its items are committed one by one, so one bad item cannot fail the others.
public actor GroupCommit<Item: Sendable, Output: Sendable> {
    public typealias Commit = @Sendable ([Item]) async throws -> [Output]
    private let commit: Commit
    private let maxBatch: Int
    private var pending: [(Item, CheckedContinuation<Output, any Error>)] = []
    private var flushing = false

    /// `commit` writes the items in one transaction and returns one output per item, in order.
    public init(maxBatch: Int = 256, commit: @escaping Commit) {
        self.commit = commit
        self.maxBatch = maxBatch
    }

    /// Commits the item (together with whatever else is waiting) and returns its output.
    public func submit(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((item, continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            do {
                let outputs = try await commit(batch.map(\.0))
                for (waiting, output) in zip(batch, outputs) { waiting.1.resume(returning: output) }
            } catch where batch.count > 1 {
                for waiting in batch {
                    do { waiting.1.resume(returning: try await commit([waiting.0])[0]) } catch { waiting.1.resume(throwing: error) }
                }
            } catch {
                batch[0].1.resume(throwing: error)
            }
        }
        flushing = false
    }
}

/// The application's group committers, made once by `configure`.
public struct Committers: Sendable {
    /// Every read of a firm's data is written durably before the data is served.
    public let accessLog: GroupCommit<AuthorisationStore.Access, Int64>
    /// New applications, with the automatic decision where the product's rules made one.
    public let applications: GroupCommit<ApplicationStore.Submission, ApplicationStore.Submitted>

    init(database: any Database, gate: WriteGate) {
        accessLog = GroupCommit { accesses in
            try await gate.run { try await AuthorisationStore(database: database).log(accesses, sequencing: true) }
        }
        applications = GroupCommit { submissions in
            try await gate.run { try await ApplicationStore(database: database).submit(submissions, sequencing: true) }
        }
    }
}
