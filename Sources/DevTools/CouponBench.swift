import App
import Domain
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Persistence
import Services
import SQLKit
import Vapor

/// `xyd bench coupons`: concurrent redemption of digital credit coupons at disbursement. A programme whose budget bears
/// exactly `budgetFor` redemptions, `attempts` coupons each attached to its own application, then `concurrency` workers
/// disbursing all of them at once through the same unit of work the platform uses (`CouponDisbursement.openLoan`: the
/// coupon locked, the estimate charged by one conditional update, the loan opened). Reports disbursements per second and
/// checks that exactly `budgetFor` coupons were redeemed and the budget was never overspent, on SQLite and PostgreSQL.
struct CouponBench {
    let app: Application
    let attempts: Int
    let budgetFor: Int
    let concurrency: Int
    let postgres: Bool

    func say(_ text: String) { app.console.print(text) }

    struct Result { var seconds = 0.0; var redeemed = 0; var loans = 0; var budget = Cents.zero; var charged = Cents.zero; var cost = Cents.zero }
    struct Missing: Error {}

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-coupons-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        say("\(attempts) 笔放款各带一张信用券，预算恰好可核销 \(budgetFor) 张，\(concurrency) 个并发放款；\(ProcessInfo.processInfo.activeProcessorCount) 核")
        var results: [(String, Result)] = []
        let file = work.appendingPathComponent("coupons.sqlite")
        let sqliteID = DatabaseID(string: "bench-coupons-sqlite")
        app.databases.use(.sqlite(.file(file.path), maxConnectionsPerEventLoop: 1), as: sqliteID)
        let sqlite = app.db(sqliteID)
        if let sql = sqlite as? any SQLDatabase { try await sql.raw("PRAGMA journal_mode = WAL").run() }
        results.append(("SQLite", try await measure(sqlite)))
        if postgres {
            let cluster = try ThrowawayPostgres.start(durable: true)
            defer { cluster.stop() }
            let url = try cluster.createDatabase("benchcoupons")
            let pgID = DatabaseID(string: "bench-coupons-pg")
            try app.databases.use(.postgres(url: url), as: pgID)
            results.append(("PostgreSQL", try await measure(app.db(pgID))))
        }
        say("")
        say("数据库        放款(笔/秒)  核销(张)  应核销(张)  放款(笔)  预算            已占用          超支")
        for (name, r) in results {
            let over = max(r.charged - r.budget, .zero)
            say(String(format: "%@  %11.0f  %8d  %10d  %8d  %@  %@  %@", name.padding(toLength: 12, withPad: " ", startingAt: 0),
                       Double(attempts) / r.seconds, r.redeemed, min(budgetFor, attempts), r.loans,
                       r.budget.yuanText.padding(toLength: 14, withPad: " ", startingAt: 0),
                       r.charged.yuanText.padding(toLength: 14, withPad: " ", startingAt: 0), over.yuanText))
            if r.redeemed != min(budgetFor, attempts) || over.isPositive || r.charged != Cents(r.cost.value * Int64(r.redeemed)) {
                say("！\(name)：核销张数或预算占用与预期不符")
            }
        }
    }

    func measure(_ database: any Database) async throws -> Result {
        for migration in Schema.migrations { try await migration.prepare(on: database) }
        let today = Day.today()
        let terms = LoanTerms(amount: Cents(12_000_000), rate: AnnualRate(basisPoints: 420), termMonths: 12, method: .equalPrincipal)
        let cost = try CouponInterest.apply(.rateCut(basisPoints: 20), to: terms, start: today).estimate
        let version = CouponProgrammeVersion(
            version: 0, effectiveFrom: today, name: "压测信用券", budget: Cents(cost.value * Int64(budgetFor)), face: .rateCut(basisPoints: 20),
            eligibility: CouponEligibility(), perFirm: 1, issueFrom: today, issueUntil: today, expiresOn: today.adding(days: 365))
        let programme = try await CouponProgrammeStore(database: database).save(code: "bench", version, actor: "bench", at: Date())
        guard let saved = programme.latest else { throw Missing() }
        let store = CouponStore(database: database)
        let coupons = try await store.issue(programme: programme, version: saved,
                                            firms: (0..<attempts).map { (uscc: "BENCH\($0)", name: "压测企业\($0)") }, on: today,
                                            actor: "bench", at: Date())
        for (n, coupon) in coupons.enumerated() {
            _ = try await store.attach(couponID: coupon.id, uscc: coupon.uscc, to: .application(Int64(n + 1)), on: today, actor: "bench", at: Date())
        }
        let applications = coupons.enumerated().map { n, coupon in
            ApplicationStore.Stored(id: Int64(n + 1), uscc: coupon.uscc, firmName: coupon.firmName, productID: 1, productName: "压测产品",
                                    institutionID: 1, authorisationID: nil, requestedAmount: terms.amount, requestedTermMonths: 12,
                                    requestedMethod: .equalPrincipal, purpose: "压测")
        }
        let started = Date()
        let workers = max(1, concurrency)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    for application in applications.enumerated().filter({ $0.offset % workers == worker }).map(\.element) {
                        try await database.write { unit in
                            try await CouponDisbursement.openLoan(in: unit, application: application, terms: terms, disbursedOn: today,
                                                                  today: today, thresholds: .default, actor: "bench", at: Date())
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        var result = Result(seconds: Date().timeIntervalSince(started), cost: cost)
        guard let sql = database as? any SQLDatabase else { throw Missing() }
        struct N: Decodable { let n: Int }
        result.redeemed = try await sql.raw("SELECT COUNT(*) AS n FROM coupons WHERE status = 'redeemed'").first(decoding: N.self)?.n ?? 0
        result.loans = try await sql.raw("SELECT COUNT(*) AS n FROM loans").first(decoding: N.self)?.n ?? 0
        result.budget = saved.budget
        result.charged = try await CouponProgrammeStore(database: database).charged(programmeID: programme.id)
        return result
    }
}
