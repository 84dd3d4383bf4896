/// One change in a monitored firm's data that may signal risk: a stable code, the facts behind it, the day it
/// was detected (the day of the later snapshot) and a Chinese sentence for the bank and the operator.
public struct MonitoringSignal: Sendable, Equatable, Hashable, Codable {
    public var code: SignalCode
    public var detectedOn: Day
    public var facts: SignalFacts
    public var text: String

    public init(code: SignalCode, detectedOn: Day, facts: SignalFacts, text: String) {
        self.code = code; self.detectedOn = detectedOn; self.facts = facts; self.text = text
    }

    /// What the signal is about: two signals with the same key are the same matter seen again (the tax arrears
    /// grew once more, the same lender reported overdue again), and only the latest one counts in a score.
    public var key: String {
        switch facts {
        case .listing(let id, _): "\(code.rawValue)/\(id)"
        case .lawsuit(let caseNumber): "\(code.rawValue)/\(caseNumber)"
        case .penalty(let id, _, _): "\(code.rawValue)/\(id)"
        case .lenderOverdue(let lender, _), .classification(let lender, _, _): "\(code.rawValue)/\(lender)"
        case .arrears, .taxGrade, .headcount, .consumption, .legalRepresentative: code.rawValue
        }
    }
}

/// The facts behind a signal, typed by kind.
public enum SignalFacts: Sendable, Equatable, Hashable, Codable {
    case listing(id: String, kind: String)
    case lawsuit(caseNumber: String)
    case penalty(id: String, severity: PenaltySeverity, amount: Cents)
    /// Arrears (tax, social insurance, housing fund or utilities) before and after.
    case arrears(before: Cents, after: Cents)
    case taxGrade(before: String?, after: String)
    case headcount(before: Int, after: Int)
    /// The latest month's quantity against the average of the `baselineMonths` months before it
    /// (`baselineTotal / baselineMonths`).
    case consumption(year: Int, month: Int, quantity: Int64, baselineTotal: Int64, baselineMonths: Int)
    case legalRepresentative(before: String, after: String)
    case lenderOverdue(lender: String, days: Int)
    case classification(lender: String, before: LoanClass, after: LoanClass)
}
