import App
import CreditLog
import Domain
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Persistence
import Services
import SQLKit
import Vapor

/// `xyd bench log`: appends entries through the hook (the outbox, 1,000 entries per transaction, as many
/// concurrent events would) and the sequencer (10,000 per transaction) on durable SQLite and PostgreSQL;
/// then inclusion- and consistency-proof times at that size, storage per entry (entries and nodes with their
/// indexes; the emptied outbox is left to autovacuum), and a full `log verify`.
struct LogBench {
    let app: Application
    let entries: Int
    let postgres: Bool

    func say(_ text: String) { app.console.print(text) }

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-log-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var results: [(String, Result)] = []

        let file = work.appendingPathComponent("log.sqlite")
        let sqliteID = DatabaseID(string: "bench-log-sqlite")
        app.databases.use(.sqlite(.file(file.path), maxConnectionsPerEventLoop: 1), as: sqliteID)
        let sqlite = app.db(sqliteID)
        if let sql = sqlite as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            // Durable: every commit is synced to disk before it returns.
            try await sql.raw("PRAGMA synchronous = FULL").run()
        }
        say("SQLite（WAL，synchronous=FULL）：")
        results.append(("SQLite", try await measure(sqlite) {
            if let sql = sqlite as? any SQLDatabase { try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            return size
        }))

        if postgres {
            let cluster = try ThrowawayPostgres.start(durable: true)
            defer { cluster.stop() }
            let url = try cluster.createDatabase("benchlog")
            let pgID = DatabaseID(string: "bench-log-pg")
            try app.databases.use(.postgres(url: url), as: pgID)
            let pg = app.db(pgID)
            say("PostgreSQL（fsync 与同步提交开启）：")
            results.append(("PostgreSQL", try await measure(pg) {
                struct Row: Decodable { let n: Int64 }
                guard let sql = pg as? any SQLDatabase else { throw Missing() }
                return Int(try await sql.raw("""
                    SELECT pg_total_relation_size('tlog_entries') + pg_total_relation_size('tlog_nodes') AS n
                    """).first(decoding: Row.self)?.n ?? 0)
            }))
        }

        say("")
        say("数据库        追加(条/秒)  入队(条/秒)  入树(条/秒)  包含证明(毫秒)  一致性证明(毫秒)  存储(字节/条)  全量校验(秒)")
        for (name, r) in results {
            say(String(format: "%@  %11.0f  %11.0f  %11.0f  %14.3f  %16.3f  %13.0f  %12.1f",
                       name.padding(toLength: 12, withPad: " ", startingAt: 0), Double(entries) / (r.enqueue + r.sequence),
                       Double(entries) / r.enqueue, Double(entries) / r.sequence, r.inclusionMs, r.consistencyMs,
                       Double(r.bytes) / Double(entries), r.verify))
        }
        say(String(format: "进程峰值内存（VmHWM）：%.0f MB", Double(peakMemoryKB()) / 1024))
    }

    struct Result {
        var enqueue = 0.0
        var sequence = 0.0
        var inclusionMs = 0.0
        var consistencyMs = 0.0
        var bytes = 0
        var verify = 0.0
    }

    struct Missing: Error {}

    /// Appends `entries` entries, measures proofs and storage on one database.
    func measure(_ database: any Database, storage: () async throws -> Int) async throws -> Result {
        for migration in Schema.migrations { try await migration.prepare(on: database) }
        var result = Result()
        let sequencer = LogSequencer(database: database, batchSize: 10_000)
        let base = Int64(Date().timeIntervalSince1970)
        let bar = ProgressBar(total: Int64(entries), label: "追加")
        var appended = 0
        while appended < entries {
            var started = Date()
            // Ten transactions of 1,000 entries each through the hook, then one sequencer batch.
            for _ in 0..<10 where appended < entries {
                let count = min(1000, entries - appended)
                let batch = try (0..<count).map { offset -> LogEntry in
                    let n = appended + offset
                    return try LogEntry(kind: .dataAccess, seconds: base + Int64(n / 100), actor: "institution:\(n % 41 + 1)", attributes: [
                        "access": String(n), "subject": LogEvents.subject(uscc: "91210200MA\(String(format: "%08d", n % 800_000))"),
                        "purpose": "loan_application", "authorisation": String(n / 7), "categories": "tax+social",
                        "action": "report", "staff": "staff:\(n % 997)",
                    ])
                }
                try await database.transaction { tx in try await TransparencyLog.append(contentsOf: batch, on: tx) }
                appended += count
            }
            result.enqueue += Date().timeIntervalSince(started)
            started = Date()
            try await sequencer.sequenceAll()
            result.sequence += Date().timeIntervalSince(started)
            bar.update(bytes: Int64(appended), rows: appended)
        }
        bar.finish()
        let store = LogStore(database: database)
        let size = try await store.size()
        guard size == UInt64(entries) else { throw Missing() }
        let signer = try Ed25519NoteSigner.generate(name: "bench.example/log")
        let checkpoint = try await store.signCheckpoint(origin: "bench.example/log", signer: signer)
        say(String(format: "  入队 %.1f 秒，入树 %.1f 秒：%.0f 条/秒", result.enqueue, result.sequence,
                   Double(entries) / (result.enqueue + result.sequence)))

        // Proofs at the full size: fetched from storage (one query each), verified against the signed root.
        var generator = SystemRandomNumberGenerator()
        let rounds = 1000
        var leafHashes: [UInt64: MerkleHash] = [:]
        let indexes = (0..<rounds).map { _ in UInt64.random(in: 0..<size, using: &generator) }
        for index in indexes.prefix(100) { leafHashes[index] = try await store.entries(from: index, to: index + 1).first?.leafHash }
        var started = Date()
        var proofs: [(UInt64, [MerkleHash])] = []
        for index in indexes { proofs.append((index, try await store.inclusionProofUnchecked(index: index, treeSize: size))) }
        result.inclusionMs = Date().timeIntervalSince(started) / Double(rounds) * 1000
        for (index, proof) in proofs.prefix(100) {
            try MerkleProofVerifier.verifyInclusion(leafHash: leafHashes[index] ?? MerkleHasher.emptyRoot, leafIndex: index,
                                                    treeSize: size, proof: proof, root: checkpoint.rootHash)
        }
        let oldSizes = (0..<rounds).map { _ in UInt64.random(in: 1..<size, using: &generator) }
        started = Date()
        var consistency: [(UInt64, [MerkleHash])] = []
        for old in oldSizes { consistency.append((old, try await store.consistencyProofUnchecked(oldSize: old, newSize: size))) }
        result.consistencyMs = Date().timeIntervalSince(started) / Double(rounds) * 1000
        for (old, proof) in consistency.prefix(20) {
            try MerkleProofVerifier.verifyConsistency(oldSize: old, newSize: size, oldRoot: try await store.root(atSize: old),
                                                      newRoot: checkpoint.rootHash, proof: proof)
        }
        result.bytes = try await storage()
        say(String(format: "  包含证明 %.3f 毫秒/个，一致性证明 %.3f 毫秒/个（各 %d 个，抽验通过），存储 %.0f 字节/条",
                   result.inclusionMs, result.consistencyMs, rounds, Double(result.bytes) / Double(entries)))
        started = Date()
        let report = try await LogAudit(database: database, logVerifier: signer.verifier, origin: "bench.example/log").run()
        result.verify = Date().timeIntervalSince(started)
        say(String(format: "  全量校验（log verify）%.1f 秒：%@", result.verify, report.isClean ? "通过" : "发现 \(report.findings.count) 处问题"))
        return result
    }
}
