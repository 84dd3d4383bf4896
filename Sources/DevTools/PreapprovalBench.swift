import App
import Domain
import Fluent
import FluentSQLiteDriver
import Foundation
import Persistence
import Services
import SQLKit
import SQLiteNIO
import Vapor

/// `xyd bench preapproval`: a bank's pre-approval run over a city of `firms` registered firms, each with an active
/// enterprise account and an evaluation (grades A+–D- spread like a city's), 1 % on a court's dishonesty list and a
/// tenth on the 推荐清单, in a fresh SQLite file: the run (bulk reads, pricing, every offer written with its log
/// entry) by the bank's scorecard, then by an uploaded probability file, each timed, with the process's peak memory
/// over the run (the peak is reset after the city is loaded).
public struct PreapprovalBench {
    let app: Application
    let firms: Int

    public init(app: Application, firms: Int) { self.app = app; self.firms = firms }

    func say(_ text: String) { app.console.print(text) }

    static func code(_ i: Int) -> String { SampleCode.uscc(i) }

    public func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-preapproval-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let id = DatabaseID(string: "bench-preapproval")
        app.databases.use(.sqlite(.file(work.appendingPathComponent("city.sqlite").path), maxConnectionsPerEventLoop: 1), as: id)
        let database = app.db(id)
        for migration in Schema.migrations { try await migration.prepare(on: database) }
        var started = Date()
        try await load(on: database)
        say(String(format: "写入 %d 家注册企业（企业账户、信用评价，1%% 失信、10%% 在推荐清单），用时 %.1f 秒", firms, Date().timeIntervalSince(started)))

        let bank = try await AccountStore(database: database).createInstitution(code: "bench-bank", name: "基准银行", kind: .bank)
        let product = try await ProductStore(database: database).save(LoanProduct(
            id: "", institutionID: String(bank.id), name: "工信e贷", type: .pureCredit,
            amountRange: AmountRange(minYuan: 10_000, maxYuan: 3_000_000), rateRange: RateRange(minBasisPoints: 350, maxBasisPoints: 600),
            termRange: TermRange(minMonths: 1, maxMonths: 12), repaymentMethods: RepaymentMethod.allCases, status: .online))
        let context = ServiceContext(platform: app.platform, database: database,
                                     runtime: Runtime(commits: database, usesSQLite: true, encodeProfile: { _ in ByteBuffer() }),
                                     passwords: NoPasswords())
        let principal = Principal(name: "bench-staff", displayName: "基准", role: .institutionStaff, department: nil, institution: bank)
        let grades = PreapprovalTable(basis: .grade, bands: [
            .init(grade: "A+", maxLimit: Cents(yuan: 3_000_000), rates: RateRange(minBasisPoints: 380, maxBasisPoints: 400), termMonths: 12),
            .init(grade: "A", maxLimit: Cents(yuan: 2_000_000), rates: RateRange(minBasisPoints: 390, maxBasisPoints: 410), termMonths: 12),
            .init(grade: "B", maxLimit: Cents(yuan: 1_000_000), rates: RateRange(minBasisPoints: 400, maxBasisPoints: 420), termMonths: 12),
            .init(grade: "C", maxLimit: Cents(yuan: 500_000), rates: RateRange(minBasisPoints: 420, maxBasisPoints: 480), termMonths: 12),
        ], ceiling: DefaultProbability(ppm: 100_000))
        let validUntil = Day.today().adding(days: 30)

        Self.resetPeak()
        started = Date()
        let cpu = Self.cpuSeconds()
        let byScorecard = try await Preapprovals.run(context, principal, .init(
            productID: Int64(product.id) ?? 0, validUntil: validUntil, requireRecommended: false, source: .scorecard, table: grades))
        say(String(format: "银行评分卡、按等级定价：%d 家中 %d 家获预授信（合计 %@），用时 %.2f 秒（CPU %.2f 秒；其中测算 %.2f 秒），峰值内存 %.0f MB",
                   byScorecard.universe, byScorecard.offers, byScorecard.offeredTotal.wanYuanText, Date().timeIntervalSince(started),
                   Self.cpuSeconds() - cpu, Double(byScorecard.elapsedMillis) / 1000, Double(peakMemoryKB()) / 1024))
        say("  排除：" + byScorecard.excluded.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "，"))

        // An uploaded file (a joint model's output) for every firm, priced by probability band; it supersedes the first run's offers.
        var csv = "uscc,probability\n"
        for i in 0..<firms { csv += "\(Self.code(i)),\(Double((i * 7_919) % 60_000 + 500) / 1_000_000)\n" }
        let bands = PreapprovalTable(basis: .probability, bands: [
            .init(upTo: DefaultProbability(ppm: 5_000), maxLimit: Cents(yuan: 3_000_000), rates: RateRange(minBasisPoints: 380, maxBasisPoints: 400), termMonths: 12),
            .init(upTo: DefaultProbability(ppm: 20_000), maxLimit: Cents(yuan: 1_500_000), rates: RateRange(minBasisPoints: 400, maxBasisPoints: 420), termMonths: 12),
            .init(upTo: DefaultProbability(ppm: 50_000), maxLimit: Cents(yuan: 500_000), rates: RateRange(minBasisPoints: 420, maxBasisPoints: 500), termMonths: 12),
        ], ceiling: DefaultProbability(ppm: 50_000))
        Self.resetPeak()
        started = Date()
        let parsed = try Preapprovals.parseProbabilities(csv)
        let parseSeconds = Date().timeIntervalSince(started)
        let cpu2 = Self.cpuSeconds()
        let uploaded = try await Preapprovals.run(context, principal, .init(
            productID: Int64(product.id) ?? 0, validUntil: validUntil, requireRecommended: false, source: .uploaded, table: bands,
            probabilities: parsed))
        say(String(format: "上传概率文件、按概率分档（并替代上一批次的要约）：%d 家获预授信（合计 %@），读文件 %.2f 秒，运行 %.2f 秒（CPU %.2f 秒；其中测算 %.2f 秒），峰值内存 %.0f MB",
                   uploaded.offers, uploaded.offeredTotal.wanYuanText, parseSeconds, Date().timeIntervalSince(started) - parseSeconds,
                   Self.cpuSeconds() - cpu2, Double(uploaded.elapsedMillis) / 1000, Double(peakMemoryKB()) / 1024))
        started = Date()
        let cpu3 = Self.cpuSeconds()
        let recommended = try await Preapprovals.run(context, principal, .init(
            productID: Int64(product.id) ?? 0, validUntil: validUntil, requireRecommended: true, source: .scorecard, table: grades))
        say(String(format: "仅推荐清单：%d 家获预授信，用时 %.2f 秒（CPU %.2f 秒；其中测算 %.2f 秒）", recommended.offers,
                   Date().timeIntervalSince(started), Self.cpuSeconds() - cpu3, Double(recommended.elapsedMillis) / 1000))
        say("\(ProcessInfo.processInfo.activeProcessorCount) 核；SQLite 文件库")
    }

    /// Registry rows, enterprise accounts, evaluations, the dishonesty records and the 推荐清单 entries, 500 rows a statement.
    func load(on database: any Database) async throws {
        let firms = self.firms
        try await database.transaction { tx in try await Self.load(sqlite: tx, firms: firms) }
    }

    static func load(sqlite tx: any Database, firms: Int) async throws {
        guard let sqlite = tx as? any SQLiteDatabase else { throw DomainError.unavailable("需要 SQLite") }
        let grades = ["A+", "A", "A", "B", "B", "B", "C", "C", "C-", "D"], scales = ["微型", "小型", "小型", "中型"]
        let millis = Int(epochMillis())
        func insert(_ table: String, _ columns: [String], _ rows: (Int) -> [SQLiteData]?) async throws {
            var start = 0
            while start < firms {
                var binds: [SQLiteData] = [], count = 0
                for i in start..<min(firms, start + 500) { if let row = rows(i) { binds += row; count += 1 } }
                start += 500
                guard count > 0 else { continue }
                let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
                _ = try await sqlite.query("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                                           + Array(repeating: row, count: count).joined(separator: ","), binds)
            }
        }
        try await insert("enterprises", ["uscc", "name", "entity_type", "legal_rep", "legal_rep_id", "reg_capital_wan", "established_on",
                                         "industry", "district", "scale", "status", "address", "record_count", "updated_at"]) { i in
            [.text(code(i)), .text("基准企业\(i)有限公司"), .text("企业"), .text("张三"), .text("210202198001011234"), .text("500"),
             .text("2015-06-01"), .text("C"), .text("210202"), .text(scales[i % scales.count]), .text("存续"), .text("大连市"), .integer(0),
             .integer(millis)]
        }
        try await insert("users", ["username", "display_name", "password_hash", "role", "created_at", "uscc", "status"]) { i in
            [.text("bench-firm-\(i)"), .text("企业\(i)"), .text("x"), .text("enterprise"), .integer(millis), .text(code(i)), .text("active")]
        }
        try await insert("evaluations", ["uscc", "score", "grade", "model_version", "as_of", "detail", "evaluated_at"]) { i in
            let grade = grades[i % grades.count]
            return [.text(code(i)), .integer(900 - (i % grades.count) * 45 - i % 13), .text(grade), .integer(1), .text("2026-01-01"),
                    .text("{}"), .integer(millis)]
        }
        try await insert("records", ["dataset", "record_id", "uscc", "content", "hash", "event_date", "batch_id", "version", "collected_at"]) { i in
            guard i % 100 == 37 else { return nil }
            return [.text("judicial.dishonest"), .text("D\(i)"), .text(code(i)),
                    .text("{\"case_no\":\"(2025)辽0202执\(i)号\",\"listed_on\":\"2025-03-01\",\"removed_on\":\"\"}"), .text("h"),
                    .text("2025-03-01"), .integer(1), .integer(1), .integer(millis)]
        }
        try await insert("recommendation_entries", ["uscc", "status", "source", "referrer", "detail", "created_at", "updated_at"]) { i in
            guard i % 10 == 3 else { return nil }
            return [.text(code(i)), .text("listed"), .text("bench"), .text("bench"), .text("{}"), .integer(millis), .integer(millis)]
        }
    }

    /// Resets the process's peak resident size (Linux: `5` to `/proc/self/clear_refs`), so the next reading is the run's.
    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

/// Valid codes for generated firms: a 17-character body completed with its check character.
enum SampleCode {
    static func uscc(_ i: Int) -> String {
        let digits = String(i)
        let body = "912102" + String(repeating: "0", count: max(0, 11 - digits.count)) + digits
        return (try? USCC.completing(body: body).value) ?? body
    }
}
