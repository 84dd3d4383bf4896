import Foundation
@testable import Domain

/// Snapshots, rules and signals for the post-loan warning tests. Each test that depends on a threshold sets it
/// itself (`WarningFixtures.rules { $0.headcountDropPercent = 20 }`), so it does not hang on the shipped defaults.
enum WarningFixtures {
    static let day = Day(year: 2026, month: 3, day: 15)
    static let previousDay = Day(year: 2026, month: 3, day: 14)

    /// The shipped rules, with their first version changed by `edit` and dated early enough for every test day.
    static func rules(_ edit: (inout WarningRules.Version) -> Void = { _ in }) throws -> WarningRules {
        var rules = try WarningRules.bundled()
        edit(&rules.versions[0])
        return rules
    }

    /// A quiet firm: nothing listed, no arrears, grade B, 40 insured, a steady 1,000 units a month.
    static func snapshot(on day: Day = previousDay, _ edit: (inout MonitoringSnapshot) -> Void = { _ in }) -> MonitoringSnapshot {
        var s = MonitoringSnapshot(uscc: "91210202MA0000001J", day: day, taxGrade: "B", insuredHeadcount: 40,
                                   consumption: usage(from: (2025, 9), [1_000, 1_000, 1_000, 1_000, 1_000, 1_000]),
                                   legalRepresentative: "张伟",
                                   lenderReports: [.init(lender: "大连银行", overdueDays: 0, classification: .normal)])
        edit(&s)
        return s
    }

    /// Consecutive months starting at `start`.
    static func usage(from start: (Int, Int), _ quantities: [Int64]) -> [MonitoringSnapshot.MonthlyUsage] {
        quantities.enumerated().map { offset, quantity in
            let index = start.0 * 12 + (start.1 - 1) + offset
            return MonitoringSnapshot.MonthlyUsage(year: index / 12, month: index % 12 + 1, quantity: quantity)
        }
    }

    /// The signals from the quiet firm yesterday to `after` today.
    static func detect(_ rules: WarningRules, before: MonitoringSnapshot = snapshot(),
                       after edit: (inout MonitoringSnapshot) -> Void) -> [MonitoringSignal] {
        SignalDetector.detect(before: before, after: snapshot(on: day, edit), rules: rules)?.signals ?? []
    }

    /// A signal of `code` detected on `day` about `subject`, without going through the detector.
    static func signal(_ code: SignalCode, on day: Day, subject: String = "X") -> MonitoringSignal {
        let facts: SignalFacts = switch code {
        case .newLawsuitAsDefendant: .lawsuit(caseNumber: subject)
        case .newPenalty: .penalty(id: subject, severity: .general, amount: .zero)
        case .lenderOverdue: .lenderOverdue(lender: subject, days: 40)
        case .classificationDowngrade: .classification(lender: subject, before: .normal, after: .specialMention)
        case .taxArrears, .socialInsuranceArrears, .housingFundArrears, .utilityArrears: .arrears(before: .zero, after: 100_000)
        case .taxGradeDrop: .taxGrade(before: "B", after: "C")
        case .headcountDrop: .headcount(before: 40, after: 26)
        case .consumptionDrop: .consumption(year: 2026, month: 2, quantity: 500, baselineTotal: 6_000, baselineMonths: 6)
        case .legalRepresentativeChange: .legalRepresentative(before: "张伟", after: "李娜")
        default: .listing(id: subject, kind: "失信被执行人")
        }
        return MonitoringSignal(code: code, detectedOn: day, facts: facts, text: "\(code.label)（\(subject)）")
    }

    /// Rules in which every code but those in `points` scores 0 and every penalty scores 0.
    static func scoring(_ points: [SignalCode: Int], countingDays: Int = 180) throws -> WarningRules {
        try rules { v in
            for code in SignalCode.allCases where code != .newPenalty { v.points[code.rawValue] = points[code] ?? 0 }
            for severity in PenaltySeverity.allCases { v.penaltyPoints[severity.rawValue] = 0 }
            v.countingDays = countingDays
        }
    }
}
