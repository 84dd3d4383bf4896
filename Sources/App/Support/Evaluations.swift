import Domain
import Persistence
import Fluent
import Vapor

/// Recomputes firms' public credit evaluations from their stored records and saves them.
enum Evaluations {
    /// Evaluates the firms in groups, reporting how many are done.
    static func refresh(_ app: Application, firms: [String], asOf: Day = .today(),
                        progress: (@Sendable (Int) -> Void)? = nil) async throws {
        try await refresh(database: app.db, model: app.platform.evaluationModel, firms: firms, asOf: asOf, progress: progress)
    }

    static func refresh(database: any Database, model: EvaluationModel, firms: [String], asOf: Day = .today(),
                        progress: (@Sendable (Int) -> Void)? = nil) async throws {
        let records = RecordStore(database: database)
        let store = EvaluationStore(database: database)
        var done = 0
        // One records query per group of firms: a query per firm dominates for a whole city.
        for group in stride(from: 0, to: firms.count, by: 500).map({ Array(firms[$0..<min(firms.count, $0 + 500)]) }) {
            let byFirm = try await records.records(usccs: group)
            let evaluations = group.map { uscc in
                Evaluator.evaluate(uscc: uscc, records: byFirm[uscc] ?? [], asOf: asOf, model: model)
            }
            try await store.save(evaluations)
            done += group.count
            progress?(done)
        }
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
