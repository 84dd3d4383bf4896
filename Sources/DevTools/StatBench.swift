import DemoCity
import Domain
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Persistence
import Vapor

/// `xyd bench stats`: on a generated history (100,000 firms, a million loans, five years by default) the full
/// recomputation of the statistics' cells, storing and loading them (SQLite, and PostgreSQL with `--postgres`), the
/// monthly close, every statistics page timed for p50/p99 (aim: under 200 ms), and the incremental path — 1 % of
/// the loans changed, their events taken out and put in again — compared with a full recomputation.
public struct StatBench: Sendable {
    public struct Report: Sendable {
        public var cells = 0
        public var changedLoans = 0
        public var differingCells = -1
        public var indexAgrees = false
        /// Per database: whether the cells read back equal those in memory, after the rebuild and after the delta.
        public var storedEqual: [String: Bool] = [:]
        public var pageP99: [String: Double] = [:]
        public var incrementalEqualsFull: Bool { differingCells == 0 && indexAgrees && !storedEqual.values.contains(false) }
    }

    let app: Application
    let config: StatHistory.Config
    let postgres: Bool
    let repetitions: Int

    public init(app: Application, firms: Int, loans: Int, years: Int, postgres: Bool, repetitions: Int = 100) {
        self.app = app
        config = StatHistory.Config(firms: firms, loans: loans, years: years)
        self.postgres = postgres; self.repetitions = repetitions
    }

    func say(_ text: String) { app.console.print(text) }

    /// Runs `body`, printing its wall time and the process's peak memory so far.
    func step<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let started = Date()
        let result = try await body()
        say(String(format: "%@：%.2f 秒（峰值内存 %.0f MB）", name, Date().timeIntervalSince(started), Double(peakMemoryKB()) / 1024))
        return result
    }

    @discardableResult
    public func run() async throws -> Report {
        var report = Report()
        let history = StatHistory(config)
        let last = config.lastMonth
        say("统计基准：\(config.firms) 家企业，\(config.loans) 笔贷款，\(config.years) 年（\(history.start)至\(history.end)），\(ProcessInfo.processInfo.activeProcessorCount) 核")
        var facts = await step("生成历史") { history.facts() }
        say("  申请 \(facts.applications.count)，授信 \(facts.creditLines.count)，需求 \(facts.demands.count)，推送 \(facts.pushes.count)，预警 \(facts.alerts.count)，代偿 \(facts.claims.count)，应归集 \(facts.expectations.count)，批次 \(facts.batches.count)，贷款变动 \(facts.loans.reduce(0) { $0 + $1.changes.count })")
        var aggregate = await step("全量重算（由事实得出全部单元格与索引）") { StatAggregate(rebuiltFrom: facts) }
        report.cells = StatBenchWorkload.cellCount(aggregate)
        say("  单元格 \(report.cells) 个，\(aggregate.months.count) 个月")

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-stats-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let sqliteID = DatabaseID(string: "bench-stats-sqlite")
        app.databases.use(.sqlite(.file(work.appendingPathComponent("stats.sqlite").path), maxConnectionsPerEventLoop: 1), as: sqliteID)
        var databases: [(String, any Database)] = [("SQLite", app.db(sqliteID))]
        var cluster: ThrowawayPostgres?
        defer { cluster?.stop() }
        if postgres {
            let started = try ThrowawayPostgres.start(durable: true)
            cluster = started
            let pgID = DatabaseID(string: "bench-stats-pg")
            try app.databases.use(.postgres(url: try started.createDatabase("stats")), as: pgID)
            databases.append(("PostgreSQL", app.db(pgID)))
        }
        let stored = aggregate
        for (name, database) in databases {
            for migration in Schema.migrations { try await migration.prepare(on: database) }
            try await step("\(name)：存入全部单元格（StatStore.replace，不含各实体事件）") {
                try await database.write { unit in try await StatStore.replace(with: stored, entities: [:], in: unit) }
            }
            let loaded = try await step("\(name)：读回（StatStore.aggregate）") { try await StatStore(database: database).aggregate() }
            report.storedEqual["\(name) 重算"] = loaded == stored
            say("  读回与内存一致：\(loaded == stored ? "是" : "否")")
        }

        let snapshot = try await step("月末结账（\(last)，全市、各区县、各机构）") {
            try StatSnapshot.close(last, from: aggregate, scopes: StatSnapshot.standardScopes(aggregate, through: last))
        }
        let closeDay = StatMonth(year: last.year, month: last.month).adding(months: 1).firstDay
        _ = try await step("  存入快照与结账记录（SQLite）") {
            try await StatStore(database: databases[0].1).record(month: last, close: snapshot, reason: "", actor: "bench", on: closeDay, at: Date())
        }
        say("  快照 \(snapshot.rows.count) 行，摘要 \(snapshot.digest.prefix(16))…")

        say("")
        say("统计页面（每页 \(repetitions) 次，毫秒；目标 p99 < 200）")
        say("页面                                  p50      p99      最大   次数")
        let pages = StatBenchWorkload.pages(last: last, years: config.years, district: aggregate.values(of: .district).first,
                                            institution: aggregate.values(of: .institution).first)
        for page in pages {
            let samples = try StatBenchWorkload.time(times: repetitions, budget: 30) { try StatBenchWorkload.render(page, from: aggregate) }
            let p99 = StatBenchWorkload.percentile(samples, 99)
            report.pageP99[page.name] = p99
            say(String(format: "%@ %8.2f %8.2f %8.2f %5d %@", pad(page.name, 34), StatBenchWorkload.percentile(samples, 50), p99,
                       samples.max() ?? 0, samples.count, p99 < 200 ? "✓" : "✗"))
        }
        say("")

        let before = facts
        let changed = StatBenchWorkload.changeLoans(&facts, every: 100, on: history.end)
        report.changedLoans = changed.count
        let started = Date()
        let delta = StatBenchWorkload.delta(before: before, after: facts, changed: changed)
        aggregate.merge(delta)
        let seconds = Date().timeIntervalSince(started)
        say(String(format: "增量：改动 %d 笔贷款（一半末日还款，一半历史中改为关注类），旧事件移出、新事件计入内存汇总：%.3f 秒，每笔 %.1f 微秒，涉及单元格 %d 个",
                   changed.count, seconds, seconds / Double(max(changed.count, 1)) * 1e6, StatBenchWorkload.cellCount(delta)))
        let updated = aggregate
        for (name, database) in databases {
            try await step("  \(name)：存入增量（StatStore.apply）") {
                try await database.write { unit in try await StatStore.apply(delta, entities: [:], in: unit) }
            }
            let loaded = try await StatStore(database: database).aggregate()
            report.storedEqual["\(name) 增量"] = loaded == updated
            say("  \(name) 读回与内存一致：\(loaded == updated ? "是" : "否")")
        }
        let full = await step("改动后全量重算") { StatAggregate(rebuiltFrom: facts) }
        report.differingCells = StatBenchWorkload.differingCells(aggregate, full)
        report.indexAgrees = aggregate.indexAgreesWithCells
        say("incremental == full recomputation: \(report.differingCells == 0 ? "yes" : "no")（不同的单元格 \(report.differingCells) 个；查询索引与单元格一致：\(report.indexAgrees ? "是" : "否")）")
        say(String(format: "进程峰值内存（VmHWM）：%.0f MB", Double(peakMemoryKB()) / 1024))
        return report
    }

    /// Pads to a display width, counting a CJK character as two columns.
    func pad(_ text: String, _ width: Int) -> String {
        let columns = text.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
        return text + String(repeating: " ", count: max(0, width - columns))
    }
}
