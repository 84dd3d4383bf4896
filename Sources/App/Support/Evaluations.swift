import Domain
import Persistence
import Fluent
import Vapor

/// Recomputes firms' public credit evaluations from their stored records and saves them.
public enum Evaluations {
    /// Evaluates the firms in groups, reporting how many are done.
    static func refresh(_ app: Application, firms: [String], asOf: Day = .today(),
                        progress: (@Sendable (Int) -> Void)? = nil) async throws {
        try await refresh(database: app.db, model: app.platform.evaluationModel, firms: firms, asOf: asOf, progress: progress)
    }

    /// Firms per records query: one query per firm dominates for a whole city; two groups are in memory at once.
    static let groupSize = 1000

    public static func refresh(database: any Database, model: EvaluationModel, firms: [String], asOf: Day = .today(),
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
    static func evaluate(_ group: [String], byFirm: [String: [StoredRecord]], asOf: Day, model: EvaluationModel) async -> [Evaluation] {
        let half = (group.count + 1) / 2
        guard group.count > 1 else {
            return group.map { Evaluator.evaluate(uscc: $0, records: byFirm[$0] ?? [], asOf: asOf, model: model) }
        }
        async let first = group[..<half].map { Evaluator.evaluate(uscc: $0, records: byFirm[$0] ?? [], asOf: asOf, model: model) }
        let second = group[half...].map { Evaluator.evaluate(uscc: $0, records: byFirm[$0] ?? [], asOf: asOf, model: model) }
        return await first + second
    }

    /// Firms per grade, in the model's grade order.
    static func distribution(_ req: Request) async throws -> [(grade: String, count: Int)] {
        let counts = try await req.evaluationStore.gradeCounts()
        return req.platform.evaluationModel.grades.map { ($0.grade, counts[$0.grade] ?? 0) }
    }

    /// The explanation lines a viewer may read: lines drawn from datasets above its level are left out.
    static func visible(_ evaluation: Evaluation, model: EvaluationModel, catalog: Catalog, viewer: Viewer) -> Evaluation {
        var shown = evaluation
        shown.explanation = evaluation.explanation.filter { line in
            guard let dataset = model.items.first(where: { $0.id == line.itemID })?.dataset,
                  let spec = catalog.dataset(dataset) else { return true }
            return viewer.mayRead(spec)
        }
        return shown
    }
}

/// `xyd evaluate --all` or `xyd evaluate --uscc CODE`: recompute evaluations, with a progress bar.
struct EvaluateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "all", help: "重新评价所有有记录的企业") var all: Bool
        @Option(name: "uscc", help: "单个企业的统一社会信用代码（与 --all 二选一）") var uscc: String?
        init() {}
    }

    var help: String { "计算公共信用综合评价（--all 为全部企业）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let firms: [String]
        if signature.all {
            firms = try await app.recordStore.allFirms()
        } else if let code = signature.uscc {
            do { firms = [try USCC(code).value] } catch { throw DomainError.invalidUSCC(code, reason: error.message) }
        } else {
            throw DomainError.invalidInput(field: "uscc", reason: "请给出统一社会信用代码，或使用 --all")
        }
        let bar = ProgressBar(total: Int64(firms.count), label: "评价")
        let started = Date()
        try await Evaluations.refresh(app, firms: firms) { bar.update(bytes: Int64($0), rows: $0) }
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        context.console.print(String(format: "已评价 %d 家企业，用时 %.1f 秒（%.0f 家/秒）", firms.count, seconds,
                                     Double(firms.count) / max(seconds, 0.001)))
        if firms.count == 1, let evaluation = try await app.evaluationStore.current(firms[0]) {
            context.console.print("\(evaluation.uscc)：\(evaluation.score) 分，\(evaluation.grade) 级")
            for line in evaluation.explanation { context.console.print("  \(line.text)") }
        } else {
            let counts = try await app.evaluationStore.gradeCounts()
            let total = max(1, counts.values.reduce(0, +))
            for band in app.platform.evaluationModel.grades {
                let n = counts[band.grade] ?? 0
                context.console.print(String(format: "  %@  %6d  %5.1f%%", band.grade, n, Double(n) * 100 / Double(total)))
            }
        }
    }
}

extension Application {
    /// Re-evaluates the given firms now (all firms with records when nil), as `xyd evaluate` does.
    public func reevaluate(firms: [String]? = nil) async throws {
        let list: [String]
        if let firms { list = firms } else { list = try await recordStore.allFirms() }
        try await Evaluations.refresh(self, firms: list)
    }
}
