import Services
import Fluent
import App
import CreditLog
import Domain
import Foundation
import Persistence
import Testing
import TestSupport
import VaporTesting

/// Objections and credit repair over the API, on both databases: the disputed record is flagged wherever it
/// is shown, only its source department answers, overdue objections are escalated; a repair waits for the
/// minimum publication period and, once approved, removes the penalty from the profile and the score;
/// every step is in the transparency log.
@Suite struct RemediesAPITests {
    static func setUp(_ app: Application) async throws -> MarketFixtures {
        let base = try await Fixtures.seed(app)
        try await upload(app, "market.registration", SampleFiles.registrations, token: base.marketToken)
        return try await MarketFixtures.seed(app, base: base)
    }



    /// The record of `recordID` in the firm's profile (nil when not shown), and the profile's evaluation.
    func profile(_ app: Application, token: String, recordID: String) async throws -> (record: [String: Any]?, evaluation: [String: Any]?) {
        let reply = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)", token: token)
        #expect(reply.status == .ok)
        let doc = try reply.json()
        let groups = doc["groups"] as? [[String: Any]] ?? []
        let record = groups.flatMap { $0["records"] as? [[String: Any]] ?? [] }.first { $0["recordID"] as? String == recordID }
        return (record, doc["evaluation"] as? [String: Any])
    }

    func explanation(_ evaluation: [String: Any]?, item: String) -> [String: Any]? {
        (evaluation?["explanation"] as? [[String: Any]])?.first { $0["itemID"] as? String == item }
    }

    func objectionEntries(_ app: Application) async throws -> [LogEntry] {
        let checkpoint = try await app.signLogCheckpoint()
        return try await app.logStore.entries(from: 0, to: checkpoint.size).map { try LogEntry(canonicalBytes: Array($0.entry.utf8)) }
    }

    @Test(arguments: Backend.allCases)
    func objectionsAreFlaggedAndAnsweredByTheSourceDepartment(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Self.setUp(app)
            let firmA = SampleFiles.firmA
            let reply = try await upload(app, "market.abnormal", """
                record_id,uscc,listed_on,reason,authority
                AB1,\(firmA),2026-03-02,未按期公示年度报告,大连市市场监督管理局
                AB2,\(firmA),2026-04-02,通过登记的住所无法联系,大连市市场监督管理局
                AB3,\(firmA),2026-05-02,公示信息隐瞒真实情况,大连市市场监督管理局

                """, token: f.base.marketToken)
            #expect(reply.status == .created || reply.status == .ok)
            try await app.reevaluate(firms: [firmA])
            let before = try await profile(app, token: f.firmAToken, recordID: "AB1")
            #expect(before.record?["underObjection"] as? Bool == false)
            let cited = explanation(before.evaluation, item: "market.abnormal")?["recordIDs"] as? [String] ?? []
            #expect(Set(cited) == ["AB1", "AB2", "AB3"])
            #expect(explanation(before.evaluation, item: "market.abnormal")?["underObjection"] == nil)

            // The firm objects; a second objection on the same record waits for the first.
            var r = try await post(app, "/api/v1/objections", token: f.firmAToken,
                                   ["dataset": "market.abnormal", "recordID": "AB1", "reason": "已于次月补报年报", "attachments": ["年报回执"]])
            #expect(r.status == .created)
            let first = try r.json()
            let id1 = try #require(first["id"] as? Int)
            #expect(first["status"] as? String == "pending")
            // The clerk decides with the firm's name, the record as stored and the days left (issue 16), and can
            // download the record in the dataset's own columns to correct and send again.
            var queue = try await send(app, .GET, "/console/objections", token: f.base.marketToken)
            #expect(queue.body.contains("大连海韵科技有限公司") && queue.body.contains("未按期公示年度报告"))
            #expect(queue.body.contains("还剩 ") && queue.body.contains("/console/objections/\(id1)/record.csv"))
            let download = try await send(app, .GET, "/console/objections/\(id1)/record.csv", token: f.base.marketToken)
            #expect(download.status == .ok && download.body.hasPrefix("\u{FEFF}record_id,uscc,listed_on,reason") && download.body.contains("AB1,\(firmA)"))
            #expect(try await send(app, .GET, "/console/objections/\(id1)/record.csv", token: f.base.courtToken).status == .notFound)
            queue = try await send(app, .GET, "/console/objections", token: f.base.courtToken)
            #expect(!queue.body.contains("未按期公示年度报告"))
            #expect(first["deadline"] as? String == WorkingDays().adding(5, to: .today()).description)
            r = try await post(app, "/api/v1/objections", token: f.firmAToken, ["dataset": "market.abnormal", "recordID": "AB1", "reason": "再次"])
            #expect(r.status == .conflict)
            // Firm B cannot object to firm A's record; nor can a department file one.
            r = try await post(app, "/api/v1/objections", token: f.firmBToken, ["dataset": "market.abnormal", "recordID": "AB1", "reason": "x"])
            #expect(r.status == .notFound)
            r = try await post(app, "/api/v1/objections", token: f.base.marketToken, ["dataset": "market.abnormal", "recordID": "AB1", "reason": "x"])
            #expect(r.status == .forbidden)

            // Shown as under objection in the profile and in the explanation line that cites it.
            let during = try await profile(app, token: f.firmAToken, recordID: "AB1")
            #expect(during.record?["underObjection"] as? Bool == true)
            #expect(explanation(during.evaluation, item: "market.abnormal")?["underObjection"] as? Bool == true)
            let bank = try await profile(app, token: f.base.centerToken, recordID: "AB1")
            #expect(bank.record?["underObjection"] as? Bool == true)

            // Another dataset's department neither sees nor answers it.
            r = try await send(app, .GET, "/api/v1/objections", token: f.base.courtToken)
            #expect(r.status == .ok && !r.body.contains("\"id\":\(id1)"))
            r = try await send(app, .GET, "/api/v1/objections/\(id1)", token: f.base.courtToken)
            #expect(r.status == .notFound)
            r = try await post(app, "/api/v1/objections/\(id1)/resolve", token: f.base.courtToken, ["action": "confirm"])
            #expect(r.status == .notFound)
            r = try await post(app, "/api/v1/objections/\(id1)/resolve", token: f.firmAToken, ["action": "confirm"])
            #expect(r.status == .forbidden)

            // The source department sees it in its queue and rejects it, with a reason.
            r = try await send(app, .GET, "/api/v1/objections", token: f.base.marketToken)
            #expect(r.status == .ok && r.body.contains("\"id\":\(id1)"))
            r = try await post(app, "/api/v1/objections/\(id1)/resolve", token: f.base.marketToken, ["action": "reject"])
            #expect(r.status == .unprocessableEntity)
            r = try await post(app, "/api/v1/objections/\(id1)/resolve", token: f.base.marketToken,
                               ["action": "reject", "reason": "经核实，企业未按期公示年度报告"])
            #expect(r.status == .ok)
            #expect(try r.json()["status"] as? String == "rejected")
            r = try await post(app, "/api/v1/objections/\(id1)/resolve", token: f.base.marketToken, ["action": "confirm"])
            #expect(r.status == .conflict)
            #expect(try r.json()["error"] as? String == "illegal_transition")
            #expect(try await profile(app, token: f.firmAToken, recordID: "AB1").record?["underObjection"] as? Bool == false)

            // Corrected: the department sends a new version through the normal ingest path, then links it.
            r = try await post(app, "/api/v1/objections", token: f.firmAToken,
                               ["dataset": "market.abnormal", "recordID": "AB2", "reason": "已于 2026-05-10 移出名录"])
            let id2 = try #require(try r.json()["id"] as? Int)
            r = try await post(app, "/api/v1/objections/\(id2)/resolve", token: f.base.marketToken, ["action": "correct"])
            #expect(r.status == .unprocessableEntity) // no new version yet
            _ = try await upload(app, "market.abnormal", """
                record_id,uscc,listed_on,reason,authority,removed_on
                AB2,\(firmA),2026-04-02,通过登记的住所无法联系,大连市市场监督管理局,2026-05-10

                """, token: f.base.marketToken)
            r = try await post(app, "/api/v1/objections/\(id2)/resolve", token: f.base.marketToken, ["action": "correct", "note": "已更正移出日期"])
            #expect(r.status == .ok)
            let corrected = try r.json()
            #expect(corrected["status"] as? String == "corrected" && corrected["correctedVersion"] as? Int == 2)

            // Confirmed: the record disappears from the profile and the score is recomputed.
            r = try await post(app, "/api/v1/objections", token: f.firmAToken,
                               ["dataset": "market.abnormal", "recordID": "AB3", "reason": "系登记机关错列"])
            let id3 = try #require(try r.json()["id"] as? Int)
            r = try await post(app, "/api/v1/objections/\(id3)/resolve", token: f.base.marketToken, ["action": "confirm"])
            #expect(r.status == .ok)
            let after = try await profile(app, token: f.firmAToken, recordID: "AB3")
            #expect(after.record == nil)
            #expect(try await profile(app, token: f.base.centerToken, recordID: "AB3").record == nil)
            // Re-evaluated: the listing line cites only the record still listed.
            #expect(explanation(after.evaluation, item: "market.abnormal")?["recordIDs"] as? [String] == ["AB1"])

            // The firm sees the outcomes.
            r = try await send(app, .GET, "/api/v1/objections", token: f.firmAToken)
            let mine = try #require(try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [[String: Any]])
            #expect(Set(mine.compactMap { $0["status"] as? String }) == ["rejected", "corrected", "confirmed"])
            #expect(mine.first { $0["id"] as? Int == id1 }?["resolution"] as? String == "经核实，企业未按期公示年度报告")
            r = try await send(app, .GET, "/firm/objections", token: f.firmAToken)
            #expect(r.status == .ok && r.body.contains("已驳回") && r.body.contains("异议成立"))
            r = try await send(app, .GET, "/firm", token: f.firmAToken)
            #expect(r.body.contains("异议 #\(id3) 处理结果：异议成立"))
            r = try await send(app, .GET, "/console/objections", token: f.base.marketToken)
            #expect(r.status == .ok && r.body.contains("#\(id1)"))
            r = try await send(app, .GET, "/console/objections", token: f.base.courtToken)
            #expect(r.status == .ok && !r.body.contains("#\(id1)"))

            // Every step is a log entry without personal data.
            let entries = try await objectionEntries(app).filter { $0.kind == .objection }
            #expect(entries.count == 6) // filed ×3, reject, correct, confirm
            #expect(entries.allSatisfy { $0.attributes["subject"] == LogEvents.subject(uscc: firmA) })
            #expect(Set(entries.compactMap { $0.attributes["step"] }) == ["filed", "reject", "correct", "confirm"])
        }
    }

    @Test(arguments: Backend.allCases)
    func overdueObjectionsAreEscalated(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Self.setUp(app)
            _ = try await upload(app, "market.abnormal", """
                record_id,uscc,listed_on,reason,authority
                AB1,\(SampleFiles.firmA),2026-03-02,未按期公示年度报告,大连市市场监督管理局

                """, token: f.base.marketToken)
            var r = try await post(app, "/api/v1/objections", token: f.firmAToken,
                                   ["dataset": "market.abnormal", "recordID": "AB1", "reason": "已补报"])
            let id = try #require(try r.json()["id"] as? Int)
            let deadlineText = try #require(try r.json()["deadline"] as? String)
            let deadline = try #require(Day(iso: deadlineText))
            #expect(try await app.escalateOverdueObjections(on: deadline).isEmpty)
            let escalated = try await app.escalateOverdueObjections(on: deadline.adding(days: 1))
            #expect(escalated.map(\.id) == [Int64(id)] && escalated.first?.status == .escalated)
            #expect(try await app.escalateOverdueObjections(on: deadline.adding(days: 2)).isEmpty)
            // The credit center sees it first; the department may still answer it.
            r = try await send(app, .GET, "/api/v1/objections", token: f.base.centerToken)
            let list = try #require(try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [[String: Any]])
            #expect(list.first?["status"] as? String == "escalated")
            r = try await send(app, .GET, "/console/objections", token: f.base.centerToken)
            #expect(r.body.contains("已逾期"))
            r = try await post(app, "/api/v1/objections/\(id)/resolve", token: f.base.marketToken, ["action": "confirm"])
            #expect(r.status == .ok)
            let steps = try await objectionEntries(app).filter { $0.kind == .objection }.compactMap { $0.attributes["step"] }
            #expect(steps == ["filed", "escalate", "confirm"])
        }
    }

    @Test(arguments: Backend.allCases)
    func repairWaitsForTheMinimumPeriodThenRemovesThePenalty(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Self.setUp(app)
            let firmA = SampleFiles.firmA
            let today = Day.today()
            let general = today.adding(days: -130), serious = today.adding(days: -60)
            _ = try await upload(app, "admin.penalty", """
                record_id,uscc,decision_no,decided_on,authority,severity,violation,amount
                PX,\(firmA),大市监罚〔2026〕21号,\(general),大连市市场监督管理局,一般,虚假宣传,5000
                PY,\(firmA),大市监罚〔2026〕22号,\(serious),大连市市场监督管理局,严重,无证经营,50000

                """, token: f.base.marketToken)
            try await app.reevaluate(firms: [firmA])
            let before = try await profile(app, token: f.firmAToken, recordID: "PX")
            #expect(before.record != nil)
            let scoreBefore = try #require(before.evaluation?["score"] as? Int)

            let periods = PublicationPeriods(app.platform.evaluationModel.penaltyRegimes)
            let earliest = try #require(periods.earliestRepairDay(severity: "严重", decided: serious))
            var r = try await send(app, .GET, "/api/v1/repairs", token: f.firmAToken)
            let penalties = try #require(try r.json()["penalties"] as? [[String: Any]])
            let py = try #require(penalties.first { $0["recordID"] as? String == "PY" })
            #expect(py["eligibility"] as? String == "too_early" && py["earliestRepairDay"] as? String == earliest.description)
            #expect(penalties.first { $0["recordID"] as? String == "PX" }?["eligibility"] as? String == "eligible")

            // Too early: refused with the earliest day.
            r = try await post(app, "/api/v1/repairs", token: f.firmAToken, ["recordID": "PY", "proof": "已整改", "signer": "王伟"])
            #expect(r.status == .conflict)
            #expect(try r.json()["message"] as? String == "操作冲突：最短公示期尚未届满，最早可于 \(earliest) 申请信用修复")
            // Only its own penalties.
            r = try await post(app, "/api/v1/repairs", token: f.firmBToken, ["recordID": "PX", "proof": "已整改", "signer": "李娜"])
            #expect(r.status == .notFound)

            // Eligible: applies with proof and a fresh commitment.
            r = try await post(app, "/api/v1/repairs", token: f.firmAToken,
                               ["recordID": "PX", "proof": "已缴清罚款并完成整改", "attachments": ["缴款凭证"], "signer": "王伟"])
            #expect(r.status == .created)
            let applied = try r.json()
            let id = try #require(applied["id"] as? Int)
            let commitmentID = try #require(applied["commitmentID"] as? Int)
            let commitments = try await CommitmentStore(database: app.db).commitments(uscc: firmA)
            #expect(commitments.first?.id == Int64(commitmentID) && commitments.first?.isInForce == true)
            r = try await post(app, "/api/v1/repairs", token: f.firmAToken, ["recordID": "PX", "proof": "再次", "signer": "王伟"])
            #expect(r.status == .conflict)

            // Only the credit center decides.
            r = try await post(app, "/api/v1/repairs/\(id)/decision", token: f.base.marketToken, ["approve": true])
            #expect(r.status == .forbidden)
            r = try await post(app, "/api/v1/repairs/\(id)/decision", token: f.base.centerToken, ["approve": true])
            #expect(r.status == .ok)
            #expect(try r.json()["status"] as? String == "approved")
            r = try await post(app, "/api/v1/repairs/\(id)/decision", token: f.base.centerToken, ["approve": false, "note": "x"])
            #expect(r.status == .conflict)

            // Gone from the profile (for everyone) and from the score.
            let after = try await profile(app, token: f.firmAToken, recordID: "PX")
            #expect(after.record == nil)
            #expect(try await profile(app, token: f.base.centerToken, recordID: "PX").record == nil)
            #expect(try await profile(app, token: f.firmAToken, recordID: "PY").record != nil)
            let scoreAfter = try #require(after.evaluation?["score"] as? Int)
            #expect(scoreAfter > scoreBefore)
            r = try await send(app, .GET, "/firm/repairs", token: f.firmAToken)
            #expect(r.status == .ok && r.body.contains("已修复"))
            r = try await send(app, .GET, "/console/repairs", token: f.base.centerToken)
            #expect(r.status == .ok && r.body.contains("#\(id)"))

            let entries = try await objectionEntries(app).filter { $0.kind == .repair }
            #expect(entries.compactMap { $0.attributes["step"] } == ["applied", "approved"])
            #expect(entries.allSatisfy { $0.attributes["subject"] == LogEvents.subject(uscc: firmA) })
        }
    }
}
