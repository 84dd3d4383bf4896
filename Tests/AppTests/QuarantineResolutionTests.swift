import App
import Domain
import Foundation
import Persistence
import Testing
import TestSupport
import VaporTesting

/// The quarantine resolves (issue 16): a rejected record that a later batch stores is marked corrected and no longer
/// counted; the outstanding rows are counted by department and reason, listed with filters and exported; records
/// under a USCC the registry does not know yet have their own page.
@Suite struct QuarantineResolutionTests {
    @Test(arguments: Backend.allCases)
    func aCorrectedRowLeavesTheQuarantineAndTheRestAreListedByDepartmentAndReason(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            // Two valid rows, three rejected: a bad USCC (P3), a future date (P4), a missing decision number (P5).
            #expect(try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken).status == .created)
            var page = try await send(app, .GET, "/console/quarantine", token: f.centerToken)
            #expect(page.status == .ok)
            #expect(page.body.contains("待更正的拒收行") && page.body.contains(#"<p class="stat-value">3</p>"#), "three outstanding")
            #expect(page.body.contains("市场监管局"), "counted by department")

            // The clerk corrects P4's date and sends it again: P4 is corrected, P3 and P5 remain.
            let a = SampleFiles.firmA
            #expect(try await upload(app, "admin.penalty", """
                record_id,uscc,decision_no,decided_on,authority,severity,violation,amount
                P4,\(a),大市监罚〔2025〕14号,2025-06-01,大连市市场监督管理局,严重,,100

                """, token: f.marketToken, name: "更正.csv").status == .created)
            page = try await send(app, .GET, "/console/quarantine", token: f.centerToken)
            #expect(page.body.contains(#"<p class="stat-value">2</p>"#), "P4 no longer counts")
            #expect(!page.body.contains(">P4<"))
            let dashboard = try await send(app, .GET, "/console", token: f.centerToken)
            #expect(dashboard.body.contains("待更正拒收行") && dashboard.body.contains("/console/quarantine"))

            // A reason's link narrows the list; the export holds the same rows, formula-safe.
            let counts = try await app.batchStore.outstandingCounts()
            #expect(counts.reduce(0) { $0 + $1.count } == 2)
            let byReason = try #require(counts.first { $0.reason != "uscc" })
            let narrowed = try await send(app, .GET, "/console/quarantine?reason=\(byReason.reason.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                                          token: f.centerToken)
            #expect(narrowed.body.contains(#"<p class="stat-value">1</p>"#))
            let csv = try await send(app, .GET, "/console/quarantine.csv", token: f.centerToken)
            #expect(csv.status == .ok && csv.body.hasPrefix("\u{FEFF}报送部门,数据集,批次,行号,记录编号"))
            #expect(csv.body.contains("P3") && csv.body.contains("P5") && !csv.body.contains(",P4,"))

            // Another department sees none of the market regulator's rows; a firm or bank is refused.
            let court = try await send(app, .GET, "/console/quarantine", token: f.courtToken)
            #expect(court.status == .ok && court.body.contains(#"<p class="stat-value">0</p>"#))
            #expect(!(try await send(app, .GET, "/console/quarantine.csv", token: f.courtToken).body.contains("P3")))
            #expect(try await send(app, .GET, "/console/quarantine?department=\(f.market.id)", token: f.courtToken).body
                .contains(#"<p class="stat-value">0</p>"#), "a department cannot widen its scope")

            // Penalties of firm A and B arrived before their registration: both wait on 待关联记录 until it comes.
            var unlinked = try await send(app, .GET, "/console/unlinked", token: f.centerToken)
            #expect(unlinked.status == .ok && unlinked.body.contains(SampleFiles.firmA))
            #expect(try await send(app, .GET, "/console/unlinked", token: f.courtToken).status == .forbidden)
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            unlinked = try await send(app, .GET, "/console/unlinked", token: f.centerToken)
            #expect(!unlinked.body.contains(SampleFiles.firmA), "linked once the registration arrived")
            #expect(try await send(app, .GET, "/console/unlinked.csv", token: f.centerToken).body.hasPrefix("\u{FEFF}统一社会信用代码"))
        }
    }
}
