import Domain
import Persistence
import Services
import Vapor

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
        try await Evaluations.refresh(app.services, firms: firms) { bar.update(bytes: Int64($0), rows: $0) }
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
        try await Evaluations.refresh(services, firms: firms)
    }
}
