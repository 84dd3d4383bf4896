import NIOConcurrencyHelpers

/// One writer at a time, in arrival order, for the busy writers of a SQLite database (the group commits and
/// the log sequencer). SQLite has one write lock, and a connection that finds it taken retries at once
/// (SQLiteNIO's busy handler), burning a core for as long as the holder keeps it; writers that queue here
/// wait without spinning. PostgreSQL locks rows, so there the gate lets everything through.
public final class WriteGate: Sendable {
    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = NIOLockedValueBox(State())
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard enabled else { return try await body() }
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLockedValue { state -> Bool in
                if !state.busy { state.busy = true; return true }
                state.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty { state.busy = false; return nil }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
