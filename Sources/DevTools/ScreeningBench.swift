import App
import DemoCity
import Domain
import Fluent
import FluentSQLiteDriver
import Foundation
import Persistence
import Services
import Vapor

/// `xyd bench monitor`, the 推荐清单 part: on a generated city, the screening of a whole 申报清单 (default
/// 10,000 firms of 100,000) on the five criteria — the facts read from the data hub, the rules, the results saved
/// with their log entries — and the re-screening of 1 % of the listed firms after a batch. The read of the
/// facts alone is timed too, as the reference the rest is measured against.
struct ScreeningBench {
    let app: Application
    let enterprises: Int
    let listSize: Int

    func say(_ text: String) { app.console.print(text) }

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-screen-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var started = Date()
        let city = work.appendingPathComponent("city", isDirectory: true)
        _ = try CityGenerator(config: .init(asOf: Date(), enterprises: enterprises, months: 24, seed: 2026)).write(to: city)
        say(String(format: "生成 %d 家企业的城市，用时 %.1f 秒", enterprises, Date().timeIntervalSince(started)))

        let id = DatabaseID(string: "bench-screening")
        app.databases.use(.sqlite(.file(work.appendingPathComponent("city.sqlite").path), maxConnectionsPerEventLoop: 1), as: id)
        let database = app.db(id)
        for migration in Schema.migrations { try await migration.prepare(on: database) }
        started = Date()
        var rows = 0
        for dataset in app.platform.catalog.datasets {
            let file = city.appendingPathComponent("\(dataset.id).csv")
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            let request = BatchRequest(dataset: dataset, departmentID: nil, source: .cli, fileName: file.lastPathComponent, submittedBy: "bench")
            rows += try await BatchIngestor(database: database).ingest(request, chunks: FileChunks(url: file)).submitted
        }
        say(String(format: "导入 %d 行，用时 %.1f 秒", rows, Date().timeIntervalSince(started)))
        let firms = try await RecordStore(database: database).allFirms().sorted()
        started = Date()
        try await Evaluations.refresh(database: database, model: app.platform.evaluationModel, firms: firms, asOf: .today()) { _ in }
        say(String(format: "评价 %d 家企业（信用核查用），用时 %.1f 秒", firms.count, Date().timeIntervalSince(started)))

        // The 申报清单: every k-th firm, one in twenty with a purpose the rules refuse.
        let step = max(1, firms.count / max(1, listSize))
        let chosen = stride(from: 0, to: firms.count, by: step).prefix(listSize).map { firms[$0] }
        let names = try await ScreeningReads(database: database).registrations(usccs: chosen)
        let now = Date()
        let entries = try chosen.enumerated().map { n, uscc in
            try RecommendationEntry(uscc: uscc, firmName: names[uscc]?.name ?? uscc, source: .visit, referrer: "走访专班",
                                    amountCents: 50_000_000, termMonths: 12, purpose: n % 20 == 0 ? "证券投资" : "采购原材料",
                                    note: "走访记录", declaredAt: now)
        }
        let store = RecommendationStore(database: database)
        let declared = try await store.declare(all: entries, actor: "bench", at: now)
        say("申报清单：\(declared.stored.count) 户（拒绝 \(declared.refused.count) 户）")

        let context = app.services(on: database)
        started = Date()
        let facts = try await RecommendationScreening.facts(context, usccs: chosen)
        let readSeconds = Date().timeIntervalSince(started)
        started = Date()
        let summary = try await RecommendationScreening.screenDeclared(context, nil)
        let screenSeconds = Date().timeIntervalSince(started)
        say(String(format: "读取 %d 户的初筛事实（参照）：%.2f 秒", facts.count, readSeconds))
        say(String(format: "初筛整个申报清单 %d 户（读取、五项标准、保存与日志）：%.2f 秒，%.0f 户/秒，为单纯读取的 %.1f 倍；通过 %d 户，未通过 %d 户（规则第 %d 版）；目标 < 2 秒",
                   summary.screened, screenSeconds, Double(summary.screened) / screenSeconds, screenSeconds / max(readSeconds, 0.001),
                   summary.passed, summary.failed, summary.version))
        var byCode: [String: Int] = [:]
        for entry in try await store.entries(statuses: [.screenedOut]) {
            for code in Set(entry.screening?.rejections.map(\.code) ?? []) { byCode[code, default: 0] += 1 }
        }
        say("未通过原因（户数）：" + byCode.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: "，"))

        let listed = try await store.entries(statuses: [.screened]).map(\.uscc)
        let touched = Array(listed.prefix(max(1, listed.count / 100)))
        started = Date()
        let again = try await RecommendationScreening.rescreen(context, firms: touched)
        say(String(format: "一个批次后复核 %d 户（1%%）：%.3f 秒，移出 %d 户", again.screened, Date().timeIntervalSince(started), again.removed))
        say(String(format: "进程峰值内存（VmHWM）：%.0f MB", Double(peakMemoryKB()) / 1024))
    }
}
