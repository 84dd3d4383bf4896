import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// The joint-modelling runs the credit center took part in, and the firms (only those in the intersection) whose
/// data each used. Recording a run and reporting its AUC are units of work with their transparency-log entry.
public struct JointRunStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let id: Int64; let detail: String }

    func run(_ row: Row) throws -> JointRun {
        var run = try DetailCoding.decode(JointRun.self, row.detail)
        run.id = row.id
        return run
    }

    /// Records a trained run with its member firms (the aligned ids) and logs it.
    @discardableResult
    public func record(_ run: JointRun, members: [String]) async throws -> JointRun {
        try await database.write { unit in
            let sql = try unit.sql()
            var stored = run
            let now = epochMillis(run.createdAt)
            stored.id = try await sql.insertReturningID("""
                INSERT INTO joint_runs (run_id, name, institution_id, status, detail, created_at, updated_at)
                VALUES (\(bind: run.runId), \(bind: run.name), \(bind: run.institutionID), \(bind: run.status.rawValue), '{}',
                  \(bind: now), \(bind: now))
                RETURNING id
                """, what: "联合建模记录编号")
            try await sql.raw("UPDATE joint_runs SET detail = \(bind: try DetailCoding.encode(stored)) WHERE id = \(bind: stored.id)").run()
            var start = 0
            let distinct = Array(Set(members)).sorted()
            while start < distinct.count {
                let chunk = distinct[start..<min(start + 400, distinct.count)]
                var insert = sql.insert(into: "joint_run_members").columns("run_id", "uscc")
                for uscc in chunk { insert = insert.values([SQLBind(run.runId), SQLBind(uscc)]) }
                try await insert.run()
                start += chunk.count
            }
            unit.log(try LogEvents.jointModel(stored, step: "trained", at: run.createdAt))
            return stored
        }
    }

    /// The bank's AUC on its labels, reported once per run by the run's institution.
    public func reportAUC(runId: String, institutionID: Int64, auc: Double, at time: Date) async throws -> JointRun {
        try await database.write { unit in
            let store = JointRunStore(database: unit.database)
            guard var run = try await store.run(runId: runId), run.institutionID == institutionID else {
                throw DomainError.notFound("该联合建模记录")
            }
            guard run.status == .trained else {
                throw DomainError.illegalTransition(entity: "联合建模记录", from: "已报告 AUC", action: "再次报告 AUC")
            }
            run.auc = auc
            run.status = .evaluated
            try await unit.sql().raw("""
                UPDATE joint_runs SET status = \(bind: run.status.rawValue), detail = \(bind: try DetailCoding.encode(run)),
                  updated_at = \(bind: epochMillis(time)) WHERE id = \(bind: run.id) AND status = 'trained'
                """).run()
            unit.log(try LogEvents.jointModel(run, step: "evaluated", at: time))
            return run
        }
    }

    public func run(runId: String) async throws -> JointRun? {
        try await database.sql().raw("SELECT id, detail FROM joint_runs WHERE run_id = \(bind: runId)")
            .first(decoding: Row.self).map(run)
    }

    /// Every run, newest first; only one institution's when given.
    public func runs(institutionID: Int64? = nil, limit: Int = 200) async throws -> [JointRun] {
        let sql = try database.sql()
        let rows: [Row]
        if let institutionID {
            rows = try await sql.raw("""
                SELECT id, detail FROM joint_runs WHERE institution_id = \(bind: institutionID) ORDER BY id DESC LIMIT \(bind: limit)
                """).all(decoding: Row.self)
        } else {
            rows = try await sql.raw("SELECT id, detail FROM joint_runs ORDER BY id DESC LIMIT \(bind: limit)").all(decoding: Row.self)
        }
        return try rows.map(run)
    }

    /// The runs a firm's data took part in, newest first.
    public func participations(uscc: String) async throws -> [JointRunParticipation] {
        struct P: Decodable { let run_id: String; let name: String; let institution_id: Int64; let institution_name: String?; let created_at: Int64 }
        return try await database.sql().raw("""
            SELECT r.run_id, r.name, r.institution_id, i.name AS institution_name, r.created_at
            FROM joint_run_members m JOIN joint_runs r ON r.run_id = m.run_id LEFT JOIN institutions i ON i.id = r.institution_id
            WHERE m.uscc = \(bind: uscc) ORDER BY r.id DESC
            """).all(decoding: P.self).map {
            JointRunParticipation(runId: $0.run_id, name: $0.name, institutionID: $0.institution_id,
                                  institutionName: $0.institution_name ?? "", day: Day(Date(timeIntervalSince1970: Double($0.created_at) / 1000)))
        }
    }

    /// How many firms took part in a run (the member table).
    public func memberCount(runId: String) async throws -> Int {
        try await database.sql().raw("SELECT COUNT(*) AS n FROM joint_run_members WHERE run_id = \(bind: runId)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

extension AuthorisationStore {
    /// Every authorisation not expired before `day` (revoked ones included: the caller checks), for bulk consent checks.
    public func unexpired(on day: Day) async throws -> [Authorisation] {
        try await database.sql().raw("SELECT detail FROM authorisations WHERE valid_until >= \(bind: day.description) ORDER BY id")
            .all(decoding: Row.self).map { try DetailCoding.decode(Authorisation.self, $0.detail) }
    }
}

extension RegistryStore {
    /// Every registered firm's code and status (the PSI's candidate ids on the center's side).
    public func registered() async throws -> [(uscc: String, status: String)] {
        struct R: Decodable { let uscc: String; let status: String }
        return try await database.sql().raw("SELECT uscc, status FROM enterprises ORDER BY uscc").all(decoding: R.self)
            .map { ($0.uscc, $0.status) }
    }
}
