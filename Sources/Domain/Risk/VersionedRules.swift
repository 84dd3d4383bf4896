/// A version of a rule set that policy changes: its number and the first day it applies.
public protocol RuleVersion: Sendable {
    var version: Int { get }
    /// ISO `YYYY-MM-DD`.
    var effectiveFrom: String { get }
}

extension RuleVersion {
    public var effectiveDay: Day? { Day(iso: effectiveFrom) }
}

/// A rule set kept as versions with effective days (screening, warning, list and red-list rules): a decision made
/// on a day is made, and replayed, under the version in force that day.
public protocol VersionedRules: Sendable {
    associatedtype Version: RuleVersion
    /// Oldest first.
    var versions: [Version] { get }
}

extension VersionedRules {
    /// The version in force on `day`: the latest whose effective day is not after it; nil before the first.
    public func inForce(on day: Day) -> Version? {
        versions.filter { ($0.effectiveDay ?? day) <= day }.max { $0.version < $1.version }
    }
}
