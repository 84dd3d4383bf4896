import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

/// A batch's firms are re-evaluated by the job worker; the profile shows the score, its reasons (only those
/// the caller may read) and the grade history; the city's distribution is served.
@Suite struct EvaluationAPITests {
    @Test(arguments: Backend.allCases)
    func batchesReevaluateTheirFirms(backend: Backend) async throws {
        try await withTestApp(backend, runsJobs: true) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            // An old penalty (past its publication period) and a recent one: only the recent one counts.
            try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken)
            let recent = Day.today().adding(days: -60).description
            try await upload(app, "admin.penalty", "record_id,uscc,decision_no,decided_on,authority,severity\n"
                             + "P9,\(SampleFiles.firmA),大市监罚〔2026〕9号,\(recent),大连市市场监督管理局,一般\n", token: f.marketToken)
            // Wait for the penalty's re-evaluation, so that the arrears below make a second, separate change.
            for _ in 0..<200 {
                let profile = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)", token: f.centerToken).json()
                let shown = (profile["evaluation"] as? [String: Any])?["explanation"] as? [[String: Any]] ?? []
                if shown.contains(where: { $0["itemID"] as? String == "admin.penalty" }) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let month = Day.today().adding(days: -40).monthText
            try await upload(app, "tax.payment", "record_id,uscc,period,tax_paid,arrears\nT1,\(SampleFiles.firmA),\(month),1000,2500\n",
                             token: f.centerToken)
            var evaluation: [String: Any]?
            var lines: [[String: Any]] = []
            for _ in 0..<200 {
                let profile = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)", token: f.centerToken).json()
                evaluation = profile["evaluation"] as? [String: Any]
                lines = evaluation?["explanation"] as? [[String: Any]] ?? []
                if lines.contains(where: { $0["itemID"] as? String == "tax.arrears" }) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            let score = try #require(evaluation?["score"] as? Int)
            #expect((0...1000).contains(score))
            #expect(evaluation?["grade"] as? String != nil)
            let penalty = try #require(lines.first { $0["itemID"] as? String == "admin.penalty" })
            #expect((penalty["points"] as? Int ?? 0) < 0)
            #expect((penalty["text"] as? String)?.contains("行政处罚") == true)
            #expect(penalty["recordIDs"] as? [String] == ["P9"])
            #expect(lines.contains { $0["itemID"] as? String == "tax.arrears" })

            // A department may not read tax payments, so that reason is left out for it, and so are the points of
            // the dimension tax payments count in and the score (they would give the arrears away): the grade and
            // the public dimensions remain, and no score history.
            let department = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)", token: f.courtToken).json()
            let shown = try #require(department["evaluation"] as? [String: Any])
            let seen = shown["explanation"] as? [[String: Any]] ?? []
            #expect(!seen.contains { $0["itemID"] as? String == "tax.arrears" })
            #expect(shown["score"] == nil)
            #expect(shown["grade"] as? String == evaluation?["grade"] as? String)
            let dimensions = (shown["dimensions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(!dimensions.contains("contract") && !dimensions.contains("social") && dimensions.contains("law"))
            #expect((shown["withheldDimensions"] as? [String])?.isEmpty == false)
            #expect((department["gradeHistory"] as? [[String: Any]])?.isEmpty == true)
            let centerDimensions = (evaluation?["dimensions"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(centerDimensions.contains("contract") && evaluation?["withheldDimensions"] == nil)

            let history = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)", token: f.centerToken)
                .json()["gradeHistory"] as? [[String: Any]] ?? []
            #expect(history.count >= 2, "the score changed after the penalty and again after the arrears")
            #expect(history.last?["score"] as? Int == score)

            let distribution = try JSONSerialization.jsonObject(with: Data(try await send(
                app, .GET, "/api/v1/evaluations/distribution", token: f.centerToken).body.utf8)) as? [[String: Any]] ?? []
            #expect(distribution.compactMap { $0["count"] as? Int }.reduce(0, +) == 2)
            #expect(distribution.first?["grade"] as? String == "A+")

            // The console profile shows the same score with its reasons.
            var browser = ConsoleTests.Browser(app: app)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/console/enterprises/\(SampleFiles.firmA)").body
            #expect(page.contains("公共信用综合评价"))
            #expect(page.contains("得分 \(score)"))
            #expect(page.contains("大市监罚〔2026〕9号") || page.contains("行政处罚"))
            let dashboard = try await browser.get("/console").body
            #expect(dashboard.contains("公共信用综合评价等级分布"))
            #expect(dashboard.contains("chart-grades"))
        }
    }
}
