import App
import DemoCity
import Domain
import Fluent
import FluentSQLiteDriver
import Foundation
import Persistence
import Services
import SQLKit
import Vapor

/// `xyd bench monitor`: post-loan monitoring on a generated city. The city is loaded into a fresh SQLite file,
/// `borrowers` firms get a live loan at one of three banks (rows written straight into `loans` with the columns the
/// scan reads — overdue days, class, settled — and an empty detail: the bench database has no applications), the
/// first full scan stores every borrower's baseline, then a batch of new court listings and penalties for about 1 %
/// of the firms is ingested and the scan of the firms it touched is timed (the after-batch job), and the full daily
/// scan is timed on the changed city after a day's reclassification (the firms whose inputs changed, plus the day's
/// turn of the weekly full re-read), against a forced full scan (every monitored firm read, diffed and scored).
public struct MonitorScanBench {
    let app: Application
    let enterprises: Int
    let borrowers: Int

    public init(app: Application, enterprises: Int, borrowers: Int) {
        self.app = app; self.enterprises = enterprises; self.borrowers = borrowers
    }

    public func run() async throws {
        let console = app.console
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-monitor-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var started = Date()
        let city = work.appendingPathComponent("city", isDirectory: true)
        _ = try CityGenerator(config: .init(asOf: Date(), enterprises: enterprises, months: 24, seed: 2026)).write(to: city)
        console.print(String(format: "生成 %d 家企业的城市，用时 %.1f 秒", enterprises, Date().timeIntervalSince(started)))

        let id = DatabaseID(string: "bench-monitor")
        app.databases.use(.sqlite(.file(work.appendingPathComponent("city.sqlite").path), maxConnectionsPerEventLoop: 1), as: id)
        let database = app.db(id)
        for migration in Schema.migrations { try await migration.prepare(on: database) }
        started = Date()
        var rows = 0
        for dataset in app.platform.catalog.datasets {
            let file = city.appendingPathComponent("\(dataset.id).csv")
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            rows += try await ingest(dataset, file, on: database)
        }
        console.print(String(format: "导入 %d 行，用时 %.1f 秒", rows, Date().timeIntervalSince(started)))

        let firms = try await RecordStore(database: database).allFirms().sorted()
        let lent = try await lend(to: Array(firms.prefix(borrowers)), on: database)
        console.print("在贷企业 \(lent) 家（三家银行，约 3% 逾期）")
        // The scan's context on the bench database (no request, no sign-in: no password hasher is used).
        let context = ServiceContext(platform: app.platform, database: database,
                                     runtime: Runtime(commits: database, usesSQLite: true, encodeProfile: { _ in ByteBuffer() }),
                                     passwords: NoPasswords())

        started = Date()
        let baseline = try await MonitoringScan.scanAll(context)
        let baselineSeconds = Date().timeIntervalSince(started)
        console.print(String(format: "首次全量扫描（建立基线）：%d 家，用时 %.2f 秒", baseline.baselined, baselineSeconds))

        // A day's batch: new court listings and penalties for 1 % of the firms.
        let changed = changedFirms(firms, offset: 7)
        started = Date()
        let batchIDs = try await changeBatch(changed, in: work, on: database)
        console.print(String(format: "当日批次：%d 家企业的新记录，导入用时 %.2f 秒", changed.count, Date().timeIntervalSince(started)))
        var touched: Set<String> = []
        for batchID in batchIDs { touched.formUnion(try await RecordStore(database: database).firms(touchedBy: batchID)) }

        started = Date()
        let incremental = try await MonitoringScan.scan(context, firms: Array(touched))
        let incrementalSeconds = Date().timeIntervalSince(started)
        console.print(String(format: "批次后扫描：%d 家受影响企业中 %d 家在监测，%d 个信号，新预警 %d 条，用时 %.2f 秒",
                             touched.count, incremental.monitored, incremental.signals, incremental.opened, incrementalSeconds))

        // The same batch again for other firms, and a day's reclassification (every overdue loan one day later),
        // then the daily scan finds them (no after-batch scan in between). It reads the records again only of the
        // firms whose inputs may have changed; the forced full scan reads every monitored firm, as a reference.
        // As a daily scan finds them: the city and the first batch arrived the day before yesterday, the baseline scan
        // ran yesterday, so the scan's one-hour margin for late commits covers none of them.
        try await database.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return }
            try await sql.raw("UPDATE batches SET finished_at = finished_at - 172800000, started_at = started_at - 172800000").run()
            try await sql.raw("""
                UPDATE monitoring_scans SET started_at = started_at - 86400000, wall_started_at = wall_started_at - 86400000,
                  finished_at = finished_at - 86400000
                """).run()
        }
        let more = changedFirms(firms, offset: 53)
        _ = try await changeBatch(more, in: work, on: database, tag: "B")
        try await database.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return }
            try await sql.raw("UPDATE loans SET overdue_days = overdue_days + 1 WHERE overdue_days > 0").run()
        }
        started = Date()
        let daily = try await MonitoringScan.scanAll(context)
        let dailySeconds = Date().timeIntervalSince(started)
        console.print(String(format: "每日扫描：%d 家在监测企业，重读 %d 家（新批次、贷款或名单变化、每周轮换），%d 家有变化，%d 个信号，新预警 %d 条，用时 %.2f 秒",
                             daily.monitored, daily.reread, daily.changed, daily.signals, daily.opened, dailySeconds))
        started = Date()
        let quiet = try await MonitoringScan.scanAll(context)
        console.print(String(format: "无变化时的每日扫描：%d 家，重读 %d 家，用时 %.2f 秒", quiet.monitored, quiet.reread,
                             Date().timeIntervalSince(started)))
        started = Date()
        let full = try await MonitoringScan.scanAll(context, full: true)
        let fullSeconds = Date().timeIntervalSince(started)
        console.print(String(format: "强制全量扫描（参照）：%d 家全部重读，用时 %.2f 秒（%.0f 家/秒）；每日扫描用时为其 %.2f 倍",
                             full.reread, fullSeconds, Double(full.reread) / fullSeconds, dailySeconds / fullSeconds))
        console.print(String(format: "进程峰值内存（VmHWM）：%.0f MB", Double(peakMemoryKB()) / 1024))
    }

    func ingest(_ dataset: DatasetSpec, _ file: URL, on database: any Database) async throws -> Int {
        let request = BatchRequest(dataset: dataset, departmentID: nil, source: .cli, fileName: file.lastPathComponent, submittedBy: "bench")
        return try await BatchIngestor(database: database).ingest(request, chunks: FileChunks(url: file)).submitted
    }

    /// Every 100th firm (`offset` picks which): 1 % of the city, borrowers among them in their share.
    func changedFirms(_ firms: [String], offset: Int) -> [String] {
        firms.enumerated().filter { $0.offset % 100 == offset }.map(\.element)
    }

    /// Ingests a court listing and a serious penalty for each firm; the batches' ids.
    func changeBatch(_ firms: [String], in work: URL, on database: any Database, tag: String = "A") async throws -> [Int64] {
        let today = Day.today().description
        var dishonest = "record_id,uscc,case_no,listed_on,removed_on,obligation\n"
        var penalties = "record_id,uscc,decision_no,decided_on,authority,severity,violation,amount\n"
        for (n, uscc) in firms.enumerated() {
            dishonest += "BM\(tag)\(n),\(uscc),（2026）辽0202执\(tag)\(n)号,\(today),,给付货款\n"
            penalties += "PM\(tag)\(n),\(uscc),大市监罚〔2026〕\(tag)\(n)号,\(today),大连市市场监督管理局,严重,无证经营,20000\n"
        }
        var ids: [Int64] = []
        for (dataset, text) in [("judicial.dishonest", dishonest), ("admin.penalty", penalties)] {
            guard let spec = app.platform.catalog.datasets.first(where: { $0.id == dataset }) else { continue }
            let file = work.appendingPathComponent("change-\(tag)-\(dataset).csv")
            try Data(text.utf8).write(to: file)
            let request = BatchRequest(dataset: spec, departmentID: nil, source: .cli, fileName: file.lastPathComponent, submittedBy: "bench")
            ids.append(try await BatchIngestor(database: database).ingest(request, chunks: FileChunks(url: file)).id)
        }
        return ids
    }

    /// Three banks and one live loan per borrower (about 3 % of them 35–120 days overdue), inserted in bulk.
    func lend(to firms: [String], on database: any Database) async throws -> Int {
        let accounts = AccountStore(database: database)
        var banks: [Int64] = []
        for (code, name) in [("bench-a", "大连银行"), ("bench-b", "大连农商银行"), ("bench-c", "招商银行大连分行")] {
            banks.append(try await accounts.createInstitution(code: code, name: name, kind: .bank).id)
        }
        let now = epochMillis()
        let lenders = banks
        try await database.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return }
            for start in stride(from: 0, to: firms.count, by: 500) {
                var values: [String] = []
                for n in start..<min(start + 500, firms.count) {
                    let overdue = n % 33 == 5 ? 35 + n % 86 : 0
                    let grade = overdue > 90 ? LoanClass.substandard : overdue > 0 ? .specialMention : .normal
                    values.append("(\(n + 1), \(lenders[n % lenders.count]), '\(firms[n])', '{}', '\(grade.rawValue)', \(overdue), 10000000, 0, \(now))")
                }
                try await sql.raw(SQLQueryString("""
                    INSERT INTO loans (application_id, institution_id, uscc, detail, classification, overdue_days, outstanding, settled, updated_at)
                    VALUES
                    """ + values.joined(separator: ", "))).run()
            }
        }
        return firms.count
    }
}

/// The bench signs nobody in.
struct NoPasswords: Services.PasswordHasher {
    func hash(_ password: String) async throws -> String { throw DomainError.forbidden("bench") }
    func verify(_ password: String, created: String) async throws -> Bool { false }
}
