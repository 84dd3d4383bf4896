import App
import Domain
import Fluent
import Foundation
import Persistence
import Services
import SQLKit
import Testing
import TestSupport
import VaporTesting

/// The daily monitoring scan reads a firm's records again only when they may have changed (issue 12 §2, speed):
/// new records from a batch, a changed loan position, no snapshot yet, or the firm's turn in the weekly full
/// re-read — and still finds a new court listing that no after-batch scan saw.
@Suite struct MonitoringWatermarkTests {
    /// The daily scan without the hour's margin for uncommitted batches (here every batch is seconds old).
    func daily(_ app: Application) async throws -> MonitoringScan.Summary {
        try await MonitoringScan.scanAll(app.services, margin: 0)
    }

    @Test(arguments: Backend.allCases)
    func theDailyScanRereadsOnlyWhatMayHaveChanged(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let w = try await MonitoringAlertTests.world(app)
            let firm = SampleFiles.firmA
            let cycle = MonitoringScan.fullReadCycleDays
            // A day that is not the firm's turn in the full re-read, and the next one that is.
            let days = (0..<cycle).map { w.today.adding(days: $0) }
            let quietDay = try #require(days.first { !MonitoringSnapshotBuilder.isDueForFullRead(uscc: firm, on: $0, cycle: cycle) })
            let turn = try #require((1...cycle).map { quietDay.adding(days: $0) }
                .first { MonitoringSnapshotBuilder.isDueForFullRead(uscc: firm, on: $0, cycle: cycle) })
            w.clock.set(quietDay.description)

            let first = try await self.daily(app)
            #expect(first.monitored == 1 && first.reread == 1 && first.baselined == 1, "no scan yet: every firm is read")
            let quiet = try await self.daily(app)
            #expect(quiet.monitored == 1 && quiet.reread == 0, "nothing new: nothing read \(quiet)")

            // A court listing arrives and no after-batch scan runs: the daily scan reads the firm and alerts.
            try await MonitoringAlertTests.courtListing(app, w, id: "D31", caseNumber: "（2026）辽0202执31号")
            let listed = try await self.daily(app)
            #expect(listed.reread == 1 && listed.changed == 1 && listed.signals == 1 && listed.opened == 1, "\(listed)")
            #expect(try await self.daily(app).reread == 0)

            // The lender's loan goes overdue (the daily reclassification): its position key changes.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE loans SET overdue_days = 35, classification = 'specialMention' WHERE id = \(bind: w.loanID)").run()
            let overdue = try await self.daily(app)
            #expect(overdue.reread == 1 && overdue.changed == 1, "\(overdue)")
            #expect(try await self.daily(app).reread == 0)

            // The firm's turn: read in full although nothing changed; a forced full scan reads it too.
            w.clock.set(turn.description)
            let weekly = try await self.daily(app)
            #expect(weekly.reread == 1 && weekly.changed == 0, "\(weekly)")
            #expect(try await MonitoringScan.scanAll(app.services, full: true, margin: 0).reread == 1)
        }
    }
}
