import Domain
import Foundation
import Persistence

/// The screening of the 申报清单 on the five criteria, in bulk: the facts of every firm are read a chunk of firms
/// per query, each entry is screened under the rules in force that day, and the results are saved in one unit of
/// work with a log entry each. The same screening re-checks listed firms after new data: a firm that now fails
/// leaves the list with the reasons, and the institutions it was pushed to see why.
public enum RecommendationScreening {
    public struct Summary: Sendable, Equatable, Codable {
        public var screened: Int
        public var passed: Int
        public var failed: Int
        /// Listed (or on their way) and now failing: taken off the list.
        public var removed: Int
        /// The rules version applied.
        public var version: Int
    }

    /// Screens every entry waiting for it (the credit center's action, or the daily job with no principal).
    public static func screenDeclared(_ context: ServiceContext, _ principal: Principal?) async throws -> Summary {
        if let principal, principal.role != .creditCenter { throw DomainError.forbidden("仅信用中心可执行初筛") }
        let entries = try await context.recommendationStore.entries(statuses: [.declared])
        return try await screen(context, entries, actor: principal?.name ?? "platform")
    }

    /// Re-screens the listed entries of these firms (after a batch touched them).
    public static func rescreen(_ context: ServiceContext, firms: [String]) async throws -> Summary {
        var entries: [RecommendationEntry] = []
        for part in stride(from: 0, to: firms.count, by: 2_000).map({ Array(firms[$0..<min($0 + 2_000, firms.count)]) }) {
            entries += try await context.recommendationStore.entries(statuses: [.screened, .publicity, .listed, .pushed], usccs: part)
        }
        return try await screen(context, entries, actor: "platform")
    }

    /// The screening facts of these firms as the data hub holds them today (the benchmark times this read alone).
    public static func facts(_ context: ServiceContext, usccs: [String]) async throws -> [String: ScreeningFacts] {
        try await FactsReader(context: context).read(usccs: usccs, today: context.clock.today)
    }

    static func screen(_ context: ServiceContext, _ entries: [RecommendationEntry], actor: String) async throws -> Summary {
        let today = context.clock.today
        let rules = context.platform.screeningRules
        guard let version = rules.inForce(on: today) else { throw Recommendations.noRules(today) }
        var summary = Summary(screened: 0, passed: 0, failed: 0, removed: 0, version: version.version)
        guard !entries.isEmpty else { return summary }
        let facts = try await FactsReader(context: context).read(usccs: Array(Set(entries.map(\.uscc))), today: today)
        let now = context.clock.now()
        var changes: [(entry: RecommendationEntry, expecting: RecommendationStatus, step: String)] = []
        var removed: [RecommendationEntry] = []
        for entry in entries {
            var firm = facts[entry.uscc] ?? FactsReader.unregistered(entry.uscc, today: today)
            firm.purpose = entry.purpose
            guard let result = Screening.screen(firm, on: today, rules: rules) else { continue }
            var next = entry
            let wasRemoved = next.apply(ScreeningOutcome(version: result.version, day: today, rejections: result.rejections), at: now)
            summary.screened += 1
            if result.passed { summary.passed += 1 } else { summary.failed += 1 }
            guard next != entry else { continue }
            if wasRemoved { summary.removed += 1; removed.append(next) }
            let step = wasRemoved ? "removed" : entry.status == .declared ? (result.passed ? "screened" : "screened_out") : "rescreened"
            changes.append((next, entry.status, step))
        }
        let all = changes
        let conflicts = try await context.database.write { unit in
            try await RecommendationStore.save(entries: all, actor: actor, at: now, in: unit)
        }
        let conflicted = Set(conflicts)
        try await RecommendationPushes.withdraw(context, entries: removed.filter { !conflicted.contains($0.id) }, actor: actor)
        return summary
    }

    /// Reads the screening facts of many firms at once.
    struct FactsReader {
        let context: ServiceContext

        static func unregistered(_ uscc: String, today: Day) -> ScreeningFacts {
            ScreeningFacts(uscc: uscc, established: today, status: "无登记信息", purpose: "")
        }

        func read(usccs: [String], today: Day) async throws -> [String: ScreeningFacts] {
            let reads = ScreeningReads(database: context.database)
            let registrations = try await reads.registrations(usccs: usccs)
            let represented = try await reads.firms(representedBy: registrations.values.map(\.legalRepID))
            var relatedOf: [String: [(uscc: String, name: String)]] = [:]
            for (uscc, registration) in registrations {
                let others = (represented[registration.legalRepID] ?? []).filter { $0.uscc != uscc }
                if !others.isEmpty { relatedOf[uscc] = others }
            }
            let records = try await recordsOf(usccs, datasets: ScreeningFactsBuilder.datasets)
            let relatedRecords = try await recordsOf(Array(Set(relatedOf.values.flatMap { $0.map(\.uscc) })),
                                                     datasets: ScreeningFactsBuilder.relatedDatasets)
            let grades = try await reads.grades(usccs: usccs)
            let failing = Set(context.platform.evaluationModel.grades.last.map { [$0.grade] } ?? [])
            var out: [String: ScreeningFacts] = [:]
            for (uscc, registration) in registrations {
                let related = (relatedOf[uscc] ?? []).map { (name: $0.name, records: relatedRecords[$0.uscc] ?? []) }
                out[uscc] = ScreeningFactsBuilder.facts(registration, records: records[uscc] ?? [], related: related,
                                                        grade: grades[uscc], failingGrades: failing, purpose: "", today: today)
            }
            return out
        }

        func recordsOf(_ usccs: [String], datasets: [String]) async throws -> [String: [StoredRecord]] {
            var out: [String: [StoredRecord]] = [:]
            for start in stride(from: 0, to: usccs.count, by: 2_000) {
                let part = Array(usccs[start..<min(start + 2_000, usccs.count)])
                out.merge(try await context.recordStore.records(usccs: part, datasets: datasets)) { a, _ in a }
            }
            return out
        }
    }
}
