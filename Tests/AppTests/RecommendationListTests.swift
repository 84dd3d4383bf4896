import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport
import VaporTesting

/// The recommendation lists (issue 12 §1) over the API, on both databases: the five criteria checked on the
/// data hub with a reason for every rejection, review and publicity with objections, the one-click push to the
/// institutions that fit, the 30-day decision clock turning amber then red, the institution's report, and a
/// firm that later fails the screening leaving the list with its institutions told why.
@Suite struct RecommendationListTests {
    struct World {
        let f: MarketFixtures
        let clock: TestClock
        let today: Day
        let taxToken: String
        let creditToken: String
    }

    static let young = SampleFiles.code("91210202MA0000003")
    static let unreachable = SampleFiles.code("91210202MA0000004")
    static let sameRep = SampleFiles.code("91210202MA0000005")
    static let listed = SampleFiles.code("91210202MA0000006")
    static let gradeD = SampleFiles.code("91210202MA0000007")

    /// The sample firms plus five that each fail one criterion; everyone evaluated; the clock stopped today.
    static func world(_ app: Application) async throws -> World {
        let base = try await Fixtures.seed(app)
        let today = Day.today()
        let youngSince = today.adding(days: -90).description
        let rows = SampleFiles.registrations + """
            R3,\(young),大连新芽科技有限公司,企业,赵敏,210202199001011111,100,\(youngSince),I,210202,微型,存续,大连市中山区一号
            R4,\(unreachable),大连无踪贸易有限公司,企业,钱进,210202199001012222,100,2016-01-01,F,210202,小型,存续,大连市中山区二号
            R5,\(sameRep),大连同人制造有限公司,企业,孙强,210202199001013333,100,2016-01-01,C,210202,小型,存续,大连市中山区三号
            R6,\(listed),大连失信建材有限公司,企业,孙强,210202199001013333,100,2016-01-01,C,210202,小型,存续,大连市中山区四号
            R7,\(gradeD),大连欠税商贸有限公司,企业,周平,210202199001014444,100,2016-01-01,F,210202,小型,存续,大连市中山区五号

            """
        #expect(try await upload(app, "market.registration", rows, token: base.marketToken).status == .created)
        #expect(try await upload(app, "market.abnormal", """
            record_id,uscc,listed_on,reason,authority
            AB9,\(unreachable),2025-05-01,通过登记的住所或者经营场所无法联系,大连市市场监督管理局

            """, token: base.marketToken).status == .created)
        #expect(try await upload(app, "judicial.dishonest", """
            record_id,uscc,case_no,listed_on,removed_on,obligation
            D9,\(listed),（2025）辽0202执100号,2025-06-01,,给付货款

            """, token: base.courtToken).status == .created)
        let tax = try await app.accounts.createDepartment(code: "sw", name: "税务局", datasets: ["tax.rating"])
        let taxToken = try await app.accounts.createToken(name: "tax", role: .department, departmentID: tax.id)
        #expect(try await upload(app, "tax.rating", """
            record_id,uscc,year,grade
            T9,\(gradeD),2025,D

            """, token: taxToken).status == .created)
        let credit = try await app.accounts.createDepartment(code: "xy", name: "信用办", datasets: ["credit.list"])
        let creditToken = try await app.accounts.createToken(name: "credit", role: .department, departmentID: credit.id)
        try await app.reevaluate()
        let f = try await MarketFixtures.seed(app, base: base)
        let clock = TestClock(today.description)
        app.platform = app.platform.on(clock.clock)
        return World(f: f, clock: clock, today: today, taxToken: taxToken, creditToken: creditToken)
    }

    static func codes(_ entry: [String: Any]) -> [String] {
        ((entry["screening"] as? [String: Any])?["rejections"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    static func visit(_ app: Application, _ w: World, _ uscc: String, purpose: String = "采购原材料") async throws -> [String: Any] {
        let reply = try await post(app, "/api/v1/recommendations", token: w.f.base.centerToken, [
            "uscc": uscc, "amountCents": 50_000_000, "termMonths": 12, "purpose": purpose, "note": "走访：订单增长，需流动资金", "visit": true,
        ])
        #expect(reply.status == .created, "\(reply.body)")
        return try reply.json()
    }

    @Test(arguments: Backend.allCases)
    func eachCriterionRejectsWithItsReason(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let passing = try await Self.visit(app, w, SampleFiles.firmA)
            #expect(passing["status"] as? String == "screened")
            #expect(Self.codes(passing).isEmpty)
            #expect(passing["source"] as? String == "visit")
            // A firm on a list is refused outright by the published measure (限制列入推荐清单), naming it.
            let refused = try await post(app, "/api/v1/recommendations", token: w.f.base.centerToken, [
                "uscc": Self.listed, "amountCents": 50_000_000, "termMonths": 12, "purpose": "采购原材料", "note": "走访", "visit": true,
            ])
            #expect(refused.status == .conflict)
            let message = try refused.json()["message"] as? String ?? ""
            #expect(message.contains("列入推荐清单受限") && message.contains("限制列入推荐清单") && message.contains("失信被执行人名单"), "\(message)")
            let expectations: [(String, String, String)] = [
                (Self.young, "too_young", "不足 12 个月"),
                (Self.unreachable, "unreachable_premises", "无法联系"),
                (Self.sameRep, "representative_listed", "大连失信建材有限公司"),
                (Self.gradeD, "tax_grade", "纳税信用等级为 D 级"),
            ]
            for (uscc, code, text) in expectations {
                let entry = try await Self.visit(app, w, uscc)
                #expect(entry["status"] as? String == "screenedOut", "\(uscc)")
                #expect(Self.codes(entry).contains(code), "\(uscc): \(Self.codes(entry))")
                let reasons = ((entry["screening"] as? [String: Any])?["rejections"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
                #expect(reasons.contains { $0.contains(text) }, "\(uscc): \(reasons)")
            }
            // 贷款用途依法合规: a financial investment is not a supported purpose.
            let investment = try await Self.visit(app, w, SampleFiles.firmB, purpose: "证券投资")
            #expect(Self.codes(investment) == ["purpose_not_allowed"])
            // A firm with a live entry is not declared twice; one that failed may be declared again.
            let again = try await post(app, "/api/v1/recommendations", token: w.f.firmAToken,
                                       ["amountCents": 10_000_000, "termMonths": 6, "purpose": "补充流动资金"])
            #expect(again.status == .conflict)
            #expect(try await post(app, "/api/v1/recommendations", token: w.f.firmBToken,
                                   ["amountCents": 10_000_000, "termMonths": 6, "purpose": "补充流动资金"]).status == .created)
            // The credit center filters the list by status.
            let out = try await send(app, .GET, "/api/v1/recommendations?status=screenedOut", token: w.f.base.centerToken).json()
            #expect(out["total"] as? Int == 5)
            #expect(try await send(app, .GET, "/api/v1/recommendations?status=nonsense", token: w.f.base.centerToken).status == .unprocessableEntity)
            // A department sees only its own referrals; a bank none of the list.
            #expect(try await send(app, .GET, "/api/v1/recommendations", token: w.f.base.marketToken).json()["total"] as? Int == 0)
            #expect(try await send(app, .GET, "/api/v1/recommendations", token: w.f.bankAToken).status == .forbidden)
        }
    }

    /// Declares firm A, approves it and ends its publicity: a listed entry's id.
    static func listedEntry(_ app: Application, _ w: World) async throws -> Int {
        let entry = try await post(app, "/api/v1/recommendations", token: w.f.firmAToken,
                                   ["amountCents": 50_000_000, "termMonths": 12, "purpose": "采购原材料"]).json()
        let id = try #require(entry["id"] as? Int)
        #expect(entry["status"] as? String == "screened")
        let reviewed = try await post(app, "/api/v1/recommendations/\(id)/review", token: w.f.base.centerToken, ["approve": true]).json()
        #expect(reviewed["status"] as? String == "publicity")
        #expect(reviewed["publicityUntil"] as? String == w.today.adding(days: 7).description)
        return id
    }

    @Test(arguments: Backend.allCases)
    func pushedFirmsRunTheDecisionClock(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let id = try await Self.listedEntry(app, w)
            let center = w.f.base.centerToken
            // Publicity first: no push before it ends, nor while an objection is open.
            #expect(try await post(app, "/api/v1/recommendations/push", token: center, ["entryIDs": [id]]).status == .conflict)
            #expect(try await post(app, "/api/v1/recommendations/\(id)/objections", token: w.f.firmAToken, ["reason": "自己"]).status == .forbidden)
            let objection = try await post(app, "/api/v1/recommendations/\(id)/objections", token: w.f.firmBToken,
                                           ["reason": "该企业拖欠我司货款"])
            #expect(objection.status == .created)
            let objectionID = try #require(try objection.json()["id"] as? Int)
            w.clock.set(w.today.adding(days: 7).description)
            #expect(try await post(app, "/api/v1/recommendations/push", token: center, ["entryIDs": [id]]).status == .conflict)
            // The firm cannot withdraw an objection against itself; the credit center answers it.
            #expect(try await post(app, "/api/v1/objections/\(objectionID)/resolve", token: w.f.firmAToken,
                                   ["action": "withdraw"]).status == .forbidden)
            #expect(try await post(app, "/api/v1/objections/\(objectionID)/resolve", token: center,
                                   ["action": "reject", "reason": "经核实已结清"]).status == .ok)
            // One click, no institution chosen: the institution with a fitting product (甲银行) gets it.
            let summary = try await post(app, "/api/v1/recommendations/push", token: center, ["entryIDs": [id]]).json()
            #expect(summary["pushed"] as? Int == 1 && summary["entries"] as? Int == 1)
            let again = try await post(app, "/api/v1/recommendations/push", token: center,
                                       ["entryIDs": [id], "institutionIDs": [w.f.bankA.id]]).json()
            #expect(again["pushed"] as? Int == 0 && again["skipped"] as? Int == 1, "pushed to one institution once")
            let page = try await send(app, .GET, "/api/v1/recommendation-pushes", token: w.f.bankAToken).json()
            let item = try #require((page["items"] as? [[String: Any]])?.first)
            let push = try #require(item["push"] as? [String: Any])
            let pushID = try #require(push["id"] as? Int)
            #expect(item["light"] as? String == "green" && item["daysLeft"] as? Int == 30)
            #expect(push["dueOn"] as? String == w.today.adding(days: 37).description)
            // Bank B sees nothing of it.
            #expect(try await send(app, .GET, "/api/v1/recommendation-pushes", token: w.f.bankBToken).json()["total"] as? Int == 0)
            #expect(try await send(app, .GET, "/api/v1/recommendation-pushes/\(pushID)", token: w.f.bankBToken).status == .notFound)
            #expect(try await post(app, "/api/v1/recommendation-pushes/\(pushID)/response", token: w.f.bankBToken,
                                   ["kind": "contacted"]).status == .notFound)
            func light(on day: Day) async throws -> String? {
                w.clock.set(day.description)
                return try await send(app, .GET, "/api/v1/recommendation-pushes/\(pushID)", token: w.f.bankAToken).json()["light"] as? String
            }
            let pushed = w.today.adding(days: 7)
            #expect(try await light(on: pushed.adding(days: 30)) == "green", "the due day itself is on time")
            #expect(try await light(on: pushed.adding(days: 31)) == "amber")
            #expect(try await light(on: pushed.adding(days: 39)) == "amber")
            #expect(try await RecommendationPushes.escalateOverdue(app.services) == 0, "amber is not escalated")
            #expect(try await light(on: pushed.adding(days: 40)) == "red")
            // The daily sweep records the escalation once, with a log entry.
            #expect(try await RecommendationPushes.escalateOverdue(app.services) == 1)
            #expect(try await RecommendationPushes.escalateOverdue(app.services) == 0, "recorded once")
            let red = try await send(app, .GET, "/api/v1/recommendation-pushes/\(pushID)", token: center).json()
            #expect((red["push"] as? [String: Any])?["escalatedOn"] as? String == pushed.adding(days: 40).description)
            #expect(try await MonitoringAlertTests.logged(app, kind: "recommendationPush", containing: "escalated") == 1)
            let overdue = try await send(app, .GET, "/api/v1/recommendation-pushes?overdue=true", token: center).json()
            #expect(overdue["total"] as? Int == 1)
            // Contact does not stop the clock; a decline needs the reason and the help offered; a loan does.
            let contacted = try await post(app, "/api/v1/recommendation-pushes/\(pushID)/response", token: w.f.bankAToken,
                                           ["kind": "contacted", "note": "已上门"]).json()
            #expect(contacted["light"] as? String == "red")
            #expect(try await post(app, "/api/v1/recommendation-pushes/\(pushID)/response", token: w.f.bankAToken,
                                   ["kind": "declined", "reason": "负债率高"]).status == .unprocessableEntity)
            let loan: [String: Any] = ["amountCents": 40_000_000, "rateBasisPoints": 385, "disbursedOn": pushed.adding(days: 40).description,
                                       "creditLoan": true, "firstLoan": true, "renewalWithoutRepayment": false]
            let disbursed = try await post(app, "/api/v1/recommendation-pushes/\(pushID)/response", token: w.f.bankAToken,
                                           ["kind": "disbursed", "loan": loan]).json()
            #expect(disbursed["light"] as? String == "green")
            let done = try #require(disbursed["push"] as? [String: Any])
            #expect(done["status"] as? String == "disbursed" && done["grantedCents"] as? Int == 40_000_000)
            #expect(try await post(app, "/api/v1/recommendation-pushes/\(pushID)/response", token: w.f.bankAToken,
                                   ["kind": "declined", "reason": "x", "help": "y"]).status == .conflict)
            let entry = try await send(app, .GET, "/api/v1/recommendations/\(id)", token: w.f.firmAToken).json()
            #expect(entry["status"] as? String == "pushed")
            // The statistics count the push in the month it was made: contacted, decided after 40 days (not within 30).
            #expect(try await send(app, .POST, "/api/v1/stats/refresh", token: center).status == .ok)
            let stats = try await StatisticsTests.values(app, center, "from=\(StatMonth(pushed))&to=\(StatMonth(pushed))")
            #expect(stats["push.pushed"] == 1 && stats["push.contacted"] == 1 && stats["push.decided_30d"] == 0, "\(stats)")
            #expect(try await send(app, .GET, "/api/v1/stats/verify", token: center).json()["matches"] as? Bool == true)
        }
    }

    @Test(arguments: Backend.allCases)
    func aFirmThatLaterFailsLeavesTheListAndItsInstitutionsAreTold(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let id = try await Self.listedEntry(app, w)
            w.clock.set(w.today.adding(days: 7).description)
            let pushed = try await post(app, "/api/v1/recommendations/push", token: w.f.base.centerToken,
                                        ["entryIDs": [id], "institutionIDs": [w.f.bankA.id, w.f.bankB.id]]).json()
            #expect(pushed["pushed"] as? Int == 2)
            // A new court listing arrives; the batch's refresh re-screens the firms it touched.
            #expect(try await upload(app, "judicial.dishonest", """
                record_id,uscc,case_no,listed_on,removed_on,obligation
                D10,\(SampleFiles.firmA),（2026）辽0202执7号,\(w.today.description),,给付货款

                """, token: w.f.base.courtToken).status == .created)
            let summary = try await RecommendationScreening.rescreen(app.services, firms: [SampleFiles.firmA, Self.young])
            #expect(summary.removed == 1)
            let entry = try await send(app, .GET, "/api/v1/recommendations/\(id)", token: w.f.base.centerToken).json()
            #expect(entry["status"] as? String == "removed")
            #expect((entry["removalReason"] as? String ?? "").contains("失信被执行人"))
            for token in [w.f.bankAToken, w.f.bankBToken] {
                let item = try #require((try await send(app, .GET, "/api/v1/recommendation-pushes", token: token).json()["items"] as? [[String: Any]])?.first)
                let push = try #require(item["push"] as? [String: Any])
                #expect(push["status"] as? String == "withdrawn")
                #expect((push["withdrawnReason"] as? String ?? "").contains("失信被执行人"))
            }
            // Its own page tells the firm too.
            #expect(try await send(app, .GET, "/api/v1/recommendations", token: w.f.firmAToken).body.contains("复核未通过"))
        }
    }

    @Test(arguments: Backend.allCases)
    func simultaneousDeclarationsOfOneFirmLeaveOneEntry(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await Self.world(app)
            let codes = try await withThrowingTaskGroup(of: UInt.self) { group in
                for n in 0..<12 {
                    group.addTask {
                        try await post(app, "/api/v1/recommendations", token: w.f.firmAToken,
                                       ["amountCents": 1_000_000 + n, "termMonths": 12, "purpose": "采购原材料"]).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 == 201 }.count == 1, "\(codes)")
            #expect(codes.filter { $0 == 409 }.count == 11, "\(codes)")
            #expect(try await app.rawCount("recommendation_entries") == 1)
        }
    }
}
