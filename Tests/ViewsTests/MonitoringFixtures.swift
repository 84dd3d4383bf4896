import Domain
import Foundation
@testable import Views

/// Fixed alerts for the monitoring pages' golden files.
enum MonitoringFixtures {
    static let day = Day(year: 2026, month: 3, day: 2)
    static let at = Date(timeIntervalSince1970: 1_772_409_600)
    /// A fixture that cannot be built (the bundled rules missing or not in force on the fixture's day).
    struct Unavailable: Error {}

    static func rules() throws -> WarningRules { try WarningRules.bundled() }

    static let signals = [
        MonitoringSignal(code: .newDishonestDebtor, detectedOn: day, facts: .listing(id: "（2026）辽0202执21号", kind: "失信被执行人"),
                         text: "新增失信被执行人记录（案号 （2026）辽0202执21号）"),
        MonitoringSignal(code: .newLawsuitAsDefendant, detectedOn: day, facts: .lawsuit(caseNumber: "（2026）辽0202民初21号"),
                         text: "新增作为被告的诉讼案件（案号 （2026）辽0202民初21号）"),
        MonitoringSignal(code: .newPenalty, detectedOn: day, facts: .penalty(id: "大市监罚〔2026〕21号", severity: .severe, amount: Cents(yuan: 200_000)),
                         text: "新增严重行政处罚（决定书 大市监罚〔2026〕21号，罚款 ¥200,000.00）"),
    ]

    static func alert(id: Int64, status: AlertResponse.Status, signalCount: Int = 3) throws -> RiskAlert {
        guard let score = RiskScore.assess(signals: Array(signals.prefix(signalCount)), on: day, rules: try rules()) else {
            throw Unavailable()
        }
        var a = RiskAlert(id: id, uscc: "91210202MA0000001X", firmName: "大连海湾科技有限公司", district: "210202", institutionID: 1,
                          relation: .loan, score: score, at: at)
        if status != .open { try a.respond(.acknowledge, by: "客户经理", on: day.adding(days: 1), at: at) }
        if status == .confirmed { try a.respond(.confirm(note: "已核实"), by: "客户经理", on: day.adding(days: 1), at: at) }
        if status == .handled { try a.respond(.handle(measure: "压降授信额度 50 万元"), by: "客户经理", on: day.adding(days: 2), at: at) }
        if status == .dismissed { try a.respond(.dismiss(reason: "案件已和解"), by: "客户经理", on: day.adding(days: 2), at: at) }
        return a
    }

    static func escalation(_ alert: RiskAlert, today: Day) throws -> AlertEscalation {
        alert.escalation(today: today, rules: try rules()) ?? .onTime
    }
}
