import Domain
import Persistence
import FluentKit

/// Recomputes firms' public credit evaluations from their stored records and saves them.
public enum Evaluations {
    /// Evaluates the firms (all firms with records when nil) in groups as of today, reporting how many are done.
    public static func refresh(_ context: ServiceContext, firms: [String]? = nil,
                               progress: (@Sendable (Int) -> Void)? = nil) async throws {
        let list: [String]
        if let firms { list = firms } else { list = try await context.recordStore.allFirms() }
        try await refresh(database: context.database, model: context.platform.evaluationModel, firms: list,
                          asOf: context.clock.today, progress: progress)
    }

    /// Firms per records query: one query per firm dominates for a whole city; two groups are in memory at once.
    public static let groupSize = 1000

    public static func refresh(database: any Database, model: EvaluationModel, firms: [String], asOf: Day,
                        progress: (@Sendable (Int) -> Void)? = nil) async throws {
        let records = RecordStore(database: database)
        let store = EvaluationStore(database: database)
        // Only the datasets the model's items look at: the others cannot change an evaluation.
        let datasets = Set(model.items.map(\.dataset)).sorted()
        let groups = stride(from: 0, to: firms.count, by: groupSize).map { Array(firms[$0..<min(firms.count, $0 + groupSize)]) }
        func read(_ index: Int) -> Task<[String: [StoredRecord]], any Error>? {
            guard index < groups.count else { return nil }
            let group = groups[index]
            return Task { try await records.records(usccs: group, datasets: datasets) }
        }
        // Three things overlap: the next group is read (and unpacked) while the current one is evaluated — in two
        // halves at once — and the previous one is saved. Saves stay in order, so the grade history does too.
        var next = read(0)
        var saving: Task<Void, any Error>?
        defer { next?.cancel() }
        var done = 0
        do {
            for (index, group) in groups.enumerated() {
                guard let reading = next else { break }
                let byFirm = try await reading.value
                next = read(index + 1)
                let evaluations = await evaluate(group, byFirm: byFirm, asOf: asOf, model: model)
                try await saving?.value
                progress?(done)  // the firms saved so far
                saving = Task { try await store.save(evaluations) }
                done += group.count
            }
            try await saving?.value
        } catch {
            _ = try? await saving?.value  // no save left running behind the caller's back
            throw error
        }
        progress?(done)
    }

    /// Evaluates a group's firms on two tasks (the machine's work here is this and the database's).
    public static func evaluate(_ group: [String], byFirm: [String: [StoredRecord]], asOf: Day, model: EvaluationModel) async -> [Evaluation] {
        let half = (group.count + 1) / 2
        guard group.count > 1 else {
            return group.map { Evaluator.evaluate(uscc: $0, records: byFirm[$0] ?? [], asOf: asOf, model: model) }
        }
        async let first = group[..<half].map { Evaluator.evaluate(uscc: $0, records: byFirm[$0] ?? [], asOf: asOf, model: model) }
        let second = group[half...].map { Evaluator.evaluate(uscc: $0, records: byFirm[$0] ?? [], asOf: asOf, model: model) }
        return await first + second
    }

    /// Firms per grade, in the model's grade order.
    public static func distribution(_ context: ServiceContext) async throws -> [(grade: String, count: Int)] {
        let counts = try await context.evaluationStore.gradeCounts()
        return context.platform.evaluationModel.grades.map { ($0.grade, counts[$0.grade] ?? 0) }
    }

    /// What a viewer may see of an evaluation: explanation lines drawn from datasets above its level are left
    /// out, and so is every dimension with an item on such a dataset, and then the score (see
    /// `Evaluation.withheldDimensions`): points per dimension would let a bank infer, say, utility arrears it
    /// may not read.
    public static func visible(_ evaluation: Evaluation, model: EvaluationModel, catalog: Catalog, viewer: Viewer) -> Evaluation {
        func readable(_ dataset: String) -> Bool { catalog.dataset(dataset).map(viewer.mayRead) ?? true }
        var shown = evaluation
        shown.explanation = evaluation.explanation.filter { line in
            guard let dataset = model.items.first(where: { $0.id == line.itemID })?.dataset else { return true }
            return readable(dataset)
        }
        let withheld = Set(model.items.filter { !readable($0.dataset) }.map(\.dimension))
        if !withheld.isEmpty {
            shown.dimensions = evaluation.dimensions.filter { !withheld.contains($0.id) }
            shown.withheldDimensions = model.dimensions.filter { withheld.contains($0.id) }.map(\.name)
        }
        return shown
    }
}
