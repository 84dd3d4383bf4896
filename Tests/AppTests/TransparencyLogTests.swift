import FluentKit
import Fluent
import App
import CreditLog
import Domain
import Foundation
import Persistence
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// The transparency log on both databases: changes made directly in the database are found and named,
/// proofs served by the API verify with the Domain verifier, witnesses refuse a forked log, and the
/// platform's events arrive in the log through the hook.
@Suite struct TransparencyLogTests {
    static let origin = "xinyidai.example/log"

    /// `count` distinct entries appended through the hook, sequenced.
    static func fill(_ app: Application, count: Int, from start: Int = 0, tag: String = "a") async throws {
        let entries = try (start..<(start + count)).map { n in
            try LogEntry(kind: .dataAccess, seconds: 1_750_000_000 + Int64(n), actor: "institution:1", attributes: [
                "subject": "firm-\(tag)-\(n)", "purpose": "loan_application", "authorisation": String(n)])
        }
        try await app.db.transaction { tx in try await TransparencyLog.append(contentsOf: entries, on: tx) }
        try await LogSequencer(database: app.db, batchSize: 7).sequenceAll()
    }

    static func audit(_ app: Application) async throws -> LogAudit.Report {
        try await LogAudit(database: app.db, logVerifier: try app.logSigner.verifier, origin: origin).run()
    }

    enum Tamper: String, CaseIterable, CustomStringConvertible {
        case changed, changedWithLeafHash, deleted, inserted, swapped, swappedRows, nodeChanged
        var description: String { rawValue }
    }

    @Test(arguments: Backend.allCases, Tamper.allCases)
    func everyDirectChangeIsFoundAndNamed(backend: Backend, tamper: Tamper) async throws {
        try await withTestApp(backend) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await Self.fill(app, count: 10)
            try await app.signLogCheckpoint()
            try await Self.fill(app, count: 10, from: 10)
            try await app.signLogCheckpoint()
            let clean = try await Self.audit(app)
            #expect(clean.isClean, "\(clean.findings)")
            #expect(clean.size == 20 && clean.entries == 20 && clean.checkpoints == 2)

            struct Row: Decodable { let entry: String; let leaf_hash: Data }
            func row(_ index: Int) async throws -> Row {
                try #require(try await sql.raw("SELECT entry, leaf_hash FROM tlog_entries WHERE idx = \(bind: index)").first(decoding: Row.self))
            }
            let forged = try LogEntry(kind: .dataAccess, seconds: 1_750_000_007, actor: "institution:1", attributes: [
                "subject": "someone-else", "purpose": "loan_application", "authorisation": "7"])
            var expected: [UInt64] = []
            var phrase = ""
            switch tamper {
            case .changed:
                try await sql.raw("UPDATE tlog_entries SET entry = \(bind: forged.canonicalText) WHERE idx = 7").run()
                expected = [7]; phrase = "第7条被修改"
            case .changedWithLeafHash:
                try await sql.raw("""
                    UPDATE tlog_entries SET entry = \(bind: forged.canonicalText), leaf_hash = \(bind: Data(forged.leafHash.bytes))
                    WHERE idx = 7
                    """).run()
                expected = [7]; phrase = "第6至7条"
            case .deleted:
                try await sql.raw("DELETE FROM tlog_entries WHERE idx = 5").run()
                expected = [5]; phrase = "第5条缺失"
            case .inserted:
                try await sql.raw("""
                    INSERT INTO tlog_entries (idx, entry, leaf_hash)
                    VALUES (20, \(bind: forged.canonicalText), \(bind: Data(forged.leafHash.bytes)))
                    """).run()
                expected = [20]; phrase = "第20条不在日志树中"
            case .swapped:
                let (a, b) = (try await row(3), try await row(12))
                try await sql.raw("UPDATE tlog_entries SET entry = \(bind: b.entry) WHERE idx = 3").run()
                try await sql.raw("UPDATE tlog_entries SET entry = \(bind: a.entry) WHERE idx = 12").run()
                expected = [3, 12]; phrase = "第3条与第12条的顺序被调换"
            case .swappedRows:
                let (a, b) = (try await row(3), try await row(12))
                try await sql.raw("UPDATE tlog_entries SET entry = \(bind: b.entry), leaf_hash = \(bind: b.leaf_hash) WHERE idx = 3").run()
                try await sql.raw("UPDATE tlog_entries SET entry = \(bind: a.entry), leaf_hash = \(bind: a.leaf_hash) WHERE idx = 12").run()
                expected = [3, 12]; phrase = "第2至3条"
            case .nodeChanged:
                // The node over leaves 8–11 (level 2, index 2): post-order position 2·11 − 3 + 2 = 21.
                try await sql.raw("UPDATE tlog_nodes SET hash = \(bind: Data(forged.leafHash.bytes)) WHERE pos = 21").run()
                expected = [8]; phrase = "第8至11条与存储的节点"
            }
            let report = try await Self.audit(app)
            #expect(!report.isClean)
            let messages = report.findings.map(\.message)
            #expect(messages.contains { $0.contains(phrase) }, "\(messages)")
            for index in expected {
                #expect(report.findings.contains { $0.indexes?.contains(index) == true }, "index \(index) not named: \(messages)")
            }
            if tamper == .changedWithLeafHash || tamper == .swappedRows {
                // Hashes rewritten to match: the signed checkpoint still gives it away.
                #expect(messages.contains { $0.contains("已签名检查点与由条目重新计算的根哈希不符") }, "\(messages)")
            }
        }
    }

    struct AppTransport: LogTransport {
        let app: Application
        func get(_ path: String) async throws -> (UInt, String) {
            let reply = try await send(app, .GET, path)
            return (reply.status.code, reply.body)
        }
        func post(_ path: String, json: String) async throws -> (UInt, String) {
            let reply = try await send(app, .POST, path, body: json, contentType: "application/json")
            return (reply.status.code, reply.body)
        }
    }

    @Test(arguments: Backend.allCases)
    func proofsServedByTheAPIVerify(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            try await Self.fill(app, count: 13)
            let key = try await send(app, .GET, "/api/v1/log/key").body.trimmingCharacters(in: .whitespacesAndNewlines)
            let verifier = try Ed25519NoteVerifier(verifierKey: key)
            let first = try LogCheckpoint.open(try await send(app, .GET, "/api/v1/log/checkpoint").body,
                                               logVerifier: verifier, origin: Self.origin).checkpoint
            #expect(first.size == 13)
            let listed = try await send(app, .GET, "/api/v1/log/entries?start=0&end=13").json()
            let entries = try #require(listed["entries"] as? [[String: Any]])
            #expect(entries.count == 13)
            for (index, entry) in entries.enumerated() {
                let text = try #require(entry["entry"] as? String)
                let leafHash = MerkleHasher.leafHash(Array(text.utf8))
                #expect(entry["leafHash"] as? String == leafHash.base64)
                let proof = try await send(app, .GET, "/api/v1/log/proof/inclusion?index=\(index)&size=13").json()
                let hashes = try #require(proof["proof"] as? [String]).compactMap { MerkleHash(base64: $0) }
                try MerkleProofVerifier.verifyInclusion(leafHash: leafHash, leafIndex: UInt64(index), treeSize: 13,
                                                        proof: hashes, root: first.rootHash)
            }
            // By leaf hash, against the latest checkpoint by default.
            let fifth = try #require(entries[5]["entry"] as? String)
            let byHash = try await send(app, .GET, "/api/v1/log/proof/inclusion?leaf_hash=\(MerkleHasher.leafHash(Array(fifth.utf8)).hex)").json()
            #expect(byHash["index"] as? Int == 5)

            try await Self.fill(app, count: 9, from: 13)
            try await app.signLogCheckpoint()
            let second = try LogCheckpoint.open(try await send(app, .GET, "/api/v1/log/checkpoint").body,
                                                logVerifier: verifier, origin: Self.origin).checkpoint
            #expect(second.size == 22)
            let reply = try await send(app, .GET, "/api/v1/log/proof/consistency?old=13&new=22").json()
            let proof = try #require(reply["proof"] as? [String]).compactMap { MerkleHash(base64: $0) }
            try MerkleProofVerifier.verifyConsistency(oldSize: 13, newSize: 22, oldRoot: first.rootHash,
                                                      newRoot: second.rootHash, proof: proof)
            #expect(try await send(app, .GET, "/api/v1/log/proof/inclusion?index=30&size=22").status == .unprocessableEntity)
            #expect(try await send(app, .GET, "/api/v1/log/proof/consistency?old=5&new=99").status == .unprocessableEntity)
            #expect(try await Self.audit(app).isClean)
        }
    }

    /// The log shows one tree to one witness and another to the second: each refuses a checkpoint that
    /// does not extend the one it cosigned, and the two cosigned checkpoints prove the fork.
    @Test(arguments: Backend.allCases)
    func witnessesDetectAFork(backend: Backend) async throws {
        let shared = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-witness-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: shared) }
        let environment = ["XYD_LOG_KEY_FILE": shared.appendingPathComponent("log.key").path]
        let say: @Sendable (String) -> Void = { _ in }
        try await withTestApp(backend, environment: environment) { honest in
            try await withTestApp(.sqlite, environment: environment) { forked in
                try await Self.fill(honest, count: 3, tag: "honest")
                try await Self.fill(forked, count: 3, tag: "forked")
                let bank = WitnessTool(state: shared.appendingPathComponent("bank"), transport: AppTransport(app: honest),
                                       name: "bank.example/witness", say: say)
                let department = WitnessTool(state: shared.appendingPathComponent("dept"), transport: AppTransport(app: forked),
                                             name: "dept.example/witness", say: say)
                #expect(try await bank.run() == .cosigned(size: 3, previous: 0))
                #expect(try await department.run() == .cosigned(size: 3, previous: 0))
                // The platform shows who cosigned which size.
                let listed = try await send(honest, .GET, "/api/v1/log/cosignatures?size=3").json()
                #expect((listed["cosignatures"] as? [[String: Any]])?.first?["witness"] as? String == "bank.example/witness")
                #expect(try await send(honest, .GET, "/api/v1/log/checkpoint").body.contains("— bank.example/witness "))

                // The honest log grows; the bank follows it.
                try await Self.fill(honest, count: 4, from: 3, tag: "honest")
                try await honest.signLogCheckpoint()
                #expect(try await bank.run() == .cosigned(size: 7, previous: 3))

                // The bank is now shown the forked tree of the same size as its first checkpoint: refused.
                let misled = WitnessTool(state: shared.appendingPathComponent("bank"), transport: AppTransport(app: forked),
                                         name: "bank.example/witness", say: say)
                guard case .fork(let message, let evidence) = try await misled.run() else {
                    Issue.record("a rollback to another tree must be refused"); return
                }
                #expect(message.contains("回退"))
                #expect(FileManager.default.fileExists(atPath: evidence.path))

                // The department is shown a bigger forked tree that does not extend the one it cosigned.
                try await Self.fill(forked, count: 6, from: 3, tag: "forked")
                try await forked.signLogCheckpoint()
                let misledDept = WitnessTool(state: shared.appendingPathComponent("dept"), transport: AppTransport(app: honest),
                                             name: "dept.example/witness", say: say)
                guard case .fork(let reason, _) = try await misledDept.run() else {
                    Issue.record("an inconsistent checkpoint must be refused"); return
                }
                #expect(reason.contains("不一致"))

                // Comparing what the two witnesses cosigned at size 3 proves the fork by itself.
                let verifier = try honest.logSigner.verifier
                let bankNote = try await send(honest, .GET, "/api/v1/log/checkpoints/3").body
                let deptNote = try await send(forked, .GET, "/api/v1/log/checkpoints/3").body
                #expect(try ForkDetector.compare(bankNote, deptNote, logVerifier: verifier).isFork)

                // The same through the witnesses' own tool: the bank (last cosigned size 7 of the honest tree)
                // compares with the department's state (size 3 of the forked tree): no consistency → fork.
                let deptState = try String(contentsOf: shared.appendingPathComponent("dept/checkpoint"), encoding: .utf8)
                #expect(try await bank.compare(withCheckpoint: deptState).isFork)
                // Two honest views agree.
                let bankState = try String(contentsOf: shared.appendingPathComponent("bank/checkpoint"), encoding: .utf8)
                #expect(try await bank.compare(withCheckpoint: bankState) == .consistent)
            }
        }
    }

    /// The platform's events reach the log through the hook: a batch, evaluations, an authorisation, a
    /// report read, its revocation.
    @Test(arguments: Backend.allCases)
    func theHooksPutEventsInTheLog(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let firmA = SampleFiles.firmA
            var reply = try await send(app, .POST, "/api/v1/authorisations", token: f.firmAToken, body: """
                {"institutions": ["\(f.bankA.id)"], "categories": ["tax"], "purposes": ["loan_application"],
                 "validUntil": "\(Day.today().adding(days: 30).description)"}
                """, contentType: "application/json")
            #expect(reply.status == .created)
            let authorisationID = try #require(try reply.json()["id"] as? String)
            #expect(try await send(app, .GET, "/api/v1/enterprises/\(firmA)/report", token: f.bankAToken).status == .ok)
            reply = try await send(app, .POST, "/api/v1/authorisations/\(authorisationID)/revoke", token: f.firmAToken)
            #expect(reply.status == .ok)

            let checkpoint = try await app.signLogCheckpoint()
            let entries = try await app.logStore.entries(from: 0, to: checkpoint.size)
                .map { try LogEntry(canonicalBytes: Array($0.entry.utf8)) }
            let kinds = Set(entries.map(\.kind))
            #expect(kinds.isSuperset(of: [.batchIngested, .evaluation, .authorisationGranted, .dataAccess, .authorisationRevoked]))
            let subject = LogEvents.subject(uscc: firmA)
            let access = try #require(entries.first { $0.kind == .dataAccess })
            #expect(access.attributes["subject"] == subject)
            #expect(access.attributes["authorisation"] == authorisationID)
            #expect(access.actor == "institution:\(f.bankA.id)")
            #expect(entries.contains { $0.kind == .authorisationRevoked && $0.attributes["authorisation"] == authorisationID })
            // No personal or credit data: neither the firm's code nor its name appears in any entry.
            let texts = try await app.logStore.entries(from: 0, to: checkpoint.size).map(\.entry).joined()
            #expect(!texts.contains(firmA) && !texts.contains("海韵"))
            #expect(try await Self.audit(app).isClean)
        }
    }
}
