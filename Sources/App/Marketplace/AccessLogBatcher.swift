import Domain
import Fluent
import Persistence
import Vapor

/// Group commit for the access log: every read of a firm's data is written durably before the data is
/// served, but reads arriving while a commit is in flight share the next one, so a busy bank's reports
/// do not queue one disk flush each.
actor AccessLogBatcher {
    private let database: any Database
    private var pending: [(AuthorisationStore.Access, CheckedContinuation<Int64, any Error>)] = []
    private var flushing = false

    init(database: any Database) { self.database = database }

    /// Records the access and returns its id once it is committed.
    func record(_ access: AuthorisationStore.Access) async throws -> Int64 {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((access, continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                let ids = try await AuthorisationStore(database: database).log(batch.map(\.0))
                for (item, id) in zip(batch, ids) { item.1.resume(returning: id) }
            } catch {
                for item in batch { item.1.resume(throwing: error) }
            }
        }
        flushing = false
    }
}

extension Application {
    struct AccessLogBatcherKey: StorageKey { typealias Value = AccessLogBatcher }

    /// The application's access-log writer, made once by `configure`.
    var accessLog: AccessLogBatcher {
        guard let batcher = storage[AccessLogBatcherKey.self] else {
            preconditionFailure("configure(_:config:) must run before the access log is used")
        }
        return batcher
    }
}
