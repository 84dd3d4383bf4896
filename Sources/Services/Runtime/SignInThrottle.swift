import Foundation

/// Failed sign-ins per client address, kept in this process's memory (a restart forgets them; several
/// processes each count their own). Bounded: at most `SignInPolicy.trackedAddresses` addresses, and an
/// address is forgotten once it has gone `SignInPolicy.window` without a failure or a wait.
///
/// An attempt is charged as a failure when it is admitted, before its password is checked, so that a burst
/// of parallel attempts cannot all slip in before the first one is counted; an attempt that proves its
/// password is refunded.
public actor SignInThrottle {
    struct Entry {
        var failures: Int
        var lastFailure: Date
        var blockedUntil: Date?

        func forgotten(at now: Date, window: TimeInterval) -> Bool {
            max(lastFailure, blockedUntil ?? lastFailure).addingTimeInterval(window) <= now
        }
    }

    /// An admitted attempt, to refund if its password was right.
    public struct Ticket: Sendable, Equatable {
        let address: ClientAddress
        /// The wait this attempt started, if it started one, and the one it replaced.
        let startedWait: Date?
        let previousWait: Date?
    }

    public enum Admission: Sendable, Equatable {
        case admitted(Ticket)
        /// The address must wait this many seconds (rounded up) before trying again.
        case wait(seconds: Int)
    }

    private var entries: [ClientAddress: Entry] = [:]

    public init() {}

    /// Admits an attempt from `address` and charges it as a failure, unless the address must still wait.
    public func admit(_ address: ClientAddress, now: Date, policy: SignInPolicy) -> Admission {
        var entry = entries[address].flatMap { $0.forgotten(at: now, window: policy.window) ? nil : $0 }
            ?? Entry(failures: 0, lastFailure: now, blockedUntil: nil)
        if let until = entry.blockedUntil, until > now {
            return .wait(seconds: max(1, Int((until.timeIntervalSince(now)).rounded(.up))))
        }
        entry.failures += 1
        entry.lastFailure = now
        let previous = entry.blockedUntil
        var started: Date?
        if let wait = policy.wait(afterFailures: entry.failures) {
            started = now.addingTimeInterval(wait)
            entry.blockedUntil = started
        }
        if entries[address] == nil { makeRoom(now: now, policy: policy) }
        entries[address] = entry
        return .admitted(Ticket(address: address, startedWait: started, previousWait: previous))
    }

    /// Takes back the charge of an attempt whose password was right (and the wait it started, unless a later
    /// failure has replaced it).
    public func refund(_ ticket: Ticket) {
        guard var entry = entries[ticket.address] else { return }
        entry.failures = max(0, entry.failures - 1)
        if let started = ticket.startedWait, entry.blockedUntil == started { entry.blockedUntil = ticket.previousWait }
        entries[ticket.address] = entry.failures == 0 && entry.blockedUntil == nil ? nil : entry
    }

    /// How many addresses are remembered now.
    public var trackedCount: Int { entries.count }

    /// Frees a place for a new address: the forgotten ones go first, then the one forgotten soonest.
    private func makeRoom(now: Date, policy: SignInPolicy) {
        guard entries.count >= max(1, policy.trackedAddresses) else { return }
        entries = entries.filter { !$0.value.forgotten(at: now, window: policy.window) }
        guard entries.count >= max(1, policy.trackedAddresses) else { return }
        if let oldest = entries.min(by: { max($0.value.lastFailure, $0.value.blockedUntil ?? .distantPast)
                                          < max($1.value.lastFailure, $1.value.blockedUntil ?? .distantPast) }) {
            entries[oldest.key] = nil
        }
    }
}
