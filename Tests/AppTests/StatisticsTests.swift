import App
import Domain
import Fluent
import Foundation
import Persistence
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// The statistics over the API (issue 14), on both databases, on a small city worked by hand: two firms registered two
/// months ago (A in 中山区 210202, B in 甘井子区 210211), both lending by 甲银行 on the 5th of last month (A ¥120,000
/// guaranteed, B ¥100,000 pure credit, auto-approved). The figures are checked against the hand-worked values, the
/// incremental refresh against a full recount after each change (a repayment, a revoked authorisation, a firm moving district),
/// then the monthly close and re-opening, an institution's report with its checks, the evaluation and a bulletin.
@Suite struct StatisticsTests {
    struct World {
        let f: MarketFixtures
        let last: StatMonth, before: StatMonth, current: StatMonth
        let loanA: Int
    }

    static func world(_ app: Application) async throws -> World {
        let f = try await MarketplaceAPITests.setUp(app)
        let today = Day.today()
        let current = StatMonth(today), last = current.adding(months: -1), before = current.adding(months: -2)
        // The firms registered (and were first seen in the registry) on the first day of the month before last.
        let registered = epochMillis(try #require(Calendar.shanghai.date(from: DateComponents(year: before.year, month: before.month, day: 1, hour: 10))))
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.raw("UPDATE users SET created_at = \(bind: registered) WHERE role = 'enterprise'").run()
        try await sql.raw("UPDATE firm_districts SET from_day = \(bind: before.firstDay.description)").run()
        // The departments joined then too, so last month's datasets were expected.
        try await sql.raw("UPDATE departments SET created_at = \(bind: registered)").run()

        // The firms signed, applied and borrowed on the 5th of last month.
        let now = moveClock(app, to: Day(year: last.year, month: last.month, day: 5))
        for (token, signer) in [(f.firmAToken, "王伟"), (f.firmBToken, "李娜")] {
            #expect(try await post(app, "/api/v1/commitments", token: token, ["signer": signer]).status == .created)
            _ = try await post(app, "/api/v1/authorisations", token: token, [
                "categories": ["tax"], "purposes": ["loan_application", "post_loan"], "validUntil": today.adding(days: 365).description])
        }
        let disbursed = Day(year: last.year, month: last.month, day: 5).description
        var loanA = 0
        for (token, product, amount) in [(f.firmAToken, f.manualProductID, 12_000_000), (f.firmBToken, f.autoProductID, 10_000_000)] {
            let applied = try await post(app, "/api/v1/applications", token: token, [
                "productID": product, "amountCents": amount, "termMonths": 12, "method": "equal_principal", "purpose": "扩大生产"])
            let application = try #require(try applied.json()["application"] as? [String: Any], "\(applied.body)")
            let id = try #require(application["id"] as? Int)
            var steps: [(String, [String: Any])] = []
            if product == f.manualProductID {
                steps = [(f.bankAToken, ["action": "accept"]),
                         (f.bankAToken, ["action": "approve", "amountCents": amount, "rateBasisPoints": 435, "termMonths": 12,
                                         "method": "equal_principal"])]
            }
            steps += [(token, ["action": "sign_contract"]), (f.bankAToken, ["action": "disburse", "day": disbursed])]
            for (who, body) in steps {
                let reply = try await post(app, "/api/v1/applications/\(id)/events", token: who, body)
                #expect(reply.status == .ok, "\(reply.body)")
            }
        }
        app.platform = now
        let loans = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/loans", token: f.bankAToken).body.utf8)) as? [[String: Any]] ?? []
        for loan in loans where (loan["uscc"] as? String) == SampleFiles.firmA { loanA = loan["id"] as? Int ?? 0 }
        #expect(loanA > 0)
        return World(f: f, last: last, before: before, current: current, loanA: loanA)
    }

    /// Indicator code → value of the period for the query.
    static func values(_ app: Application, _ token: String, _ query: String) async throws -> [String: Int64] {
        let reply = try await send(app, .GET, "/api/v1/stats?\(query)", token: token)
        #expect(reply.status == .ok, "\(reply.body)")
        var result: [String: Int64] = [:]
        for v in try reply.json()["values"] as? [[String: Any]] ?? [] {
            if let code = v["code"] as? String, let value = v["value"] as? Int { result[code] = Int64(value) }
        }
        return result
    }

    static func refreshAndVerify(_ app: Application, _ center: String) async throws -> [String: Any] {
        let refreshed = try await send(app, .POST, "/api/v1/stats/refresh", token: center)
        #expect(refreshed.status == .ok, "\(refreshed.body)")
        let verify = try await send(app, .GET, "/api/v1/stats/verify", token: center).json()
        #expect(verify["matches"] as? Bool == true, "incremental ≠ full recount: \(verify["differences"] ?? "")")
        return try refreshed.json()
    }

    @Test(arguments: Backend.allCases)
    func figuresMatchTheHandWorkedCityAndTheIncrementalPathMatchesAFullRecount(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let center = w.f.base.centerToken
            // Only the credit center and the finance and regulatory departments read the statistics.
            #expect(try await send(app, .GET, "/api/v1/stats", token: w.f.bankAToken).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/stats", token: w.f.firmAToken).status == .forbidden)
            #expect(try await send(app, .POST, "/api/v1/stats/refresh", token: w.f.bankAToken).status == .forbidden)

            let first = try await Self.refreshAndVerify(app, center)
            #expect(first["rebuilt"] as? Bool == true)

            // Last month: two loans of 甲银行, ¥220,000, ¥100,000 of it pure credit, both firms first-time borrowers, the
            // whole ¥220,000 outstanding and normal at the month's end (the first instalments fall due this month).
            let last = try await Self.values(app, center, "from=\(w.last)&to=\(w.last)")
            #expect(last["lending.loans"] == 2)
            #expect(last["lending.loan_amount"] == 22_000_000)
            #expect(last["lending.credit_loan_amount"] == 10_000_000)
            #expect(last["lending.credit_loan_share"] == 454_545)   // 100,000 ÷ 220,000 in millionths
            #expect(last["lending.first_loan_firms"] == 2)
            #expect(last["lending.loan_firms"] == 2)
            #expect(last["risk.balance"] == 22_000_000)
            #expect(last["risk.balance_normal"] == 22_000_000)
            #expect(last["risk.npl_ratio"] == 0)
            #expect(last["platform.firms_registered"] == 2)
            #expect(last["platform.firms_new"] == nil || last["platform.firms_new"] == 0)
            // An empty period: the month before last has the two registrations and nothing else.
            let before = try await Self.values(app, center, "from=\(w.before)&to=\(w.before)")
            #expect(before["platform.firms_new"] == 2)
            #expect(before["lending.loans"] == 0)
            #expect(before["lending.loan_amount"] == 0)
            #expect(before["lending.credit_loan_share"] == nil)    // 0 ÷ 0 is undefined, not 0 %
            // Last month too: two applications (filed on the 5th), both approved (two credit lines), one automatically.
            #expect(last["lending.applications"] == 2)
            #expect(last["lending.approvals"] == 2)
            #expect(last["lending.auto_approvals"] == 1)
            #expect(last["lending.lines"] == 2 && last["lending.line_amount"] == 22_000_000 && last["lending.line_firms"] == 2, "approvals are credit lines")
            // This month: no new application; the two authorisations and commitments are still in force.
            let now = try await Self.values(app, center, "from=\(w.current)&to=\(w.current)")
            #expect(now["lending.applications"] == 0)
            #expect(now["platform.firms_authorised"] == 2)
            #expect(now["platform.firms_committed"] == 2)
            // By district: each firm's loan counts where the firm was on the day of disbursement.
            let byDistrict = try await send(app, .GET, "/api/v1/stats?from=\(w.last)&to=\(w.last)&by=district&indicator=lending.loan_amount",
                                            token: center).json()
            let parts = Dictionary(uniqueKeysWithValues: (byDistrict["breakdown"] as? [[String: Any]] ?? []).map {
                ($0["key"] as? String ?? "", $0["value"] as? Int ?? -1) })
            #expect(parts["210202"] == 12_000_000 && parts["210211"] == 10_000_000, "\(parts)")
            let bankOnly = try await Self.values(app, center, "from=\(w.last)&to=\(w.last)&institution=\(w.f.bankB.id)")
            #expect(bankOnly["lending.loans"] == 0)

            // Data collection this month: every department is expected to send each of its datasets (the fixtures'
            // departments have 7); the batches received today are data of last month.
            struct Datasets: Decodable { let datasets: String }
            let sql = try #require(app.db as? any SQLDatabase)
            let expected = try await sql.raw("SELECT datasets FROM departments").all(decoding: Datasets.self)
                .reduce(0) { $0 + $1.datasets.split(separator: ",").count }
            #expect(now["collection.datasets_expected"] == Int64(expected))
            #expect(last["collection.records_received"] == 2, "the two registrations uploaded today")
            // Last month's registration dataset arrived (today); on time only up to the 10th of this month.
            #expect(last["collection.datasets_expected"] == Int64(expected) && last["collection.datasets_received"] == 1)
            #expect(last["collection.timeliness"] == (Day.today().day <= 10 ? last["collection.rate"] : 0), "\(last)")
            #expect(now["platform.institutions_online"] == 2 && now["platform.products_online"] == 2, "the draft product is not online")
            // A demand published by firm A and taken by bank B: published 1, taken 1, not satisfied (no loan from bank B).
            let demand = try await DemandStore(database: app.db).create(try FinancingDemand(
                id: "", uscc: SampleFiles.firmA, amountCents: 5_000_000, termMonths: 12, purpose: "采购原料", urgency: .withinMonth,
                publishedAt: Date()))
            #expect(try await send(app, .POST, "/api/v1/demands/\(demand.id)/take", token: w.f.bankBToken).status == .ok)
            _ = try await Self.refreshAndVerify(app, center)
            let demands = try await Self.values(app, center, "from=\(w.current)&to=\(w.current)")
            #expect(demands["demand.published"] == 1 && demands["demand.taken"] == 1 && demands["demand.satisfied"] == 0, "\(demands)")
            #expect(demands["demand.take_rate"] == 1_000_000)
            #expect(demands["demand.amount"] == 5_000_000)
            #expect(demands["demand.followed_up_rate"] == 0 && demands["demand.converted"] == 0)
            // The taker follows it up, then turns it into an application: the refresh picks up each step (issue 16).
            #expect(try await post(app, "/api/v1/demands/\(demand.id)/follow-ups", token: w.f.bankBToken,
                                   ["step": "contacted", "note": "电话联系"]).status == .created)
            _ = try await Self.refreshAndVerify(app, center)
            var followed = try await Self.values(app, center, "from=\(w.current)&to=\(w.current)")
            #expect(followed["demand.followed_up_rate"] == 1_000_000 && followed["demand.converted"] == 0, "\(followed)")
            #expect(try await post(app, "/api/v1/demands/\(demand.id)/follow-ups", token: w.f.bankBToken,
                                   ["step": "applied", "note": "已受理申请"]).status == .created)
            _ = try await Self.refreshAndVerify(app, center)
            followed = try await Self.values(app, center, "from=\(w.current)&to=\(w.current)")
            #expect(followed["demand.converted"] == 1 && followed["demand.conversion_rate"] == 1_000_000 && followed["demand.declined"] == 0)

            // A repayment reported today: this month's balance falls by the principal repaid, last month's stays.
            let repaid = try await post(app, "/api/v1/loans/\(w.loanA)/repayments", token: w.f.bankAToken,
                                        ["day": Day.today().description, "amountCents": 2_000_000])
            #expect(repaid.status == .ok, "\(repaid.body)")
            let loan = try #require(try repaid.json()["loan"] as? [String: Any])
            let outstandingA = try #require(loan["outstanding"] as? Int)
            let second = try await Self.refreshAndVerify(app, center)
            #expect(second["rebuilt"] as? Bool == false)
            #expect((second["entitiesChanged"] as? Int ?? 0) >= 1)
            let afterRepayment = try await Self.values(app, center, "from=\(w.current)&to=\(w.current)")
            let loansB = try #require(try await Self.values(app, center, "from=\(w.current)&to=\(w.current)&district=210211")["risk.balance"])
            #expect(afterRepayment["risk.balance"] == Int64(outstandingA) + loansB)
            #expect(try await Self.values(app, center, "from=\(w.last)&to=\(w.last)")["risk.balance"] == 22_000_000)

            // Firm B revokes its authorisation today: counted incrementally.
            let authorisations = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/authorisations",
                                                                                             token: w.f.firmBToken).body.utf8)) as? [[String: Any]] ?? []
            let authorisationB = try #require(authorisations.first?["id"] as? String)
            #expect(try await send(app, .POST, "/api/v1/authorisations/\(authorisationB)/revoke", token: w.f.firmBToken).status == .ok)
            _ = try await Self.refreshAndVerify(app, center)
            #expect(try await Self.values(app, center, "from=\(w.current)&to=\(w.current)")["platform.firms_authorised"] == 1)

            // Firm A moves to 沙河口区 (210204) today: the firm counts there from today, its loan stays where it was lent.
            let moved = SampleFiles.registrations.replacingOccurrences(of: ",I,210202,", with: ",I,210204,")
            #expect(try await upload(app, "market.registration", moved, token: w.f.base.marketToken).status == .created)
            _ = try await Self.refreshAndVerify(app, center)
            let inNew = try await Self.values(app, center, "from=\(w.current)&to=\(w.current)&district=210204")
            let inOld = try await Self.values(app, center, "from=\(w.current)&to=\(w.current)&district=210202")
            #expect(inNew["platform.firms_registered"] == 1)
            #expect(inOld["platform.firms_registered"] == 0)
            #expect(try await Self.values(app, center, "from=\(w.last)&to=\(w.last)&district=210202")["platform.firms_registered"] == 1)
            #expect(try await Self.values(app, center, "from=\(w.last)&to=\(w.last)&district=210202")["lending.loan_amount"] == 12_000_000)

            // Post-loan alerts as the monitoring stores them: a red one raised 4 days ago and handled today, a yellow one
            // still open; counted in the month raised, the handling time in whole days.
            let alertSQL = try #require(app.db as? any SQLDatabase)
            let raised = Day.today().adding(days: -4)
            for (level, status) in [("red", "handled"), ("yellow", "open")] {
                try await alertSQL.raw("""
                    INSERT INTO risk_alerts (uscc, institution_id, status, level, score, opened_on, district, detail, created_at, updated_at)
                    VALUES (\(bind: SampleFiles.firmA), \(bind: w.f.bankA.id), \(bind: status), \(bind: level), 80, \(bind: raised.description),
                      '210202', '{}', \(bind: epochMillis()), \(bind: epochMillis()))
                    """).run()
            }
            _ = try await Self.refreshAndVerify(app, center)
            let alertMonth = StatMonth(raised)
            let alerts = try await Self.values(app, center, "from=\(alertMonth)&to=\(alertMonth)")
            #expect(alerts["risk.alerts"] == 2 && alerts["risk.alerts_red"] == 1 && alerts["risk.alerts_yellow"] == 1, "\(alerts)")
            #expect(alerts["risk.alerts_handled"] == 1 && alerts["risk.alert_handling_days_median"] == 4, "\(alerts)")

            // Bad queries are 422 with the field named.
            let bad = try await send(app, .GET, "/api/v1/stats?from=2026-13", token: center)
            #expect(bad.status == .unprocessableEntity && bad.body.contains("from"))
            #expect(try await send(app, .GET, "/api/v1/stats?by=colour", token: center).status == .unprocessableEntity)
            #expect(try await send(app, .GET, "/api/v1/stats?indicator=nope", token: center).status == .unprocessableEntity)
        }
    }

    @Test(arguments: Backend.allCases)
    func monthCloseReportsEvaluationAndBulletin(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let center = w.f.base.centerToken
            _ = try await Self.refreshAndVerify(app, center)

            // Closing last month freezes its figures; the digest is reproducible and each step is in the log.
            let closed = try await post(app, "/api/v1/stats/closes", token: center, ["month": w.last.description])
            #expect(closed.status == .created, "\(closed.body)")
            let digest = try #require(try closed.json()["digest"] as? String)
            #expect(digest.count == 64)
            #expect(try await post(app, "/api/v1/stats/closes", token: center, ["month": w.last.description]).status == .conflict)
            #expect(try await post(app, "/api/v1/stats/closes", token: center, ["month": w.current.description]).status == .unprocessableEntity)
            #expect(try await post(app, "/api/v1/stats/closes", token: w.f.bankAToken, ["month": w.last.description]).status == .forbidden)
            #expect(try await post(app, "/api/v1/stats/closes/\(w.last)/reopen", token: center, ["reason": " "]).status == .unprocessableEntity)
            #expect(try await send(app, .POST, "/api/v1/stats/closes/\(w.last)/reopen", token: center,
                                   body: #"{"reason":"甲银行补报上月数据"}"#, contentType: "application/json").status == .noContent)
            let again = try await post(app, "/api/v1/stats/closes", token: center, ["month": w.last.description])
            #expect(try again.json()["digest"] as? String == digest, "the same figures give the same digest")
            let closes = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, "/api/v1/stats/closes", token: center).body.utf8)) as? [[String: Any]] ?? []
            #expect(closes.map { $0["action"] as? String ?? "" } == ["close", "reopen", "close"])
            let overview = try await send(app, .GET, "/api/v1/stats?from=\(w.last)&to=\(w.last)", token: center).json()
            #expect(overview["closedDigest"] as? String == digest)

            // 甲银行's report of last month: below the platform's own figures it is returned with the problem named.
            let low = try await send(app, .PUT, "/api/v1/stats/reports/\(w.last)", token: w.f.bankAToken, body: try json(["cells": [
                ["row": "R01", "column": "count", "value": 1], ["row": "R01", "column": "amount", "value": 12_000_000]]]),
                contentType: "application/json")
            #expect(low.status == .ok, "\(low.body)")
            #expect(try low.json()["status"] as? String == "returned")
            #expect(low.body.contains("少于平台记录") && low.body.contains("R10"))
            let cells: [[String: Any]] = [
                ["row": "R01", "column": "count", "value": 2], ["row": "R01", "column": "amount", "value": 22_000_000],
                ["row": "R02", "column": "count", "value": 1], ["row": "R02", "column": "amount", "value": 10_000_000],
                ["row": "R03", "column": "count", "value": 2], ["row": "R03", "column": "amount", "value": 22_000_000],
                ["row": "R04", "column": "amount", "value": 0],
                // Both credit lines were granted last month, on the 5th.
                ["row": "R05", "column": "count", "value": 2], ["row": "R05", "column": "amount", "value": 22_000_000],
                ["row": "R10", "column": "amount", "value": 22_000_000], ["row": "R11", "column": "amount", "value": 22_000_000],
                ["row": "R12", "column": "amount", "value": 0], ["row": "R13", "column": "amount", "value": 0],
                ["row": "R14", "column": "amount", "value": 0], ["row": "R15", "column": "amount", "value": 0],
                ["row": "R16", "column": "amount", "value": 0]]
            let good = try await send(app, .PUT, "/api/v1/stats/reports/\(w.last)", token: w.f.bankAToken, body: try json(["cells": cells]),
                                      contentType: "application/json")
            let report = try good.json()
            #expect(report["status"] as? String == "pending", "\(good.body)")
            #expect((report["problems"] as? [Any])?.isEmpty == true)
            let reportID = try #require(report["id"] as? Int)
            #expect(try await send(app, .GET, "/api/v1/stats/reports/id/\(reportID)", token: w.f.bankBToken).status == .notFound)
            #expect(try await post(app, "/api/v1/stats/reports/id/\(reportID)/decision", token: center, ["accept": false]).status == .unprocessableEntity)
            let accepted = try await post(app, "/api/v1/stats/reports/id/\(reportID)/decision", token: center, ["accept": true])
            #expect(try accepted.json()["status"] as? String == "accepted")
            #expect(try await send(app, .PUT, "/api/v1/stats/reports/\(w.last)", token: w.f.bankAToken, body: try json(["cells": cells]),
                                   contentType: "application/json").status == .conflict)
            #expect(try await send(app, .PUT, "/api/v1/stats/reports/\(w.current)", token: w.f.bankAToken, body: try json(["cells": cells]),
                                   contentType: "application/json").status == .unprocessableEntity)
            // The month before last: due on the 10th of last month, neither bank filed — both listed late.
            let late = try await send(app, .GET, "/api/v1/stats/reports?month=\(w.before)", token: center).json()["late"] as? [[String: Any]] ?? []
            #expect(Set(late.compactMap { $0["institution"] as? String }) == [String(w.f.bankA.id), String(w.f.bankB.id)])

            // The evaluation of last month: 甲银行 lent everything, so it has the credit-volume points in full; the manual
            // item is given by the credit center within its maximum.
            #expect(try await post(app, "/api/v1/stats/evaluation/manual", token: center, [
                "subject": "institution", "period": w.last.description, "subjectId": String(w.f.bankB.id), "item": "policy", "points": 31]).status == .unprocessableEntity)
            #expect(try await send(app, .POST, "/api/v1/stats/evaluation/manual", token: center, body: try json([
                "subject": "institution", "period": w.last.description, "subjectId": String(w.f.bankB.id), "item": "policy", "points": 28]),
                contentType: "application/json").status == .noContent)
            let league = try await send(app, .GET, "/api/v1/stats/evaluation?subject=institution&period=\(w.last)", token: center).json()
            let rows = league["rows"] as? [[String: Any]] ?? []
            let a = try #require(rows.first { $0["subject"] as? String == String(w.f.bankA.id) })
            let b = try #require(rows.first { $0["subject"] as? String == String(w.f.bankB.id) })
            let itemsA = Dictionary(uniqueKeysWithValues: (a["items"] as? [[String: Any]] ?? []).map { ($0["code"] as? String ?? "", $0["centipoints"] as? Int ?? -1) })
            let itemsB = Dictionary(uniqueKeysWithValues: (b["items"] as? [[String: Any]] ?? []).map { ($0["code"] as? String ?? "", $0["centipoints"] as? Int ?? -1) })
            #expect(itemsA["credit_volume"] == 2_500 && itemsA["first_loans"] == 1_000, "\(itemsA)")
            #expect(itemsB["policy"] == 2_800 && itemsB["credit_volume"] == 0, "\(itemsB)")

            // A bulletin of last month: the figures frozen with the close's digest, a log entry.
            let bulletin = try await post(app, "/api/v1/stats/bulletins", token: center, [
                "period": w.last.description, "number": "大信用办〔2026〕3号", "issuer": "大连市信用中心", "issuedOn": Day.today().description])
            #expect(bulletin.status == .created, "\(bulletin.body)")
            let content = try #require(try bulletin.json()["content"] as? [String: Any])
            #expect((content["digests"] as? [String: String])?[w.last.description] == digest)
            #expect(try await post(app, "/api/v1/stats/bulletins", token: center, [
                "period": w.current.description, "number": "x", "issuer": "x", "issuedOn": Day.today().description]).status == .unprocessableEntity)
            // Its printable page, and the PDF printed by the server's Chromium (without one: 503 saying to print instead).
            let bulletinID = try #require(try bulletin.json()["id"] as? Int)
            let page = try await send(app, .GET, "/console/stats/bulletins/\(bulletinID)", token: center)
            #expect(page.status == .ok && page.body.contains("信易贷工作情况的通报") && page.body.contains(digest))
            let pdf = try await send(app, .GET, "/console/stats/bulletins/\(bulletinID)/pdf", token: center)
            if app.config.chromiumPath != nil {
                #expect(pdf.status == .ok && pdf.bytes.starts(with: Array("%PDF".utf8)), "\(pdf.status)")
            } else {
                #expect(pdf.status == .serviceUnavailable && pdf.body.contains("打印"))
            }

            // Every step is an entry of kind 统计结账与通报 in the transparency log.
            struct Row: Decodable { let entry: String }
            let sql = try #require(app.db as? any SQLDatabase)
            let entries = try await sql.raw("SELECT entry FROM tlog_pending").all(decoding: Row.self).map(\.entry)
                + (try await sql.raw("SELECT entry FROM tlog_entries").all(decoding: Row.self).map(\.entry))
            let statistics = entries.filter { $0.contains("statistics") }
            #expect(statistics.count == 8, "close, reopen, close, 2 filings, decision, manual points, bulletin: \(statistics.count)")

            // The exports carry the same figures: a real workbook (read back by openpyxl) and a CSV with a BOM.
            let xlsx = try await send(app, .GET, "/api/v1/stats/export.xlsx?from=\(w.last)&to=\(w.last)&by=institution", token: center)
            #expect(xlsx.status == .ok)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("stats-\(UUID().uuidString).xlsx")
            try Data(xlsx.bytes).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let read = try Self.python("""
                import sys, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1])
                ws = wb['指标']
                for row in ws.iter_rows(min_row=2, values_only=True):
                    if row[1] == '放款金额': print(repr(row[2]))
                print(wb.sheetnames)
                parts = wb['按金融机构']
                print([c for c in parts.iter_rows(values_only=True)][-1])
                """, file: file)
            #expect(read.contains("220000"), "\(read)")
            #expect(read.contains("按金融机构"), "\(read)")
            #expect(read.contains("'合计'") && read.contains("=SUM(B2:B"), "the breakdown's total is a formula: \(read)")
            // The league table and the month's reports export too.
            let leagueCSV = try await send(app, .GET, "/console/stats/evaluation/export.csv?subject=institution&period=\(w.last)", token: center)
            #expect(leagueCSV.status == .ok && leagueCSV.body.contains("甲银行") && leagueCSV.body.contains("信用贷款投放金额（满分25）"), "\(leagueCSV.body)")
            let reportsXLSX = try await send(app, .GET, "/console/stats/reports/export.xlsx?month=\(w.last)", token: center)
            #expect(reportsXLSX.status == .ok && reportsXLSX.bytes.starts(with: [0x50, 0x4B]))
            let reportsCSV = try await send(app, .GET, "/console/stats/reports/export.csv?month=\(w.last)", token: center)
            #expect(reportsCSV.body.contains("甲银行,已接受"), "\(reportsCSV.body)")
            let csv = try await send(app, .GET, "/api/v1/stats/export.csv?from=\(w.last)&to=\(w.last)", token: center)
            #expect(csv.body.hasPrefix("\u{FEFF}") && csv.body.contains("放款金额"))
        }
    }

    /// A renewal without repayment: 甲银行 lends firm A again a few days after its first 3-month loan matured unpaid; the
    /// second loan counts as a renewal, the first does not.
    @Test(arguments: Backend.allCases)
    func aLoanTakingOverAnUnpaidOneAtMaturityIsARenewal(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let present = moveClock(app, to: Day.today().adding(days: -95))
            #expect(try await post(app, "/api/v1/commitments", token: f.firmAToken, ["signer": "王伟"]).status == .created)
            _ = try await post(app, "/api/v1/authorisations", token: f.firmAToken, [
                "categories": ["tax"], "purposes": ["loan_application", "post_loan"], "validUntil": Day.today().adding(days: 365).description])
            for (amount, term, day) in [(10_000_000, 3, Day.today().adding(days: -95)), (8_000_000, 6, Day.today())] {
                moveClock(app, to: day)
                let applied = try await post(app, "/api/v1/applications", token: f.firmAToken, [
                    "productID": f.manualProductID, "amountCents": amount, "termMonths": term, "method": "interest_first", "purpose": "周转"])
                let id = try #require((try applied.json()["application"] as? [String: Any])?["id"] as? Int, "\(applied.body)")
                for (who, body) in [(f.bankAToken, ["action": "accept"] as [String: Any]),
                                    (f.bankAToken, ["action": "approve", "amountCents": amount, "rateBasisPoints": 435, "termMonths": term,
                                                    "method": "interest_first"]),
                                    (f.firmAToken, ["action": "sign_contract"]), (f.bankAToken, ["action": "disburse", "day": day.description])] {
                    let reply = try await post(app, "/api/v1/applications/\(id)/events", token: who, body)
                    #expect(reply.status == .ok, "\(reply.body)")
                }
            }
            app.platform = present
            let center = f.base.centerToken
            _ = try await Self.refreshAndVerify(app, center)
            let month = StatMonth(Day.today())
            let now = try await Self.values(app, center, "from=\(month)&to=\(month)")
            #expect(now["lending.renewal_amount"] == 8_000_000, "\(now)")
            let earlier = StatMonth(Day.today().adding(days: -95))
            #expect(try await Self.values(app, center, "from=\(earlier)&to=\(earlier)")["lending.renewal_amount"] == 0)
        }
    }

    static func python(_ script: String, file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out; process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile(), errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus != 0 { Issue.record("python3 failed: \(String(decoding: errors, as: UTF8.self))") }
        return String(decoding: output, as: UTF8.self)
    }
}

extension Calendar {
    static var shanghai: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.timeZone
        return calendar
    }
}
