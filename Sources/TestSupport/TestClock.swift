import Domain
import Foundation
import Services
import Synchronization

/// A clock the test moves: by whole days (deadlines, dates) or by seconds (waits after failed sign-ins).
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// Noon of `day` (YYYY-MM-DD) in the platform's time zone.
    public init(_ day: String) { current = Mutex(TestClock.noon(day)) }

    /// Stopped at `date` until moved.
    public init(at date: Date) { current = Mutex(date) }

    public var clock: Clock { Clock { [self] in current.withLock { $0 } } }

    public func set(_ day: String) { current.withLock { $0 = TestClock.noon(day) } }

    public func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// Noon in the platform's time zone on `day` (YYYY-MM-DD).
    public static func noon(_ day: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.timeZone
        let d = Day(iso: day)!
        return calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day, hour: 12))!
    }
}
