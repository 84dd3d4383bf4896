import Domain
import Foundation

/// How sign-in slows down guessing. Failures are counted per client address (`ClientAddress`): the first
/// `freeFailures` cost nothing; from then on each failure makes the address wait 1 s, 2 s, 4 s … (2^(n−5) s
/// after the n-th with the defaults) up to `maxWait`. An address's count is forgotten once it has gone
/// `window` without a failure or a wait. Above that, each account has a much higher ceiling (`account`,
/// see `LoginThrottle` for why it is kept).
public struct SignInPolicy: Sendable, Equatable {
    public var freeFailures: Int
    public var window: TimeInterval
    public var maxWait: TimeInterval
    /// How many addresses are remembered at most; when full, forgotten ones go first, then the oldest.
    public var trackedAddresses: Int
    public var account: LoginThrottle

    public init(freeFailures: Int = 5, window: TimeInterval = 15 * 60, maxWait: TimeInterval = 15 * 60,
                trackedAddresses: Int = 10_000, account: LoginThrottle = LoginThrottle()) {
        self.freeFailures = freeFailures; self.window = window; self.maxWait = maxWait
        self.trackedAddresses = trackedAddresses; self.account = account
    }

    /// How long an address waits after its `failures`-th failure; nil while the failures are free.
    public func wait(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= freeFailures else { return nil }
        let doublings = failures - freeFailures
        return doublings >= 40 ? maxWait : min(maxWait, Double(UInt64(1) << UInt64(doublings)))
    }
}
