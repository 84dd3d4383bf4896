import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// `xyd log verify`, second half: the rows the log speaks for. The log's own tables can be checked against
/// each other (`LogAudit`), but a row changed, deleted or inserted in a source table leaves them intact. Each
/// access-log row and each repayment is written with its log entry in one unit of work, so every such row
/// must match an entry (sequenced or still pending) and every such entry must still have its row:
/// - an access-log row is recomputed into its entry and compared by leaf hash;
/// - a repayment's entry carries the row's id and the digest of its columns.
public struct SourceAudit: Sendable {
    public struct Report: Sendable {
        public var accessRows = 0
        public var repaymentRows = 0
        /// Repayments older than the first whose entry names it.
        public var unnamedRepayments = 0
        public var findings: [LogAudit.Finding] = []
    }

    let database: any Database
    public var pageSize = 20_000

    public init(database: any Database) { self.database = database }

    /// What the log says about one source row: where (nil while pending) and what it fixes.
    struct Logged { var index: UInt64?; var fingerprint: String }

    /// Reads the log and the rows in one snapshot (a read transaction; REPEATABLE READ on PostgreSQL), so rows
    /// written while it runs — each with its entry — are either both seen or both not.
    public func run() async throws -> Report {
        try await database.transaction { tx in
            if DatabaseKind(try tx.sql()) == .postgres {
                try await tx.sql().raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run()
            }
            return try await Self(database: tx, pageSize: pageSize).audit()
        }
    }

    init(database: any Database, pageSize: Int) {
        self.database = database
        self.pageSize = pageSize
    }

    func audit() async throws -> Report {
        let sql = try database.sql()
        var accesses: [Int64: Logged] = [:]
        var repayments: [Int64: Logged] = [:]
        func note(_ entry: LogEntry, index: UInt64?) {
            switch entry.kind {
            case .dataAccess:
                if let id = entry.attributes["access"].flatMap(Int64.init) {
                    accesses[id] = Logged(index: index, fingerprint: entry.leafHash.hex)
                }
            case .loanStatusReported:
                if entry.attributes["status"] == "repayment", let id = entry.attributes["repayment"].flatMap(Int64.init) {
                    repayments[id] = Logged(index: index, fingerprint: entry.attributes["rowDigest"] ?? "")
                }
            default: break
            }
        }
        // Pending first: an entry sequenced meanwhile is then also seen below, with its index.
        struct Pending: Decodable { let entry: String }
        for row in try await sql.raw("SELECT entry FROM tlog_pending").all(decoding: Pending.self) {
            if let entry = try? LogEntry(canonicalBytes: Array(row.entry.utf8)) { note(entry, index: nil) }
        }
        var after: Int64 = -1
        while true {
            struct Row: Decodable { let idx: Int64; let entry: String }
            let rows = try await sql.raw("""
                SELECT idx, entry FROM tlog_entries WHERE idx > \(bind: after) ORDER BY idx LIMIT \(bind: pageSize)
                """).all(decoding: Row.self)
            guard let last = rows.last else { break }
            after = last.idx
            for row in rows {
                if let entry = try? LogEntry(canonicalBytes: Array(row.entry.utf8)) { note(entry, index: UInt64(max(row.idx, 0))) }
            }
        }

        var report = Report()
        func add(_ logged: Logged?, _ message: String) {
            report.findings.append(LogAudit.Finding(indexes: logged?.index.map { $0...$0 }, message: message))
        }
        func place(_ logged: Logged) -> String { logged.index.map { "日志第\($0)条" } ?? "待入树的日志条目" }

        try await AuthorisationStore(database: database).eachAccess(pageSize: pageSize) { access in
            report.accessRows += 1
            let logged = accesses.removeValue(forKey: access.id)
            let fingerprint = try LogEvents.dataAccess(access, id: access.id).leafHash.hex
            if let logged {
                if logged.fingerprint != fingerprint { add(logged, "查询记录 #\(access.id) 与\(place(logged))不符：该行在数据库中被改动") }
            } else {
                add(nil, "查询记录 #\(access.id) 不在透明日志中：该行是绕过平台直接写入数据库的")
            }
        }
        for (id, logged) in accesses.sorted(by: { $0.key < $1.key }) {
            add(logged, "查询记录 #\(id) 已从数据库删除，但\(place(logged))记载了它")
        }

        // Repayments recorded before their entries named them (older versions) cannot be checked row by row:
        // only those from the first one named on.
        let firstNamed = repayments.keys.min() ?? .max
        try await LoanStore(database: database).eachRepayment(pageSize: pageSize) { row in
            report.repaymentRows += 1
            guard let logged = repayments.removeValue(forKey: row.id) else {
                if row.id >= firstNamed {
                    add(nil, "还款记录 #\(row.id) 不在透明日志中：该行是绕过平台直接写入数据库的")
                } else {
                    report.unnamedRepayments += 1
                }
                return
            }
            if logged.fingerprint != LogEvents.repaymentDigest(row) {
                add(logged, "还款记录 #\(row.id) 与\(place(logged))不符：该行在数据库中被改动")
            }
        }
        for (id, logged) in repayments.sorted(by: { $0.key < $1.key }) {
            add(logged, "还款记录 #\(id) 已从数据库删除，但\(place(logged))记载了它")
        }
        return report
    }
}
