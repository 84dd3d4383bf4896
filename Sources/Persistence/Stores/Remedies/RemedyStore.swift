import Domain
import FluentKit
import Foundation
import SQLKit

/// Objections (异议) and credit repair applications (信用修复). Each step is one transaction that writes
/// first, then reads (SQLite WAL snapshots), saves the new state, sets the record flag when the record must
/// disappear, and appends the step's transparency-log entry.
public struct RemedyStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct Row: Decodable { let detail: String }

    // MARK: Objections

    /// Files an objection; a record has at most one open objection.
    public func file(_ objection: Objection, actor: String) async throws -> Objection {
        try await database.write { unit in
            let tx = unit.database
            let sql = try tx.sql()
            let now = epochMillis(objection.filedAt)
            let id = try await sql.insertReturningID("""
                INSERT INTO objections (uscc, dataset, record_id, department_id, status, deadline, detail, created_at, updated_at)
                VALUES (\(bind: objection.uscc), \(bind: objection.dataset), \(bind: objection.recordID),
                  \(bind: objection.departmentID), \(bind: objection.status.rawValue), \(bind: objection.deadline), '{}',
                  \(bind: now), \(bind: now))
                RETURNING id
                """, what: "异议编号")
            struct Count: Decodable { let n: Int }
            let open = try await sql.raw("""
                SELECT COUNT(*) AS n FROM objections WHERE dataset = \(bind: objection.dataset)
                  AND record_id = \(bind: objection.recordID) AND status IN ('pending', 'escalated')
                """).first(decoding: Count.self)?.n ?? 0
            guard open == 1 else { throw DomainError.conflict("该记录已有处理中的异议，请等待处理结果") }
            var stored = objection
            stored.id = id
            try await sql.raw("UPDATE objections SET detail = \(bind: try DetailCoding.encode(stored)) WHERE id = \(bind: id)").run()
            unit.log(try LogEvents.objection(stored, step: "filed", actor: actor, at: objection.filedAt))
            // The record's "under objection" mark (or, once confirmed, the record itself) changes in profiles.
            unit.bump(.profiles)
            return stored
        }
    }

    public func objection(id: Int64) async throws -> Objection? {
        try await database.sql().raw("SELECT detail FROM objections WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(Objection.self, $0.detail) }
    }

    /// A firm's objections, newest first.
    public func objections(uscc: String) async throws -> [Objection] {
        try await list("uscc = \(bind: uscc)", order: "id DESC")
    }

    /// The queue of a department: objections on records it sent, or on datasets only it submits; open ones
    /// first (escalated, then by deadline), then the answered ones, newest first. Nil department: all
    /// (the credit center).
    public func queue(departmentID: Int64?, datasets: [String], limit: Int = 200) async throws -> [Objection] {
        let order: SQLQueryString = """
            CASE status WHEN 'escalated' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END,
            CASE WHEN status IN ('pending', 'escalated') THEN deadline ELSE '' END, id DESC
            """
        guard let departmentID else { return try await list("1 = 1", order: order, limit: limit) }
        var condition: SQLQueryString = "department_id = \(bind: departmentID)"
        if !datasets.isEmpty { condition = "(" + condition + " OR dataset IN (\(binds: datasets)))" }
        return try await list(condition, order: order, limit: limit)
    }

    func list(_ condition: SQLQueryString, order: SQLQueryString, limit: Int = 500) async throws -> [Objection] {
        try await database.sql().raw("SELECT detail FROM objections WHERE " + condition + " ORDER BY " + order
                                     + " LIMIT \(bind: limit)")
            .all(decoding: Row.self).map { try DetailCoding.decode(Objection.self, $0.detail) }
    }

    /// Applies a step. A correction names the record's current version (sent through the normal ingest path
    /// beforehand); a confirmation flags the record so it is no longer shown or counted.
    @discardableResult
    public func apply(_ action: ObjectionAction, note: String = "", to id: Int64, actor: String,
                      at time: Date = Date()) async throws -> Objection {
        try await database.write { unit in
            let tx = unit.database
            let sql = try tx.sql()
            try await sql.raw("UPDATE objections SET updated_at = updated_at WHERE id = \(bind: id)").run()
            guard let current = try await sql.raw("SELECT detail FROM objections WHERE id = \(bind: id)")
                .first(decoding: Row.self).map({ try DetailCoding.decode(Objection.self, $0.detail) }) else {
                throw DomainError.notFound("该异议")
            }
            let event: ObjectionEvent
            switch action {
            case .confirm: event = .confirm(note: note)
            case .reject: event = .reject(reason: note)
            case .escalate: event = .escalate
            case .withdraw: event = .withdraw
            case .correct:
                struct V: Decodable { let version: Int }
                let version = try await sql.raw("""
                    SELECT version FROM records WHERE dataset = \(bind: current.dataset) AND record_id = \(bind: current.recordID)
                    """).first(decoding: V.self)?.version ?? current.recordVersion
                event = .correct(version: version, note: note)
            }
            let next = try current.applying(event, by: actor, at: time)
            let row = try await sql.raw("""
                UPDATE objections SET status = \(bind: next.status.rawValue), detail = \(bind: try DetailCoding.encode(next)),
                  updated_at = \(bind: epochMillis(time))
                WHERE id = \(bind: id) AND status = \(bind: current.status.rawValue)
                RETURNING id
                """).first()
            guard row != nil else { throw DomainError.conflict("该异议刚被他人处理，请刷新后重试") }
            if next.status == .confirmed {
                try await Self.flag(sql, dataset: next.dataset, recordID: next.recordID, flag: "withdrawn",
                                    reference: "objection:\(id)", at: time)
            }
            unit.log(try LogEvents.objection(next, step: action.rawValue, actor: actor, at: time))
            // The record's "under objection" mark (or, once confirmed, the record itself) changes in profiles.
            unit.bump(.profiles)
            return next
        }
    }

    /// Which of these records of `dataset` have an open (pending or escalated) objection.
    public func openTargets(dataset: String, recordIDs: [String]) async throws -> Set<String> {
        guard !recordIDs.isEmpty else { return [] }
        struct R: Decodable { let record_id: String }
        return Set(try await database.sql().raw("""
            SELECT record_id FROM objections WHERE dataset = \(bind: dataset) AND record_id IN (\(binds: recordIDs))
              AND status IN ('pending', 'escalated')
            """).all(decoding: R.self).map(\.record_id))
    }

    /// Escalates every pending objection whose deadline is before `day`; returns them.
    public func escalateOverdue(on day: Day, at time: Date = Date()) async throws -> [Objection] {
        struct I: Decodable { let id: Int64 }
        let ids = try await database.sql().raw("""
            SELECT id FROM objections WHERE status = 'pending' AND deadline < \(bind: day.description) ORDER BY id
            """).all(decoding: I.self)
        var escalated: [Objection] = []
        for row in ids {
            do {
                escalated.append(try await apply(.escalate, to: row.id, actor: "platform", at: time))
            } catch let error as DomainError {
                // Answered meanwhile: nothing to escalate.
                if case .conflict = error { continue }
                if case .illegalTransition = error { continue }
                throw error
            }
        }
        return escalated
    }

    static func flag(_ sql: any SQLDatabase, dataset: String, recordID: String, flag: String, reference: String,
                     at time: Date) async throws {
        try await sql.raw("""
            INSERT INTO record_flags (dataset, record_id, flag, reference, created_at)
            VALUES (\(bind: dataset), \(bind: recordID), \(bind: flag), \(bind: reference), \(bind: epochMillis(time)))
            ON CONFLICT (dataset, record_id) DO NOTHING
            """).run()
    }

    /// Records of a firm taken out of display (objection confirmed or repaired), by record id.
    public func flaggedRecords(uscc: String) async throws -> [String: String] {
        struct F: Decodable { let record_id: String; let flag: String }
        let rows = try await database.sql().raw("""
            SELECT f.record_id, f.flag FROM record_flags f JOIN records r ON r.dataset = f.dataset AND r.record_id = f.record_id
            WHERE r.uscc = \(bind: uscc)
            """).all(decoding: F.self)
        return Dictionary(rows.map { ($0.record_id, $0.flag) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Repairs

    /// Keeps an application; a record has at most one pending or approved application.
    public func apply(_ repair: RepairApplication, actor: String) async throws -> RepairApplication {
        try await database.write { unit in
            let tx = unit.database
            let sql = try tx.sql()
            let now = epochMillis(repair.appliedAt)
            let id = try await sql.insertReturningID("""
                INSERT INTO repairs (uscc, dataset, record_id, status, detail, created_at, updated_at)
                VALUES (\(bind: repair.uscc), \(bind: repair.dataset), \(bind: repair.recordID), \(bind: repair.status.rawValue),
                  '{}', \(bind: now), \(bind: now))
                RETURNING id
                """, what: "修复申请编号")
            struct Count: Decodable { let n: Int }
            let open = try await sql.raw("""
                SELECT COUNT(*) AS n FROM repairs WHERE dataset = \(bind: repair.dataset) AND record_id = \(bind: repair.recordID)
                  AND status IN ('pending', 'approved')
                """).first(decoding: Count.self)?.n ?? 0
            guard open == 1 else { throw DomainError.conflict("该处罚已有待审核或已通过的修复申请") }
            var stored = repair
            stored.id = id
            try await sql.raw("UPDATE repairs SET detail = \(bind: try DetailCoding.encode(stored)) WHERE id = \(bind: id)").run()
            unit.log(try LogEvents.repair(stored, step: "applied", actor: actor, at: repair.appliedAt))
            return stored
        }
    }

    public func repair(id: Int64) async throws -> RepairApplication? {
        try await database.sql().raw("SELECT detail FROM repairs WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try DetailCoding.decode(RepairApplication.self, $0.detail) }
    }

    public func repairs(uscc: String) async throws -> [RepairApplication] {
        try await database.sql().raw("SELECT detail FROM repairs WHERE uscc = \(bind: uscc) ORDER BY id DESC")
            .all(decoding: Row.self).map { try DetailCoding.decode(RepairApplication.self, $0.detail) }
    }

    /// All applications, pending first, newest first.
    public func repairs(limit: Int = 200) async throws -> [RepairApplication] {
        try await database.sql().raw("""
            SELECT detail FROM repairs ORDER BY CASE status WHEN 'pending' THEN 0 ELSE 1 END, id DESC LIMIT \(bind: limit)
            """).all(decoding: Row.self).map { try DetailCoding.decode(RepairApplication.self, $0.detail) }
    }

    /// The operator's decision; approval flags the record so it is no longer published, shared or counted.
    @discardableResult
    public func decide(repair id: Int64, approve: Bool, note: String, actor: String, at time: Date = Date()) async throws -> RepairApplication {
        try await database.write { unit in
            let tx = unit.database
            let sql = try tx.sql()
            try await sql.raw("UPDATE repairs SET updated_at = updated_at WHERE id = \(bind: id)").run()
            guard let current = try await sql.raw("SELECT detail FROM repairs WHERE id = \(bind: id)")
                .first(decoding: Row.self).map({ try DetailCoding.decode(RepairApplication.self, $0.detail) }) else {
                throw DomainError.notFound("该信用修复申请")
            }
            let next = try current.deciding(approve: approve, note: note, by: actor, at: time)
            try await sql.raw("""
                UPDATE repairs SET status = \(bind: next.status.rawValue), detail = \(bind: try DetailCoding.encode(next)),
                  updated_at = \(bind: epochMillis(time))
                WHERE id = \(bind: id)
                """).run()
            if approve {
                try await Self.flag(sql, dataset: next.dataset, recordID: next.recordID, flag: "repaired",
                                    reference: "repair:\(id)", at: time)
            }
            unit.log(try LogEvents.repair(next, step: approve ? "approved" : "rejected", actor: actor, at: time))
            if approve { unit.bump(.profiles) }
            return next
        }
    }
}
