import Domain
import Foundation

/// The time the services see. Production reads the system clock; tests fix it or move it, so that deadlines,
/// overdue days and "not later than today" checks can be tested on any date.
public struct Clock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    public static let system = Clock { Date() }

    /// Always the same instant.
    public static func fixed(_ date: Date) -> Clock { Clock { date } }

    public func now() -> Date { read() }

    /// Today's date in the platform's time zone.
    public var today: Day { Day(read()) }
}
