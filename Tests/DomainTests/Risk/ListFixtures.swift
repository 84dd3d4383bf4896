import Foundation
@testable import Domain

/// Shared fixtures of the list, measure and incentive tests: a firm with its legal representative and actual
/// controller, and listings at each stage of the procedure.
enum ListFixtures {
    static let firm = SanctionedParty(role: .subject, name: "大连示例贸易有限公司", identifier: "91210202MA0000001J")
    static let representative = SanctionedParty(role: .legalRepresentative, name: "张三", identifier: "210202198001011234")
    static let controller = SanctionedParty(role: .actualController, name: "李四", identifier: "210202197502023456")

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// A 涉金融 listing proposed on `proposed`, the act having ended on `actEnded`.
    static func proposed(on proposed: Day = day("2026-03-02"), actEnded: Day? = day("2026-01-15"),
                         kind: ListKind = .financialSeriousDishonest) throws -> ListingEntry {
        try ListingEntry.propose(
            id: "L-1", kind: kind, parties: [firm, representative, controller], authority: "大连市地方金融监督管理局",
            basisDocumentNumber: "大金罚〔2026〕3号", reason: "非法集资，被处以较重行政处罚", actEndedOn: actEnded,
            removalConditions: "处罚决定履行完毕且信用修复完成", on: proposed)
    }

    /// The same listing noticed, listed and published on the given days (no objection).
    static func listed(noticed: Day = day("2026-03-02"), listed: Day = day("2026-03-10"), published: Day? = day("2026-03-11"),
                       actEnded: Day? = day("2026-01-15"), rules: ListRules) throws -> ListingEntry {
        var entry = try proposed(on: noticed, actEnded: actEnded)
        entry = try entry.applying(.notify(text: "拟列入涉金融严重失信人名单的事由、依据，及陈述申辩和异议的权利"), on: noticed, rules: rules)
        entry = try entry.applying(.list, on: listed, rules: rules)
        if let published { entry = try entry.applying(.publish, on: published, rules: rules) }
        return entry
    }

    /// `rules` with a second version appended, changed by `change`, in force from `from`.
    static func withVersion(_ rules: ListRules, from: String, _ change: (inout ListRules.Version) -> Void) -> ListRules {
        var next = rules.versions[rules.versions.count - 1]
        next.version += 1
        next.effectiveFrom = from
        change(&next)
        var out = rules
        out.versions.append(next)
        return out
    }
}
