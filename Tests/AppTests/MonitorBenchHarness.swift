import DevTools
import Foundation
import Testing
import TestSupport

/// Runs `MonitorScanBench` from a test build when asked (it is a benchmark, not a test): 
/// `XYD_BENCH_MONITOR=10000,2000 swift test --skip-build --filter MonitorBenchHarness` (enterprises, borrowers).
@Suite struct MonitorBenchHarness {
    static let sizes = ProcessInfo.processInfo.environment["XYD_BENCH_MONITOR"]?.split(separator: ",").compactMap { Int($0) }

    @Test(.enabled(if: sizes?.count == 2, "set XYD_BENCH_MONITOR=enterprises,borrowers to run the benchmark"))
    func monitorScan() async throws {
        let sizes = try #require(Self.sizes)
        try await withTestApp(.sqlite) { app in
            try await MonitorScanBench(app: app, enterprises: sizes[0], borrowers: sizes[1]).run()
        }
    }
}
