import App
import DevTools
import Domain
import Fluent
import Foundation
import JointModel
import Persistence
import Services
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// Joint modelling between two real parties over HTTP on loopback (issue 15 §1), on both databases: the app under
/// test listens on 127.0.0.1 and serves the credit center's side; `JointParty` (the code of `xyd party`) is the bank,
/// with its own customer list, features and default labels. **1024-bit Paillier keys** here (the server is told to
/// accept them, as `XYD_JOINT_INSECURE_TEST_KEYS=1` would), so that a debug build stays quick; production is 2048.
@Suite struct JointPartyTests {
    /// A generated city: `firms` registered firms (firm A among them) with tax and social-insurance records, and a
    /// latent risk that the labels follow. Returns the firms, in order.
    static func city(_ app: Application, _ f: MarketFixtures, firms: Int) async throws -> [String] {
        let accounts = app.accounts
        let tax = try await accounts.createDepartment(code: "sw", name: "税务局", datasets: ["tax.payment", "social.insurance"])
        let taxToken = try await accounts.createToken(name: "tax", role: .department, departmentID: tax.id)
        var random = SplitMix(seed: 7)
        let codes = [SampleFiles.firmA, SampleFiles.firmB] + (3...firms).map { SampleFiles.code("91210202MA" + String(format: "%07d", 100 + $0)) }
        var registrations = ["record_id,uscc,name,legal_rep,reg_capital_wan,established_on,status"]
        var payments = ["record_id,uscc,period,tax_paid,arrears"]
        var insurance = ["record_id,uscc,period,insured_count,arrears"]
        let month = Day.today().adding(days: -40).description.prefix(7)
        for (i, code) in codes.enumerated() where i >= 2 {
            // The last five are deregistered: outside the allowed scope even with an authorisation.
            let status = i >= firms - 5 ? "注销" : "存续"
            registrations.append("G\(i),\(code),大连测试企业\(i)有限公司,张三,\(50 + random.below(5000)),20\(10 + random.below(14))-0\(1 + random.below(9))-15,\(status)")
        }
        for (i, code) in codes.enumerated() {
            payments.append("T\(i),\(code),\(month),\(random.below(900_000)),\(random.below(10) == 0 ? 5000 : 0)")
            insurance.append("S\(i),\(code),\(month),\(1 + random.below(300)),0")
        }
        for (dataset, lines, token) in [("market.registration", registrations, f.base.marketToken), ("tax.payment", payments, taxToken),
                                        ("social.insurance", insurance, taxToken)] {
            let reply = try await upload(app, dataset, lines.joined(separator: "\n") + "\n", token: token)
            #expect(reply.status == .created || reply.status == .ok, "\(dataset): \(reply.body.prefix(300))")
        }
        return codes
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func normal() -> Double { (-2 * log(max(unit(), 1e-12))).squareRoot() * cos(2 * .pi * unit()) }
    }

    static func authorise(_ app: Application, _ uscc: String, institutions: [String], categories: Set<String>) async throws -> Authorisation {
        try await app.services.authorisationStore.create(Authorisation(
            id: "", uscc: uscc, scope: .institutions(Set(institutions)), categories: categories, purposes: [.loanApplication],
            validFrom: Day.today(), validUntil: Day.today().adding(days: 300), signedAt: Date()), by: "test")
    }

    @Test(arguments: Backend.allCases)
    func aBankAndTheCenterBuildAJointModelOverHTTP(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            // 1024-bit keys accepted for this test only (clearly not a production setting).
            app.jointSessions = JointSessions(minimumKeyBits: 1024)
            let firms = 260
            let codes = try await Self.city(app, f, firms: firms)
            let bankA = String(f.bankA.id), bankB = String(f.bankB.id)
            let all: Set<String> = ["tax", "social", "utility"]
            // Who consented: most firms authorise bank A for every category the center's features read; some only for
            // tax (not enough), some bank B only, some revoked, firm B none; the deregistered firms do authorise.
            var consenting = Set<String>()
            for (i, code) in codes.enumerated() {
                switch i {
                case 1: break                                                              // firm B: no authorisation
                case 2..<12: _ = try await Self.authorise(app, code, institutions: [bankA], categories: ["tax"])
                case 12..<20: _ = try await Self.authorise(app, code, institutions: [bankB], categories: all)
                case 20..<25:
                    let a = try await Self.authorise(app, code, institutions: [bankA], categories: all)
                    _ = try await app.services.authorisationStore.revoke(id: Int64(a.id)!, uscc: code)
                default:
                    _ = try await Self.authorise(app, code, institutions: [bankA], categories: all)
                    if i < firms - 5 { consenting.insert(code) }
                }
            }
            #expect(consenting.contains(SampleFiles.firmA))

            // The bank's own table: 40 of the city's firms it does not share with the center's allowed set are in it
            // too (firm B among them), plus 30 customers the center has never heard of.
            var random = SplitMix(seed: 11)
            let center = try await app.services.recordStore.records(usccs: codes, datasets: ["tax.payment", "social.insurance"])
            // The deregistered firms (authorised, but outside the allowed scope) are among the bank's customers too.
            var bankIds = Array(codes.prefix(235)) + Array(codes.suffix(5))
            bankIds += (0..<30).map { SampleFiles.code("91210211MA" + String(format: "%07d", 5000 + $0)) }
            var csv = ["uscc,turnover,overdue_days,years_with_bank,default"]
            for id in bankIds {
                let turnover = random.normal(), overdue = random.normal(), years = random.normal()
                let records = center[id] ?? []
                let taxPaid = Double(records.first { $0.dataset == "tax.payment" }?.content["tax_paid"] ?? "0") ?? 0
                let insured = Double(records.first { $0.dataset == "social.insurance" }?.content["insured_count"] ?? "0") ?? 0
                let z = -0.6 + 1.1 * overdue - 0.8 * turnover - 1.2 * (log1p(taxPaid) - 12) / 1.5 - 0.7 * (log1p(insured) - 4.5) + 0.3 * random.normal()
                let label = random.unit() < 1 / (1 + exp(-z)) ? 1 : 0
                csv.append("\(id),\(turnover),\(overdue),\(years),\(label)")
            }
            let data = try JointParty.BankData.csv(csv.joined(separator: "\n") + "\n")
            let expected = Set(bankIds).intersection(consenting)

            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try ThrowawayPostgres.freePort()
            try await app.server.start()
            let url = "http://127.0.0.1:\(app.http.server.configuration.port)"
            var options = JointParty.Options(server: url, token: f.bankAToken, name: "2026 年预授信联合模型")
            options.keyBits = 1024
            options.insecureTestKeys = true
            options.epochs = 30
            options.batchSize = 60
            options.batchSeed = 2026
            let lines = LockedLines()
            let outcome: JointParty.Outcome
            do {
                outcome = try await JointParty(client: app.client, options: options, progress: { lines.append($0) }).run(data)
            } catch {
                await app.server.shutdown()
                throw error
            }

            // The bank learns the intersection (its own matched ids) and the size of the center's allowed set, no more.
            #expect(Set(outcome.aligned) == expected)
            #expect(outcome.aligned == outcome.aligned.sorted())
            #expect(outcome.centerSetSize == consenting.count)
            #expect(Set(outcome.probabilities.keys) == expected)
            #expect(outcome.probabilities.values.allSatisfy { $0 > 0 && $0 < 1 })
            #expect(lines.all.contains { $0.contains("交集 \(expected.count) 家") })
            #expect(!outcome.aligned.contains(SampleFiles.firmB))

            // Recorded: the run, its members (only the intersection), and the log entries with the model's digest.
            let run = try #require(try await app.services.jointRunStore.run(runId: outcome.sessionID))
            #expect(run.modelDigest == outcome.modelDigest && run.status == .evaluated)
            #expect(run.alignedCount == expected.count && run.offeredCount == consenting.count && run.institutionID == f.bankA.id)
            #expect(run.centerFeatures == CenterFeatures.all.map(\.name))
            #expect(abs((run.auc ?? 0) - outcome.auc) < 1e-9)
            let sql = try #require(app.db as? any SQLDatabase)
            struct M: Decodable { let uscc: String }
            let members = try await sql.raw("SELECT uscc FROM joint_run_members WHERE run_id = \(bind: outcome.sessionID)").all(decoding: M.self)
            #expect(Set(members.map(\.uscc)) == expected)
            #expect(Set(members.map(\.uscc)).isDisjoint(with: Set(codes).subtracting(consenting)))
            #expect(try await Self.logged(app, containing: outcome.modelDigest) == 2)
            #expect(try await Self.logged(app, containing: "\"featureDigest\":\"\(CenterFeatures.digest(CenterFeatures.all))\"") == 2)
            #expect(try await Self.logged(app, containing: String(format: "\"auc\":\"%.4f\"", outcome.auc)) == 1)

            // Firm A sees the run on its authorisations page; firm B (not in the intersection) does not.
            let pageA = try await send(app, .GET, "/firm/authorisations", token: f.firmAToken)
            #expect(pageA.status == .ok)
            #expect(pageA.body.contains("2026 年预授信联合模型") && pageA.body.contains("甲银行") && pageA.body.contains("joint-models"))
            let pageB = try await send(app, .GET, "/firm/authorisations", token: f.firmBToken)
            #expect(!pageB.body.contains("2026 年预授信联合模型"))

            // The center lists every run, bank A its own, bank B none.
            #expect(try await send(app, .GET, "/api/v1/joint/runs", token: f.base.centerToken).body.contains(outcome.sessionID))
            #expect(try await send(app, .GET, "/api/v1/joint/runs", token: f.bankAToken).body.contains(outcome.sessionID))
            #expect(try await send(app, .GET, "/api/v1/joint/runs", token: f.bankBToken).body == "[]")

            // Quality: the joint model's AUC is within 0.005 of plain LR trained in the clear on the joined data.
            let alignedRecords = try await app.services.recordStore.records(usccs: outcome.aligned, datasets: Array(Set(CenterFeatures.all.map(\.dataset))))
            let centerMatrix = try CenterFeatures.matrix(CenterFeatures.all, usccs: outcome.aligned, records: alignedRecords, today: Day.today())
            let bankMatrix = try FeatureMatrix(names: data.featureNames,
                                               rows: JointParty.standardised(outcome.aligned.map { data.rows[$0]!.features }, columns: data.featureNames.count))
            let labels = outcome.aligned.map { data.rows[$0]!.label }
            let plain = try PlainLogisticRegression.fit(try bankMatrix.joined(with: centerMatrix), labels: labels, l2: 1 / Double(labels.count))
            let plainAUC = AUC.compute(scores: plain.probabilities(try bankMatrix.joined(with: centerMatrix)), labels: labels)
            print("Joint over HTTP (\(backend), 1024-bit): " + String(format: "%d aligned, joint AUC %.4f, plain LR AUC %.4f, %d steps, %.1f MB sent, %.1f MB received",
                         outcome.aligned.count, outcome.auc, plainAUC, outcome.steps,
                         Double(outcome.bytesSent) / 1e6, Double(outcome.bytesReceived) / 1e6))
            #expect(abs(outcome.auc - plainAUC) <= 0.005, "joint \(outcome.auc) vs plain \(plainAUC)")
            await app.server.shutdown()
        }
    }

    /// The production setting end to end: 2048-bit keys over HTTP, which the server requires (a 1024-bit key is refused
    /// unless test keys are allowed), on a small city so that a debug build stays quick. The run is recorded and logged.
    @Test func theProductionKeyLengthRunsOverHTTP() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            #expect(app.jointSessions.minimumKeyBits == 2048, "the server's default is the production key length")
            let codes = try await Self.city(app, f, firms: 48)
            let bankA = String(f.bankA.id)
            for code in codes { _ = try await Self.authorise(app, code, institutions: [bankA], categories: ["tax", "social", "utility"]) }
            var random = SplitMix(seed: 5)
            var csv = ["uscc,turnover,overdue_days,default"]
            for (i, id) in codes.enumerated() {
                let turnover = random.normal(), overdue = random.normal()
                csv.append("\(id),\(turnover),\(overdue),\(i % 3 == 0 || overdue > 1 ? 1 : 0)")
            }
            let data = try JointParty.BankData.csv(csv.joined(separator: "\n") + "\n")

            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = try ThrowawayPostgres.freePort()
            try await app.server.start()
            let url = "http://127.0.0.1:\(app.http.server.configuration.port)"
            do {
                // A bank that brings a 1024-bit key is refused by the production server.
                var weak = JointParty.Options(server: url, token: f.bankAToken, name: "弱密钥")
                weak.keyBits = 1024
                weak.insecureTestKeys = true
                weak.epochs = 1
                do {
                    _ = try await JointParty(client: app.client, options: weak, progress: { _ in }).run(data)
                    Issue.record("a 1024-bit key was accepted by the production server")
                } catch { #expect("\(error)".contains("Paillier 密钥至少 2048 位"), "\(error)") }

                var options = JointParty.Options(server: url, token: f.bankAToken, name: "2048 位联合模型")
                options.epochs = 2
                options.batchSize = 48
                options.batchSeed = 7
                let outcome = try await JointParty(client: app.client, options: options, progress: { _ in }).run(data)
                // The city's last five firms are deregistered: authorised, but outside the allowed scope.
                let expected = Set(codes.dropLast(5))
                #expect(Set(outcome.aligned) == expected)
                #expect(Set(outcome.probabilities.keys) == expected && outcome.probabilities.values.allSatisfy { $0 > 0 && $0 < 1 })
                let run = try #require(try await app.services.jointRunStore.run(runId: outcome.sessionID))
                #expect(run.keyBits == 2048 && run.status == .evaluated && run.modelDigest == outcome.modelDigest)
                #expect(try await Self.logged(app, containing: outcome.modelDigest) == 2)
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }

    @Test func aSessionBelongsToTheBankThatOpenedIt() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            _ = try await Self.authorise(app, SampleFiles.firmA, institutions: [String(f.bankA.id)], categories: ["tax", "social", "utility"])
            // Only institutions open sessions; the center and firms are refused before their body is read.
            #expect(try await post(app, "/api/v1/joint/sessions", token: f.base.centerToken, ["name": "x"]).status == .forbidden)
            #expect(try await post(app, "/api/v1/joint/sessions", token: f.firmAToken, ["name": "x"]).status == .forbidden)
            #expect(try await send(app, .POST, "/api/v1/joint/sessions", body: "{}", contentType: "application/json").status == .unauthorized)
            // Bank B: no firm authorised it, so nothing can enter.
            let none = try await post(app, "/api/v1/joint/sessions", token: f.bankBToken, ["name": "乙行模型"])
            #expect(none.status == .conflict && none.body.contains("没有企业授权"))
            // A government-shared feature or an unknown one is refused.
            #expect(try await post(app, "/api/v1/joint/sessions", token: f.bankAToken, ["name": "x", "features": ["salary"]]).status == .unprocessableEntity)

            let opened = try await post(app, "/api/v1/joint/sessions", token: f.bankAToken, ["name": "甲行模型"])
            #expect(opened.status == .created, "\(opened.body.prefix(300))")
            let json = try opened.json()
            let id = try #require(json["sessionId"] as? String)
            #expect(json["offeredCount"] as? Int == 1)
            #expect((json["disclosure"] as? String ?? "").contains("银行先得知交集"))
            #expect(app.jointSessions.count == 1)
            let query = try String(decoding: JSONEncoder().encode(PSIGuest(ids: [SampleFiles.firmA]).query(domain: id)), as: UTF8.self)
            // Another institution cannot touch it (not found, as if it did not exist), nor can a firm.
            for path in ["psi/query", "psi/result", "setup", "forward", "gradient", "backward", "scores", "report"] {
                let other = try await send(app, .POST, "/api/v1/joint/sessions/\(id)/\(path)", token: f.bankBToken, body: query, contentType: "application/json")
                #expect(other.status == .notFound, "\(path): \(other.status)")
                #expect(try await send(app, .POST, "/api/v1/joint/sessions/\(id)/\(path)", token: f.firmAToken, body: query,
                                       contentType: "application/json").status == .forbidden)
            }
            // Out of order: training before the PSI.
            #expect(try await send(app, .POST, "/api/v1/joint/sessions/\(id)/forward", token: f.bankAToken).status == .conflict)
            // The owner's query is answered.
            let reply = try await send(app, .POST, "/api/v1/joint/sessions/\(id)/psi/query", token: f.bankAToken, body: query, contentType: "application/json")
            #expect(reply.status == .ok)
            // A second query is refused (one per run).
            #expect(try await send(app, .POST, "/api/v1/joint/sessions/\(id)/psi/query", token: f.bankAToken, body: query,
                                   contentType: "application/json").status == .conflict)
        }
    }

    @Test func sessionsExpire() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            _ = try await Self.authorise(app, SampleFiles.firmA, institutions: [String(f.bankA.id)], categories: ["tax", "social", "utility"])
            let clock = TestClock(Day.today().description)
            app.platform = app.platform.on(clock.clock)
            app.jointSessions = JointSessions(minimumKeyBits: 2048, idleTimeout: 600)
            let id = try #require(try await post(app, "/api/v1/joint/sessions", token: f.bankAToken, ["name": "甲行模型"]).json()["sessionId"] as? String)
            clock.advance(seconds: 601)
            #expect(try await send(app, .POST, "/api/v1/joint/sessions/\(id)/forward", token: f.bankAToken).status == .notFound)
        }
    }

    static func logged(_ app: Application, containing: String) async throws -> Int {
        let sql = try #require(app.db as? any SQLDatabase)
        struct N: Decodable { let n: Int }
        var total = 0
        for table in ["tlog_pending", "tlog_entries"] {
            total += try await sql.raw("""
                SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE entry LIKE \(bind: "%\"kind\":\"jointModel\"%") AND entry LIKE \(bind: "%\(containing)%")
                """).first(decoding: N.self)?.n ?? 0
        }
        return total
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}
