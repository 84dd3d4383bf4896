import Fluent
import App
import Domain
import FluentSQLiteDriver
import Foundation
import Persistence
import Services
import SQLKit
import Vapor

/// `xyd bench api`: starts a demo server (`xyd demo`) in a scratch data directory as a child process, then
/// drives it over loopback with many concurrent clients and reports throughput and p50/p99 latency for
/// the authorised credit report, an auto-approved application and a static file (the ceiling), in one run.
struct APIBench {
    let app: Application
    let enterprises: Int
    let concurrency: Int
    let seconds: Double
    /// `wrk` when installed (unless the Swift client is asked for); otherwise the Swift client.
    let wrk: WrkLoad?

    func say(_ text: String) { app.console.print(text) }

    struct Outcome {
        let name: String
        let requests: Int
        let errors: Int
        let seconds: Double
        /// Latency at the 50th and 99th percentile, in seconds.
        let p50: Double
        let p99: Double
        /// A few failed answers ("status body…"), when the load generator could say.
        var failures: [String] = []
        var throughput: Double { Double(requests) / seconds }

        init(name: String, requests: Int, errors: Int, seconds: Double, p50: Double, p99: Double) {
            (self.name, self.requests, self.errors, self.seconds, self.p50, self.p99) = (name, requests, errors, seconds, p50, p99)
        }

        init(name: String, errors: Int, seconds: Double, latencies: [Double]) {
            let sorted = latencies.sorted()
            func percentile(_ p: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
            }
            self.init(name: name, requests: sorted.count, errors: errors, seconds: seconds, p50: percentile(0.5), p99: percentile(0.99))
        }
    }

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-api-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let port = try ThrowawayPostgres.freePort()
        let base = "http://127.0.0.1:\(port)"
        var environment = ProcessInfo.processInfo.environment
        environment["XYD_DATA_DIR"] = work.path
        environment["XYD_PORT"] = String(port)
        environment["XYD_LOG_LEVEL"] = "warning"
        environment.removeValue(forKey: "DATABASE_URL")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        say("启动演示服务器（\(enterprises) 家企业）：\(base)")
        let server = try Subprocess.spawn(executable, ["demo", "--enterprises", String(enterprises)], environment: environment,
                                          outputPath: work.appendingPathComponent("server.log").path)
        defer { server.terminate() }
        var ready = false
        for _ in 0..<1200 where !ready {
            if let response = try? await app.client.get(URI(string: base + "/healthz")), response.status == .ok { ready = true } else {
                try await Task.sleep(for: .milliseconds(250))
            }
        }
        guard ready else { throw DomainError.conflict("演示服务器未能启动，见 \(work.path)/server.log") }

        // Tokens for a bank and for the demo firm (signed, authorised, grade A), made in the server's database.
        let id = DatabaseID(string: "bench-api")
        app.databases.use(.sqlite(.file(work.appendingPathComponent("xyd.sqlite").path), maxConnectionsPerEventLoop: 1), as: id)
        let accounts = AccountStore(database: app.db(id))
        guard let bank = try await accounts.institution(code: "dlbank"), let firm = try await accounts.user(username: "firm-demo"),
              let uscc = firm.uscc else { throw DomainError.notFound("演示数据中的银行或企业账户") }
        say("等待演示服务器的后台任务完成……")
        try await settle(app.db(id))
        let bankToken = try await accounts.createToken(name: "bench-bank", role: .institutionStaff, departmentID: nil, institutionID: bank.id)
        _ = uscc

        // nginx (when installed) serves the same stylesheet: the reference every route is measured against.
        let css = try await app.client.get(URI(string: base + "/static/app.css")).body.map { String(buffer: $0) } ?? ""
        let reference = try NginxReference.start(serving: css, scratch: work)
        defer { reference?.stop() }
        if let reference {
            var up = false
            for _ in 0..<100 where !up {
                if let response = try? await app.client.get(URI(string: reference.url)), response.status == .ok { up = true } else {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            guard up else { throw DomainError.conflict("nginx 未能启动，见 \(work.path)/nginx/logs") }
        }
        var outcomes: [Outcome] = []
        if let reference {
            outcomes.append(try await measure("nginx 静态文件 app.css（参照）", reference.url, method: .GET, token: nil, body: nil, scratch: work))
        }
        // Each scenario checks its first answer, then runs for the same time with the same clients.
        let staticRoute = try await measure("静态文件 /static/app.css", base + "/static/app.css", method: .GET, token: nil, body: nil, scratch: work)
        outcomes.append(staticRoute)
        outcomes.append(try await measure("健康检查 GET /healthz", base + "/healthz", method: .GET, token: nil, body: nil, scratch: work))
        outcomes.append(try await measure("登录页 GET /login", base + "/login", method: .GET, token: nil, body: nil, scratch: work))
        outcomes.append(try await measure("产品超市 GET /public/products", base + "/public/products", method: .GET, token: nil, body: nil,
                                          scratch: work))
        let report = try await measure("授权信用报告 GET /api/v1/enterprises/{uscc}/report", base + "/api/v1/enterprises/\(uscc)/report",
                                       method: .GET, token: bankToken, body: nil, scratch: work)
        outcomes.append(report)
        // A firm may have one open application per product, so every application of the run is a different
        // (firm, product) pair: firms with a commitment, an authorisation and a token each, made here (after the
        // pages above, since copies of products would lengthen the product supermarket).
        say("准备申请企业（每次申请为不同的企业与产品组合）……")
        let applicants = try await BenchApplicants.make(database: app.db(id), catalog: app.platform.catalog, firms: enterprises,
                                                        atLeast: wrk == nil ? 0 : Int(seconds * 2_000) + 1)
        // Their commitments, authorisations and tokens were logged as they were made: the log's sequencing jobs
        // would otherwise run during the measurement (one run: three of 27–68 ms, holding the writers up).
        try await settle(app.db(id))
        let decision = try await measureDecisions("自动审批申请 POST /api/v1/applications", base + "/api/v1/applications",
                                                  applicants: applicants, scratch: work)
        outcomes.append(decision)
        say("")
        say("并发客户端 \(concurrency)，每项 \(Int(seconds)) 秒，压测工具：\(wrk.map { "wrk（\($0.executable)）" } ?? (WrkLoad.find() == nil ? "Swift 客户端（未找到 wrk：apt-get install wrk）" : "Swift 客户端"))；自动审批每次申请不同（\(applicants.count) 组企业与产品可用）：")
        let nginx = reference == nil ? nil : outcomes.first?.throughput
        say("项目                                                   请求数     请求/秒    p50(ms)   p99(ms)  错误" + (nginx == nil ? "" : "  对 nginx"))
        for o in outcomes {
            let ratio = nginx.map { String(format: "  %6.3f×", o.throughput / $0) } ?? ""
            say(String(format: "%@ %8d %10.0f %9.2f %9.2f %5d", o.name.padding(toLength: 52, withPad: " ", startingAt: 0),
                       o.requests, o.throughput, o.p50 * 1000, o.p99 * 1000, o.errors) + ratio)
        }
        for o in outcomes where !o.failures.isEmpty {
            say("\(o.name) 的失败应答（示例）：")
            for failure in o.failures { say("  " + failure) }
        }
        if reference == nil { say("未找到 nginx（apt-get install nginx）：没有参照，只比较本服务自己的路由") }
        if let nginx { say(String(format: "静态文件 / nginx = %.2f（目标 ≥ 0.3）", staticRoute.throughput / nginx)) }
        say(String(format: "信用报告吞吐 / 本服务静态文件 = %.2f（目标 ≥ 0.5）；自动审批 p99 = %.1f ms（目标 < 50 ms）",
                   report.throughput / staticRoute.throughput, decision.p99 * 1000))
        let json = """
            {"concurrency":\(concurrency),"seconds":\(seconds),"nginx_rps":\(nginx.map { String(Int($0)) } ?? "null"),\
            "static_rps":\(Int(staticRoute.throughput)),\
            "report_rps":\(Int(report.throughput)),"report_ratio":\(String(format: "%.3f", report.throughput / staticRoute.throughput)),\
            "report_p50_ms":\(String(format: "%.2f", report.p50 * 1000)),"report_p99_ms":\(String(format: "%.2f", report.p99 * 1000)),\
            "decision_rps":\(Int(decision.throughput)),"decision_p50_ms":\(String(format: "%.2f", decision.p50 * 1000)),\
            "decision_p99_ms":\(String(format: "%.2f", decision.p99 * 1000))}
            """
        say(json)
    }

    /// Waits (at most two minutes) until the server has no background work left: no job due or running (the new
    /// city's evaluations, statistics after each batch) and no transparency-log entry waiting to be sequenced.
    /// Such work would share the cores with the measurements.
    func settle(_ database: any Database) async throws {
        struct Count: Decodable { let n: Int }
        for _ in 0..<240 {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let due = try await (database as? any SQLDatabase)?.raw("""
                SELECT (SELECT COUNT(*) FROM jobs WHERE (status = 'queued' AND run_at <= \(bind: now)) OR status = 'running')
                  + (SELECT COUNT(*) FROM tlog_pending) AS n
                """).first(decoding: Count.self)?.n ?? 0
            if due == 0 { return }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// `concurrency` clients submitting applications back to back for `seconds`, each a pair never sent
    /// before, until the time or the pairs run out. The first answer must be a decision (201).
    func measureDecisions(_ name: String, _ url: String, applicants: [BenchApplicants.Application], scratch: URL) async throws -> Outcome {
        let client = app.client
        let uri = URI(string: url)
        @Sendable func once(_ application: BenchApplicants.Application) async -> (Bool, String) {
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: application.token)
            headers.contentType = .json
            guard let response = try? await client.send(.POST, headers: headers, to: uri, beforeSend: { request in
                request.body = ByteBuffer(string: application.body)
            }) else { return (false, "") }
            return (response.status == .created, response.body.map { String(buffer: $0) } ?? "")
        }
        guard let first = applicants.first else { throw DomainError.notFound("可用于压测的申请企业") }
        let (ok, text) = await once(first)
        guard ok else { throw DomainError.conflict("\(name) 的应答不符合预期：\(text.prefix(300))") }
        if let wrk {
            let items = applicants.dropFirst().map { (token: $0.token, body: $0.body) }
            let figures = try wrk.run(url: url, posting: items, connections: concurrency, seconds: Int(seconds), scratch: scratch)
            var outcome = Outcome(name: name, requests: figures.requests, errors: figures.errors, seconds: figures.seconds,
                                  p50: figures.p50, p99: figures.p99)
            outcome.failures = figures.failures
            return outcome
        }
        let queue = BenchApplicants.Queue(Array(applicants.dropFirst()))
        return await drive(name) { () async -> Bool? in
            guard let application = queue.next() else { return nil }
            return await once(application).0
        }
    }

    /// `concurrency` clients sending the request back to back for `seconds`.
    func measure(_ name: String, _ url: String, method: HTTPMethod, token: String?, body: String?, scratch: URL,
                 expect: HTTPStatus = .ok, check: @escaping @Sendable (String) -> Bool = { _ in true }) async throws -> Outcome {
        var prepared = HTTPHeaders()
        if let token { prepared.bearerAuthorization = BearerAuthorization(token: token) }
        if body != nil { prepared.contentType = .json }
        let headers = prepared
        let client = app.client
        let uri = URI(string: url)
        @Sendable func once() async -> (Bool, String) {
            guard let response = try? await client.send(method, headers: headers, to: uri, beforeSend: { request in
                if let body { request.body = ByteBuffer(string: body) }
            }) else { return (false, "") }
            return (response.status == expect, response.body.map { String(buffer: $0) } ?? "")
        }
        let (ok, text) = await once()
        guard ok, check(text) else { throw DomainError.conflict("\(name) 的应答不符合预期：\(text.prefix(300))") }
        if let wrk {
            let figures = try wrk.run(url: url, method: method.rawValue, headers: headers.map { ($0.name, $0.value) }, body: body, connections: concurrency,
                                      seconds: Int(seconds), scratch: scratch)
            return Outcome(name: name, requests: figures.requests, errors: figures.errors, seconds: figures.seconds,
                           p50: figures.p50, p99: figures.p99)
        }
        return await drive(name) { () async -> Bool? in await once().0 }
    }

    /// `concurrency` clients calling `request` back to back until `seconds` pass or it returns nil (nothing
    /// left to send); each call's latency is kept, and a false is an error.
    func drive(_ name: String, _ request: @escaping @Sendable () async -> Bool?) async -> Outcome {
        let deadline = Date().addingTimeInterval(seconds)
        let started = Date()
        let results = await withTaskGroup(of: ([Double], Int).self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var latencies: [Double] = []
                    var errors = 0
                    while Date() < deadline {
                        let t = Date()
                        guard let ok = await request() else { break }
                        latencies.append(Date().timeIntervalSince(t))
                        if !ok { errors += 1 }
                    }
                    return (latencies, errors)
                }
            }
            var all: [([Double], Int)] = []
            for await result in group { all.append(result) }
            return all
        }
        return Outcome(name: name, errors: results.reduce(0) { $0 + $1.1 }, seconds: Date().timeIntervalSince(started),
                       latencies: results.flatMap(\.0))
    }
}
