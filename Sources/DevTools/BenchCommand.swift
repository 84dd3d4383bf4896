import App
import DemoCity
import Domain
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Persistence
import Services
import SQLKit
import Vapor

/// `xyd bench ingest|evaluate|scorecard|api|log`: the benchmarks. Linked by the `xyd` executable (which hands it
/// to `Xyd.main`), not by `App`.
public struct BenchCommand: AsyncCommand {
    public struct Signature: CommandSignature {
        @Argument(name: "what", help: "ingest、evaluate、scorecard、api、log、monitor、fund、stats、coupons、preapproval 或 joint")
        var what: String
        @Option(name: "rows", help: "行数；log 为条目数（默认 1000000）")
        var rows: Int?
        @Flag(name: "no-postgres", help: "跳过 PostgreSQL")
        var noPostgres: Bool
        @Option(name: "enterprises", help: "evaluate、monitor：企业数量（默认 100000）；api：演示城市的企业数（默认 2000：自动审批约 18,000 次不同的申请，足够几秒的测量）")
        var enterprises: Int?
        @Option(name: "list", help: "monitor：申报清单户数（默认 10000）")
        var list: Int?
        @Option(name: "borrowers", help: "monitor：在贷（被监测）企业数（默认 20000）")
        var borrowers: Int?
        @Option(name: "python", help: "scorecard：装有 scikit-learn/optbinning/toad/lightgbm 的 Python 解释器（默认取 XYD_BENCH_PYTHON，都没有则跳过 Python 对照）")
        var python: String?
        @Option(name: "concurrency", help: "api：并发客户端数（默认 64）；coupons：并发放款数（默认 16）")
        var concurrency: Int?
        @Option(name: "seconds", help: "api：每项持续秒数（默认 10）")
        var seconds: Double?
        @Flag(name: "swift-client", help: "api：即使装有 wrk 也用内置的 Swift 客户端")
        var swiftClient: Bool
        @Option(name: "loans", help: "fund：在保贷款笔数（默认 50000）；stats：贷款笔数（默认 1000000）")
        var loans: Int?
        @Option(name: "paths", help: "fund：模拟路径数（默认 10000）")
        var paths: Int?
        @Option(name: "firms", help: "stats、preapproval：企业数（默认 100000）；joint：纵向 LR 的对齐企业数（默认 100000，至少 1024）")
        var firms: Int?
        @Option(name: "years", help: "stats：历史年数（默认 5）")
        var years: Int?
        @Option(name: "repeat", help: "stats：每个统计页面的重复次数（默认 100）；ingest：全流程与同索引表导入交替测几次，取中位数（默认 1）")
        var repetitions: Int?
        @Flag(name: "postgres", help: "stats：另在临时 PostgreSQL 上存取")
        var postgres: Bool
        @Option(name: "attempts", help: "coupons：带券放款笔数（默认 2000）")
        var attempts: Int?
        @Option(name: "budget-for", help: "coupons：预算恰好可核销的张数（默认 500）")
        var budgetFor: Int?
        @Option(name: "ids", help: "joint：PSI 每方的 id 数（默认 1000000）")
        var ids: Int?
        public init() {}
    }

    public init() {}

    public var help: String { "性能基准：ingest（导入全流程对比数据库自带批量导入）、evaluate（从数据库评价整个城市）、scorecard（评分卡训练对比 Python 库）、api（并发压测信用报告、自动审批与静态文件）、log（透明日志追加、证明与存储）、monitor（贷后监测扫描与推荐清单初筛）、fund（风险补偿基金模拟）、stats（统计汇总：全量重算、存取、结账、各统计页面与增量更新）、coupons（信用券并发核销：吞吐与零超支）、preapproval（10 万户预授信：批量测算与写入要约）、joint（联合建模：百万级 PSI 与一轮纵向 LR）" }

    public func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.what {
        case "ingest":
            try await IngestBench(app: context.application, rows: signature.rows ?? 1_000_000,
                                  postgres: !signature.noPostgres, runs: max(1, signature.repetitions ?? 1)).run()
        case "evaluate":
            try await EvaluateBench(app: context.application, enterprises: signature.enterprises ?? 100_000).run()
        case "api":
            try await APIBench(app: context.application, enterprises: signature.enterprises ?? 2_000,
                               concurrency: signature.concurrency ?? 64, seconds: signature.seconds ?? 10,
                               wrk: signature.swiftClient ? nil : WrkLoad.find()).run()
        case "scorecard":
            try await ScorecardBench(app: context.application, rows: signature.rows ?? 100_000, python: signature.python).run()
        case "log":
            try await LogBench(app: context.application, entries: signature.rows ?? 1_000_000, postgres: !signature.noPostgres).run()
        case "monitor":
            context.console.print("== 贷后监测：批次后扫描与每日全量扫描 ==")
            try await MonitorScanBench(app: context.application, enterprises: signature.enterprises ?? 100_000,
                                       borrowers: signature.borrowers ?? 20_000).run()
            context.console.print("== 推荐清单：整个申报清单的初筛与批次后复核 ==")
            try await ScreeningBench(app: context.application, enterprises: signature.enterprises ?? 100_000,
                                     listSize: signature.list ?? 10_000).run()
        case "fund":
            try await FundBench(app: context.application, loans: signature.loans ?? 50_000, paths: signature.paths ?? 10_000, years: 3).run()
        case "coupons":
            try await CouponBench(app: context.application, attempts: signature.attempts ?? 2_000, budgetFor: signature.budgetFor ?? 500,
                                  concurrency: signature.concurrency ?? 16, postgres: !signature.noPostgres).run()
        case "preapproval":
            try await PreapprovalBench(app: context.application, firms: signature.firms ?? 100_000).run()
        case "stats":
            try await StatBench(app: context.application, firms: signature.firms ?? 100_000, loans: signature.loans ?? 1_000_000,
                                years: signature.years ?? 5, postgres: signature.postgres, repetitions: signature.repetitions ?? 100).run()
        case "joint":
            let firms = signature.firms ?? 100_000, ids = signature.ids ?? 1_000_000
            guard firms >= 1024, ids >= 2 else { throw DomainError.invalidInput(field: "firms", reason: "对齐企业数至少 1024，id 数至少 2") }
            try JointBench(app: context.application, ids: ids, firms: firms).run()
        default:
            throw DomainError.invalidInput(field: "what", reason: "应为 ingest、evaluate、scorecard、api、log、monitor、fund、stats、coupons、preapproval 或 joint")
        }
    }
}

/// `xyd bench ingest`: rows per second through the full ingest path on SQLite and PostgreSQL, beside the
/// databases' own bulk loaders (`sqlite3 .import`, `COPY`) on the same file in the same run.
struct IngestBench {
    let app: Application
    let rows: Int
    let postgres: Bool
    /// How often the full path and the loader into the same-index table are measured, in turn (each into an
    /// empty database or table, each after `sync()`, and on PostgreSQL a checkpoint, so that none pays for the last
    /// one's writes); the table shows medians. The loader alone varied from 134,000 to 191,000 rows/s in one session
    /// on one machine, and PostgreSQL's own log showed checkpoints (its WAL limit reached) every 5–8 s during the
    /// loads, at points that moved from run to run.
    var runs = 1

    func say(_ text: String) { app.console.print(text) }

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let file = work.appendingPathComponent("admin.penalty.csv")
        let dataset = try app.platform.catalog.require("admin.penalty")
        var started = Date()
        let written = try CityGenerator.writeBulk(dataset: dataset.id, rows: rows, seed: 7, asOf: Date(), to: file)
        let size = FileChunks(url: file).size
        say(String(format: "生成 %d 行 %@（%.1f MB），用时 %.1f 秒", written, dataset.id, Double(size) / 1e6, Date().timeIntervalSince(started)))

        // Parsing and validation alone, without a database: the ceiling of the full path.
        started = Date()
        var reader = IngestReader(dataset: dataset, format: .csv, today: .today())
        var valid = 0
        for try await chunk in FileChunks(url: file) {
            for outcome in try reader.feed(chunk) { if case .valid = outcome { valid += 1 } }
        }
        for outcome in try reader.finish() { if case .valid = outcome { valid += 1 } }
        let parseSeconds = Date().timeIntervalSince(started)
        say(String(format: "解析与校验（不写库）：%d 行有效，%.2f 秒，%.0f 行/秒", valid, parseSeconds, Double(rows) / parseSeconds))

        // Per database: the loader into a plain table, the loader into a table with `records`' indexes (the same
        // stored rows: the floor of any path that keeps those indexes), and the full path; all in seconds.
        var results: [(String, Double, [Double], [Double])] = []
        let stored = work.appendingPathComponent("stored-rows.csv")
        // SQLite: the database's own loader, then the full path and the loader into the same indexes, in turn.
        let reference = work.appendingPathComponent("reference.sqlite")
        started = Date()
        try Subprocess.run("/usr/bin/sqlite3", [reference.path, ".mode csv", ".import \(file.path) plain"])
        let sqliteReference = Date().timeIntervalSince(started)
        var sqliteFloor: [Double] = [], sqliteFull: [Double] = []
        for run in 0..<runs {
            if runs > 1 { say("第 \(run + 1)/\(runs) 次（SQLite）") }
            let full = work.appendingPathComponent("full-\(run).sqlite")
            let sqliteID = DatabaseID(string: "bench-sqlite-\(run)")
            app.databases.use(.sqlite(.file(full.path), maxConnectionsPerEventLoop: 1), as: sqliteID)
            sync()
            sqliteFull.append(try await fullPath(database: app.db(sqliteID), file: file, dataset: dataset))
            if run == 0 {
                try Subprocess.run("/usr/bin/sqlite3", [full.path, ".mode csv", ".output \(stored.path)",
                                                        "SELECT \(Self.storedColumns) FROM records"])
            }
            sync()
            started = Date()
            try Subprocess.run("/usr/bin/sqlite3", [reference.path, "CREATE TABLE indexed_\(run) (\(Self.storedColumns))",
                                                    "CREATE UNIQUE INDEX indexed_\(run)_identity ON indexed_\(run) (dataset, record_id)",
                                                    "CREATE INDEX indexed_\(run)_uscc ON indexed_\(run) (uscc)",
                                                    "CREATE INDEX indexed_\(run)_batch ON indexed_\(run) (batch_id)",
                                                    ".mode csv", ".import \(stored.path) indexed_\(run)"])
            sqliteFloor.append(Date().timeIntervalSince(started))
        }
        results.append(("SQLite", sqliteReference, sqliteFloor, sqliteFull))

        if postgres {
            let cluster = try ThrowawayPostgres.start(durable: true)
            defer { cluster.stop() }
            let columns = (Catalog.commonColumns + dataset.fields.map(\.name)).map { "\($0) TEXT" }.joined(separator: ", ")
            var copyReference = 0.0
            var copyFloor: [Double] = [], pgFull: [Double] = []
            for run in 0..<runs {
                if runs > 1 { say("第 \(run + 1)/\(runs) 次（PostgreSQL）") }
                let url = try cluster.createDatabase("bench\(run)")
                if run == 0 {
                    try cluster.psql("bench0", "CREATE TABLE plain (\(columns))")
                    started = Date()
                    try cluster.psql("bench0", "\\copy plain FROM '\(file.path)' WITH (FORMAT csv, HEADER true)")
                    copyReference = Date().timeIntervalSince(started)
                }
                let pgID = DatabaseID(string: "bench-pg-\(run)")
                try app.databases.use(.postgres(url: url), as: pgID)
                try cluster.checkpoint()
                pgFull.append(try await fullPath(database: app.db(pgID), file: file, dataset: dataset))
                if run == 0 {
                    // psql may run as the postgres user: the export file must be writable by it.
                    FileManager.default.createFile(atPath: stored.path, contents: nil, attributes: [.posixPermissions: 0o666])
                    _ = try cluster.psql("bench0", "\\copy (SELECT \(Self.storedColumns) FROM records) TO '\(stored.path)' WITH (FORMAT csv)")
                }
                _ = try cluster.psql("bench0", "CREATE TABLE indexed_\(run) (LIKE records INCLUDING ALL)")
                try cluster.checkpoint()
                started = Date()
                _ = try cluster.psql("bench0", "\\copy indexed_\(run) (\(Self.storedColumns)) FROM '\(stored.path)' WITH (FORMAT csv)")
                copyFloor.append(Date().timeIntervalSince(started))
            }
            results.append(("PostgreSQL", copyReference, copyFloor, pgFull))
        }

        say("")
        say("自带批量导入：原始文件导入无索引的普通表；同索引表：全流程存下的行再由自带工具导入与 records 相同索引的空表")
        if runs > 1 {
            say("同索引表与全流程各测 \(runs) 次、交替进行，表中为中位数；全流程/同索引表为每次前后相邻两项之比的中位数")
        }
        say("数据库        自带→普通表(行/秒)  自带→同索引表(行/秒)  全流程(行/秒)  全流程/普通表  全流程/同索引表")
        let median = ScorecardBenchmark.median
        for (name, reference, floors, fulls) in results {
            let full = median(fulls)
            say(String(format: "%@  %18.0f  %20.0f  %13.0f  %13.2f  %15.2f", name.padding(toLength: 12, withPad: " ", startingAt: 0),
                       Double(rows) / reference, Double(rows) / median(floors), Double(rows) / full, reference / full,
                       median(zip(floors, fulls).map { $0 / $1 })))
        }
        if runs > 1 {
            for (name, _, floors, fulls) in results {
                let each = zip(floors, fulls).map { String(format: "%.2f", $0 / $1) }.joined(separator: "、")
                let rates = fulls.map { Double(rows) / $0 }
                say(String(format: "%@ 每次全流程/同索引表：%@（全流程 %.0f–%.0f 行/秒）", name, each, rates.min() ?? 0, rates.max() ?? 0))
            }
        }
        // Each run's database stays open (with its connection's page cache) until the command ends.
        say(String(format: "进程峰值内存（VmHWM）：%.0f MB", Double(peakMemoryKB()) / 1024) + (runs > 1 ? "（含前几次仍打开的数据库连接缓存）" : ""))
    }

    /// The columns of `records` an ingest writes (the id is the table's own).
    static let storedColumns = "dataset, record_id, uscc, content, hash, event_date, batch_id, version, collected_at"

    /// Migrates an empty database and loads the file through the same path as `xyd ingest`.
    func fullPath(database: any Database, file: URL, dataset: DatasetSpec) async throws -> Double {
        for migration in Schema.migrations { try await migration.prepare(on: database) }
        if let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" {
            // Stated because it matters: `xyd serve` switches its database to WAL, which costs a checkpoint at commit.
            struct Mode: Decodable { let journal_mode: String }
            struct Page: Decodable { let page_size: Int }
            let mode = try await sql.raw("PRAGMA journal_mode").first(decoding: Mode.self)?.journal_mode ?? "?"
            let page = try await sql.raw("PRAGMA page_size").first(decoding: Page.self)?.page_size ?? 0
            say("  SQLite 日志模式 \(mode)，页大小 \(page) 字节（xyd serve 的数据库为 WAL 模式）")
        }
        if let sql = database as? any SQLDatabase {
            let started = Date()
            for _ in 0..<200 { _ = try await sql.raw("SELECT 1 AS one").first() }
            say(String(format: "  数据库往返：%.2f 毫秒/次", Date().timeIntervalSince(started) / 200 * 1000))
        }
        let principal = Principal(name: "bench", displayName: "基准测试", role: .creditCenter, department: nil)
        let request = BatchRequest(dataset: dataset, departmentID: nil, source: .cli, fileName: file.lastPathComponent,
                                   submittedBy: principal.name)
        let chunks = FileChunks(url: file)
        let bar = ProgressBar(total: chunks.size, label: "导入")
        let started = Date()
        var ingestor = BatchIngestor(database: database)
        let phases = PhaseBox()
        ingestor.onPhases = { phases.value = $0 }
        let summary = try await ingestor.ingest(request, chunks: chunks) {
            bar.update(bytes: $0.bytesRead, rows: $0.rows)
        }
        bar.finish()
        let elapsed = Date().timeIntervalSince(started)
        say(String(format: "  全流程：提交 %d，接收 %d，拒收 %d，重复 %d，用时 %.2f 秒",
                   summary.submitted, summary.accepted, summary.rejected, summary.duplicates, elapsed))
        if let p = phases.value {
            // The reading task and the writer overlap: parse and the writer's phases each fit within the wall time.
            let path = switch p.path {
            case .sqliteNative: "SQLite C 接口逐行预编译插入"
            case .sqlStatements: "多行 INSERT 语句"
            case .postgresCopy: "COPY"
            }
            say("  写入方式：\(path)")
            if p.insertCPU > 0 {
                say(String(format: "  CPU 时间（秒，不含等待 CPU）：解析校验 %.2f，SQLite 插入 %.2f", p.parseCPU, p.insertCPU))
            } else {
                say(String(format: "  CPU 时间（秒，不含等待 CPU）：解析校验 %.2f", p.parseCPU))
            }
            say(String(format: "  分阶段（秒，读取与写库并行）：解析校验 %.2f｜写库：等待解析 %.2f，查已有 %.2f，插入 %.2f（重试块 %d），更新 %.2f，登记 %.2f，隔离 %.2f，收尾与提交 %.2f",
                       p.parse, p.writerWaiting, p.lookup, p.insert, p.retriedChunks, p.update, p.registry, p.quarantine,
                       elapsed - p.writerWaiting - p.lookup - p.insert - p.update - p.registry - p.quarantine))
        }
        return elapsed
    }
}

/// Where the bench's ingestor reports its phases.
final class PhaseBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: IngestPhases?
    var value: IngestPhases? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Peak resident memory of this process in KiB (Linux), 0 elsewhere.
func peakMemoryKB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}

/// `xyd bench evaluate`: a generated city loaded into a fresh SQLite database, then every firm evaluated
/// from the database, timed.
struct EvaluateBench {
    let app: Application
    let enterprises: Int

    func run() async throws {
        let console = app.console
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-eval-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var started = Date()
        let city = work.appendingPathComponent("city", isDirectory: true)
        _ = try CityGenerator(config: .init(asOf: Date(), enterprises: enterprises, months: 24, seed: 2026)).write(to: city)
        console.print(String(format: "生成 %d 家企业的城市，用时 %.1f 秒", enterprises, Date().timeIntervalSince(started)))

        let id = DatabaseID(string: "bench-evaluate")
        app.databases.use(.sqlite(.file(work.appendingPathComponent("city.sqlite").path), maxConnectionsPerEventLoop: 1), as: id)
        let database = app.db(id)
        for migration in Schema.migrations { try await migration.prepare(on: database) }
        started = Date()
        var rows = 0
        for dataset in app.platform.catalog.datasets {
            let file = city.appendingPathComponent("\(dataset.id).csv")
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            let request = BatchRequest(dataset: dataset, departmentID: nil, source: .cli, fileName: file.lastPathComponent,
                                       submittedBy: "bench")
            rows += try await BatchIngestor(database: database).ingest(request, chunks: FileChunks(url: file)).submitted
        }
        let loadSeconds = Date().timeIntervalSince(started)
        console.print(String(format: "导入 %d 行，用时 %.1f 秒", rows, loadSeconds))

        let firms = try await RecordStore(database: database).allFirms()
        let records = try await RecordStore(database: database).countsByDataset().values.reduce(0, +)
        let bar = ProgressBar(total: Int64(firms.count), label: "评价")
        started = Date()
        try await Evaluations.refresh(database: database, model: app.platform.evaluationModel, firms: firms, asOf: .today()) {
            bar.update(bytes: Int64($0), rows: $0)
        }
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        console.print(String(format: "评价 %d 家企业（%d 条记录），用时 %.1f 秒：%.0f 家/秒，%.0f 条记录/秒",
                             firms.count, records, seconds, Double(firms.count) / seconds, Double(records) / seconds))
        console.print(String(format: "进程峰值内存（VmHWM）：%.0f MB", Double(peakMemoryKB()) / 1024))
    }
}
