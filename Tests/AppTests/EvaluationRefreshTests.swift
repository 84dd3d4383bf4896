import Services
import Fluent
import App
import DemoCity
import Domain
import Foundation
import Persistence
import Testing
import TestSupport

/// Re-evaluating a whole generated city from the database (records read natively in groups, evaluations
/// saved in multi-row statements) gives exactly what the Domain evaluator gives on each firm's records read one
/// firm at a time through the plain SQL path; history rows are added only for changes.
@Suite struct EvaluationRefreshTests {
    @Test(arguments: Backend.allCases)
    func cityEvaluationsMatchTheDomainEvaluator(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-refresh-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: work) }
            _ = try CityGenerator(config: .init(asOf: Date(), enterprises: 120, months: 24, seed: 11)).write(to: work)
            // Some batches come from a department, so that the records' source department is read back too.
            let department = try await app.accounts.createDepartment(code: "fy", name: "法院", datasets: ["judicial.case"])
            for dataset in app.platform.catalog.datasets {
                let file = work.appendingPathComponent("\(dataset.id).csv")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                let request = BatchRequest(dataset: dataset, departmentID: dataset.id.hasPrefix("judicial.") ? department.id : nil,
                                           source: .cli, fileName: file.lastPathComponent, submittedBy: "test")
                _ = try await BatchIngestor(database: app.db).ingest(request, chunks: FileChunks(url: file))
            }
            let records = RecordStore(database: app.db)
            let firms = try await records.allFirms()
            #expect(firms.count >= 120)

            // The grouped read returns each firm's records as the one-firm read does, departments included.
            var oneByOne: [String: [StoredRecord]] = [:]
            for uscc in firms { oneByOne[uscc] = try await records.records(uscc: uscc) }
            func sorted(_ list: [StoredRecord]) -> [StoredRecord] {
                list.sorted { ($0.dataset, $0.recordID) < ($1.dataset, $1.recordID) }
            }
            let grouped = try await records.records(usccs: firms)
            #expect(Set(grouped.keys) == Set(firms))
            for uscc in firms { #expect(sorted(grouped[uscc] ?? []) == sorted(oneByOne[uscc] ?? []), "\(uscc)") }
            #expect(grouped.values.joined().contains { $0.sourceDepartment == "法院" })
            let some = try await records.records(usccs: Array(firms.prefix(40)), datasets: ["tax.payment", "judicial.case"])
            for uscc in firms.prefix(40) {
                #expect(sorted(some[uscc] ?? []) == sorted((oneByOne[uscc] ?? []).filter { ["tax.payment", "judicial.case"].contains($0.dataset) }))
            }

            let model = app.platform.evaluationModel
            let today = Day.today()
            try await app.reevaluate()
            for uscc in firms {
                let expected = Evaluator.evaluate(uscc: uscc, records: oneByOne[uscc] ?? [], asOf: today, model: model)
                #expect(try await app.evaluationStore.current(uscc) == expected, "\(uscc)")
                #expect(try await app.evaluationStore.history(uscc).map(\.score) == [expected.score])
            }
            // Nothing changed: the evaluations are rewritten, the history is not.
            try await app.reevaluate()
            for uscc in firms.prefix(20) { #expect(try await app.evaluationStore.history(uscc).count == 1) }
            #expect(try await count(app, "evaluations") == firms.count)
            #expect(try await count(app, "evaluation_history") == firms.count)
        }
    }
}
