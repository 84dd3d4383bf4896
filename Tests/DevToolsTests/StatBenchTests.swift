import DevTools
import Testing
import Vapor

/// `xyd bench stats` at a tiny scale: it runs through, and the incremental path equals a full recomputation in
/// memory and in the stored cells. No timing is asserted.
@Suite("Statistics benchmark")
struct StatBenchTests {
    @Test("a tiny run: incremental == full recomputation")
    func tinyRun() async throws {
        let app = try await Application.make(.testing)
        do {
            let report = try await StatBench(app: app, firms: 200, loans: 2_000, years: 2, postgres: false, repetitions: 3).run()
            #expect(report.cells > 0)
            #expect(report.changedLoans == 20)
            #expect(report.differingCells == 0)
            #expect(report.indexAgrees)
            #expect(report.storedEqual.count == 2 && report.storedEqual.values.allSatisfy { $0 })
            #expect(report.incrementalEqualsFull)
            #expect(report.pageP99.count >= 10)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
