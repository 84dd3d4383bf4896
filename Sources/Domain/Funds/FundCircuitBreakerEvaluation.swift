/// An institution's covered book, for its stop lines.
public struct FundInstitutionBook: Sendable, Equatable, Codable {
    /// Principal registered (入库) this year, and the principal losses recognised this year.
    public var registeredThisYear: Cents
    public var lossesThisYear: Cents
    /// Covered principal outstanding and the overdue part of it.
    public var outstanding: Cents
    public var overdue: Cents
    /// Principal ever registered, and compensation ever received.
    public var registeredTotal: Cents
    public var compensationTotal: Cents

    public init(registeredThisYear: Cents = .zero, lossesThisYear: Cents = .zero, outstanding: Cents = .zero,
                overdue: Cents = .zero, registeredTotal: Cents = .zero, compensationTotal: Cents = .zero) {
        self.registeredThisYear = registeredThisYear; self.lossesThisYear = lossesThisYear; self.outstanding = outstanding
        self.overdue = overdue; self.registeredTotal = registeredTotal; self.compensationTotal = compensationTotal
    }

    func ratio(_ metric: FundCircuitBreaker.Metric) -> (Cents, Cents) {
        switch metric {
        case .yearlyLossRatio: (lossesThisYear, registeredThisYear)
        case .overdueRatio: (overdue, outstanding)
        case .compensationRatio: (compensationTotal, registeredTotal)
        }
    }
}

/// Whether an institution's registrations and claims are paused.
public struct FundPauseState: Sendable, Equatable, Codable {
    public var registrationsPaused: Bool
    public var claimsPaused: Bool
    public init(registrationsPaused: Bool = false, claimsPaused: Bool = false) {
        self.registrationsPaused = registrationsPaused; self.claimsPaused = claimsPaused
    }

    func paused(_ scope: FundCircuitBreaker.Scope) -> Bool { scope == .registrations ? registrationsPaused : claimsPaused }
    mutating func set(_ scope: FundCircuitBreaker.Scope, _ value: Bool) {
        if scope == .registrations { registrationsPaused = value } else { claimsPaused = value }
    }
}

public struct FundBreakerEvaluation: Sendable, Equatable {
    public var state: FundPauseState
    public var changed: Bool { state != previous }
    public var previous: FundPauseState
    /// Each line a breaker's ratio against its lines and what follows.
    public var lines: [String]
}

public enum FundCircuitBreakers {
    /// The pause state after looking at `book`: a scope pauses when any of its breakers' ratios is above its pause
    /// line; a paused scope resumes only when every one of its breakers' ratios is below its resume line.
    public static func evaluate(_ breakers: [FundCircuitBreaker], book: FundInstitutionBook,
                                current: FundPauseState) -> FundBreakerEvaluation {
        var state = current, lines: [String] = []
        let pct = FundArithmetic.percentText
        for scope in FundCircuitBreaker.Scope.allCases {
            let mine = breakers.filter { $0.pauses.contains(scope) }
            guard !mine.isEmpty else { continue }
            var above = false, allBelow = true
            for b in mine {
                let (n, d) = book.ratio(b.metric)
                let value = FundArithmetic.ratioBasisPoints(n, of: d)
                let isAbove = FundArithmetic.ratio(n, of: d, isAbove: b.pauseAboveBasisPoints)
                let isBelow = FundArithmetic.ratio(n, of: d, isBelow: b.resumeBelowBasisPoints)
                above = above || isAbove
                allBelow = allBelow && isBelow
                lines.append("\(b.metric.label)\(pct(value))（\(n.yuanText) / \(d.yuanText)），暂停线\(pct(b.pauseAboveBasisPoints))，恢复线\(pct(b.resumeBelowBasisPoints))")
            }
            if above, !current.paused(scope) {
                state.set(scope, true); lines.append("超过暂停线：\(scope.label)暂停")
            } else if current.paused(scope), !above, allBelow {
                state.set(scope, false); lines.append("低于恢复线：\(scope.label)恢复")
            } else if current.paused(scope) {
                lines.append("\(scope.label)仍暂停")
            }
        }
        return FundBreakerEvaluation(state: state, previous: current, lines: lines)
    }
}
