import App
import CreditLog
import Domain
import Fluent
import Foundation
import Persistence
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// Tamper evidence reaches the rows the log speaks for (issue 10, item 8): an access-log row or a repayment
/// changed, deleted or inserted directly in the database is found by `xyd log verify`'s source audit, the
/// firm's proof says "does not match the log", and a checkpoint nobody cosigned is warned about.
@Suite struct SourceTamperTests {
    enum Tamper: String, CaseIterable, CustomStringConvertible {
        case accessActorChanged, accessDeleted, accessInserted, repaymentAmountChanged, repaymentDeleted, repaymentInserted
        var description: String { rawValue }
    }

    /// Two reads of firm A's report by bank A, and one loan of firm B with one repayment; all sequenced and
    /// checkpointed.
    static func history(_ app: Application) async throws -> (f: MarketFixtures, loanID: Int64) {
        let f = try await MarketplaceAPITests.setUp(app)
        #expect(try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
            "institutions": [String(f.bankA.id)], "categories": ["tax"], "purposes": ["loan_application"],
            "validUntil": Day.today().adding(days: 30).description]).status == .created)
        for _ in 0..<2 {
            #expect(try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)/report", token: f.bankAToken).status == .ok)
        }
        let other = try await IsolationTests.otherTenantObjects(app, f)
        try await LoanStore(database: app.db).recordRepayment(loanID: other.loan, Repayment(day: .today(), amount: Cents(100_000)),
                                                              reportedBy: "乙银行", asOf: .today(), thresholds: .default)
        try await LogSequencer(database: app.db).sequenceAll()
        try await app.signLogCheckpoint()
        return (f, other.loan)
    }

    @Test(arguments: Backend.allCases, Tamper.allCases)
    func aChangedSourceRowIsFound(backend: Backend, tamper: Tamper) async throws {
        try await withTestApp(backend) { app in
            let (f, loanID) = try await Self.history(app)
            let sql = try #require(app.db as? any SQLDatabase)
            let clean = try await SourceAudit(database: app.db).run()
            #expect(clean.findings.isEmpty, "\(clean.findings)")
            #expect(clean.accessRows == 2 && clean.repaymentRows == 1)

            struct ID: Decodable { let id: Int64 }
            let accessID = try #require(try await sql.raw("SELECT MIN(id) AS id FROM access_log").first(decoding: ID.self)?.id)
            let phrase: String
            switch tamper {
            case .accessActorChanged:
                try await sql.raw("UPDATE access_log SET actor = '别人' WHERE id = \(bind: accessID)").run()
                phrase = "查询记录 #\(accessID) 与日志第"
            case .accessDeleted:
                try await sql.raw("DELETE FROM access_log WHERE id = \(bind: accessID)").run()
                phrase = "查询记录 #\(accessID) 已从数据库删除"
            case .accessInserted:
                try await sql.raw("""
                    INSERT INTO access_log (at, uscc, institution_id, actor, categories, authorisation_id, purpose, action)
                    SELECT at, uscc, institution_id, actor, categories, authorisation_id, purpose, action FROM access_log WHERE id = \(bind: accessID)
                    """).run()
                phrase = "不在透明日志中"
            case .repaymentAmountChanged:
                try await sql.raw("UPDATE repayments SET amount = amount + 1").run()
                phrase = "还款记录 #"
            case .repaymentDeleted:
                try await sql.raw("DELETE FROM repayments").run()
                phrase = "已从数据库删除"
            case .repaymentInserted:
                try await sql.raw("""
                    INSERT INTO repayments (loan_id, paid_on, amount, reported_by, created_at)
                    VALUES (\(bind: loanID), '2025-01-01', 5, '乙银行', 0)
                    """).run()
                phrase = "不在透明日志中"
            }
            let report = try await SourceAudit(database: app.db).run()
            #expect(report.findings.count == 1, "\(report.findings)")
            #expect(report.findings.contains { $0.message.contains(phrase) }, "\(report.findings)")
            // The log's own tables are untouched, so only the source audit can tell.
            #expect(try await TransparencyLogTests.audit(app).isClean)

            if tamper == .accessActorChanged {
                // The firm's proof no longer says "retry later": the row does not match the log.
                let proof = try await send(app, .GET, "/api/v1/access-log/\(accessID)/proof", token: f.firmAToken).json()
                #expect(proof["verified"] as? Bool == false)
                #expect((proof["message"] as? String)?.contains("与透明日志不符") == true)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func aCheckpointNoWitnessCosignedIsWarnedAbout(backend: Backend) async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-witness-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        try await withTestApp(backend) { app in
            #expect(try await LogAudit.witnessWarning(app.logStore) == nil, "no checkpoint yet: nothing to cosign")
            try await TransparencyLogTests.fill(app, count: 3)
            try await app.signLogCheckpoint()
            #expect(try await LogAudit.witnessWarning(app.logStore)?.contains("尚无任何检查点经见证方联署") == true)
            let witness = WitnessTool(state: state, transport: TransparencyLogTests.AppTransport(app: app), name: "bank.example/witness",
                                      say: { _ in })
            #expect(try await witness.run() == .cosigned(size: 3, previous: 0))
            #expect(try await LogAudit.witnessWarning(app.logStore) == nil)
            try await TransparencyLogTests.fill(app, count: 2, from: 3)
            try await app.signLogCheckpoint()
            #expect(try await LogAudit.witnessWarning(app.logStore)?.contains("最近一次联署的检查点大小为 3") == true)
        }
    }
}
