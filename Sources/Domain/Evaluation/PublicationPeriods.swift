import Foundation

/// How long an administrative penalty counts: the regime in force on its decision date gives the
/// maximum publication period of its severity; after that it is no longer counted.
public struct PublicationPeriods: Sendable {
    let regimes: [(start: Day, regime: PenaltyRegime)]

    public init(_ regimes: [PenaltyRegime]) {
        self.regimes = regimes.compactMap { r in EvaluationDates.day(r.from).map { ($0, r) } }
            .sorted { $0.start < $1.start }
    }

    /// The regime in force on `decided`: the latest one starting on or before it.
    public func regime(on decided: Day) -> PenaltyRegime? {
        regimes.last { $0.start <= decided }?.regime
    }

    /// The last day a penalty of `severity` decided on `decided` still counts, or nil when it never counts
    /// (severity not published, unknown severity or no regime).
    public func lastCountedDay(severity: String, decided: Day) -> Day? {
        guard let months = regime(on: decided)?.months[severity], months > 0 else { return nil }
        return EvaluationDates.adding(months: months, to: decided).adding(days: -1)
    }

    /// Whether the penalty still counts on `asOf`.
    public func counts(severity: String, decided: Day, asOf: Day) -> Bool {
        guard decided <= asOf, let last = lastCountedDay(severity: severity, decided: decided) else { return false }
        return asOf <= last
    }

    /// The first day a penalty of `severity` decided on `decided` may be repaired: its minimum publication
    /// period under the regime in force on the decision date is then served. Nil when that regime does not
    /// publish it at all (nothing to repair) or there is no regime.
    public func earliestRepairDay(severity: String, decided: Day) -> Day? {
        guard let regime = regime(on: decided), let months = regime.months[severity], months > 0 else { return nil }
        return EvaluationDates.adding(months: regime.minMonths?[severity] ?? 0, to: decided)
    }
}
