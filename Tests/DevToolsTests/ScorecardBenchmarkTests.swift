import DevTools
import Foundation
import Scorecard
import Testing

/// `xyd bench scorecard`: the helpers that read the Python peers' figures and print the side-by-side table.
@Suite("Scorecard benchmark")
struct ScorecardBenchmarkTests {
    @Test("benchmark helpers: median, peer JSON, table")
    func benchmarkHelpers() {
        #expect(ScorecardBenchmark.median([]) == 0)
        #expect(ScorecardBenchmark.median([3, 1, 2]) == 2)
        #expect(ScorecardBenchmark.median([4, 1, 2, 3]) == 2.5)
        let json = """
        {"info": {}, "rows": [
          {"dataset": "german", "method": "toad", "fold": 0, "auc": 0.7, "ks": 0.4, "fit_s": 0.5},
          {"dataset": "german", "method": "toad", "fold": 1, "auc": 0.8, "ks": 0.5, "fit_s": 1.0},
          {"dataset": "german", "method": "optbinning", "fold": 0, "error": "ValueError: x"}]}
        """
        let peers = ScorecardBenchmark.peerResults(json: Data(json.utf8))
        #expect(peers.map(\.method) == ["toad", "optbinning"])
        #expect(abs(peers[0].meanAUC - 0.75) < 1e-12)
        #expect(abs(peers[0].medianFitSeconds - 0.75) < 1e-12)
        #expect(peers[1].errors == ["ValueError: x"])
        let ours = ScorecardBenchmark.MethodResult(dataset: "german", method: "xyd", aucs: [0.78], kss: [0.48], fitSeconds: [0.25])
        let lines = ScorecardBenchmark.tableLines([ours] + peers)
        #expect(lines.contains { $0.hasPrefix("toad") && $0.hasSuffix("3.0") })
        #expect(lines.contains { $0.hasPrefix("optbinning") && $0.contains("失败") })
        #expect(ScorecardBenchmark.jsonLine([ours] + peers).contains("\"ratio_to_xyd\":3"))
    }
}
