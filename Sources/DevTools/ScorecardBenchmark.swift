import Foundation
import Scorecard

/// Fit-time benchmark of the scorecard engine beside other methods (`xyd bench scorecard`): the
/// engine's timed cross-validation, the reading of the Python reference benchmark's JSON output, and
/// the side-by-side table.
public enum ScorecardBenchmark {
    /// One method on one dataset: test AUC and KS and fit seconds per fold.
    public struct MethodResult: Codable, Sendable, Equatable {
        public var dataset: String
        public var method: String
        public var aucs: [Double]
        public var kss: [Double]
        public var fitSeconds: [Double]
        /// Folds that failed, with the message.
        public var errors: [String]

        public init(dataset: String, method: String, aucs: [Double] = [], kss: [Double] = [],
                    fitSeconds: [Double] = [], errors: [String] = []) {
            self.dataset = dataset
            self.method = method
            self.aucs = aucs
            self.kss = kss
            self.fitSeconds = fitSeconds
            self.errors = errors
        }

        public var meanAUC: Double { ScorecardBenchmark.mean(aucs) }
        public var meanKS: Double { ScorecardBenchmark.mean(kss) }
        public var medianFitSeconds: Double { ScorecardBenchmark.median(fitSeconds) }
    }

    /// The method name of this engine in tables and JSON.
    public static let engineMethod = "xyd"

    /// The mean; 0 for no values.
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// The median (mean of the two middle values for an even count); 0 for no values.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Cross-validates the engine on fixed folds, timing each fold's training (binning, WOE/IV,
    /// selection, regression, scaling and the training score distribution — what a peer's `fit()`
    /// does on already typed data). Reading and typing the table is done once, outside the timing.
    public static func timeEngine(dataset: String, table: ScorecardTable, target: String, folds: FoldAssignment,
                                  config: ScorecardConfig = ScorecardConfig()) throws(ScorecardError) -> MethodResult {
        let held = try CrossValidation.heldOutFolds(table: table, target: target, folds: folds, config: config)
        return MethodResult(dataset: dataset, method: engineMethod, aucs: held.map(\.auc), kss: held.map(\.ks),
                            fitSeconds: held.map(\.fitSeconds))
    }

    /// Reads the JSON written by the Python reference benchmark (`bench.py --out`): `{"info": …,
    /// "rows": [{"dataset", "method", "fold", "auc", "ks", "fit_s", …} or {…, "error"}]}`, grouped by
    /// dataset and method in order of first appearance.
    public static func peerResults(json: Data) -> [MethodResult] {
        guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
              let rows = root["rows"] as? [[String: Any]] else { return [] }
        var results: [MethodResult] = []
        var index: [String: Int] = [:]
        for row in rows {
            guard let dataset = row["dataset"] as? String, let method = row["method"] as? String else { continue }
            let key = dataset + "\u{0}" + method
            let position = index[key] ?? {
                results.append(MethodResult(dataset: dataset, method: method))
                index[key] = results.count - 1
                return results.count - 1
            }()
            if let error = row["error"] as? String {
                results[position].errors.append(error)
            } else if let auc = (row["auc"] as? NSNumber)?.doubleValue, let ks = (row["ks"] as? NSNumber)?.doubleValue,
                      let fit = (row["fit_s"] as? NSNumber)?.doubleValue {
                results[position].aucs.append(auc)
                results[position].kss.append(ks)
                results[position].fitSeconds.append(fit)
            }
        }
        return results
    }

    /// The side-by-side table, one block per dataset (in order of first appearance): method, mean AUC,
    /// mean KS, median fit seconds and each method's fit time over the engine's on that dataset.
    public static func tableLines(_ results: [MethodResult]) -> [String] {
        var datasets: [String] = []
        for r in results where !datasets.contains(r.dataset) { datasets.append(r.dataset) }
        var lines: [String] = []
        for dataset in datasets {
            let block = results.filter { $0.dataset == dataset }
            let ours = block.first { $0.method == engineMethod }?.medianFitSeconds
            lines.append("数据集 \(dataset)")
            lines.append(pad("方法", 14) + pad("AUC", 8, left: true) + pad("KS", 8, left: true)
                + pad("拟合秒(中位)", 14, left: true) + pad("为本引擎倍数", 14, left: true))
            for r in block {
                let name = pad(r.method, 14)
                guard !r.fitSeconds.isEmpty else {
                    lines.append(name + "  失败：" + (r.errors.first.map { String($0.prefix(120)) } ?? "无结果"))
                    continue
                }
                let ratio: String
                if r.method == engineMethod { ratio = "1.0" } else if let ours, ours > 0 {
                    ratio = String(format: "%.1f", r.medianFitSeconds / ours)
                } else { ratio = "-" }
                var line = name + pad(String(format: "%.4f", r.meanAUC), 8, left: true)
                    + pad(String(format: "%.4f", r.meanKS), 8, left: true)
                    + pad(formatSeconds(r.medianFitSeconds), 14, left: true) + pad(ratio, 14, left: true)
                if !r.errors.isEmpty { line += "（\(r.errors.count) 折失败）" }
                lines.append(line)
            }
        }
        return lines
    }

    /// All figures as one line of JSON with sorted keys:
    /// `{"results":[{"auc_mean":…,"dataset":"german","fit_s":[…],"fit_s_median":…,"ks_mean":…,"method":"xyd","ratio_to_xyd":1,…}],…}`.
    public static func jsonLine(_ results: [MethodResult], extra: [String: String] = [:]) -> String {
        var entries: [[String: Any]] = []
        for r in results {
            let ours = results.first { $0.dataset == r.dataset && $0.method == engineMethod }?.medianFitSeconds
            var entry: [String: Any] = [
                "dataset": r.dataset, "method": r.method, "auc": r.aucs, "ks": r.kss, "fit_s": r.fitSeconds,
                "auc_mean": r.meanAUC, "ks_mean": r.meanKS, "fit_s_median": r.medianFitSeconds,
            ]
            if let ours, ours > 0, !r.fitSeconds.isEmpty { entry["ratio_to_xyd"] = r.medianFitSeconds / ours }
            if !r.errors.isEmpty { entry["errors"] = r.errors.map { String($0.prefix(300)) } }
            entries.append(entry)
        }
        var root: [String: Any] = ["results": entries]
        for (key, value) in extra { root[key] = value }
        guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds >= 10 ? String(format: "%.1f", seconds) : seconds >= 0.1 ? String(format: "%.3f", seconds)
            : String(format: "%.4f", seconds)
    }

    /// Pads to a display width, counting CJK characters as two columns.
    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let display = text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
        let fill = String(repeating: " ", count: max(width - display, 1))
        return left ? fill + text : text + fill
    }
}
