import Domain
import Foundation
import Scorecard
import Vapor

/// `xyd bench scorecard`: the scorecard engine's fit time per fold on German credit and on a generated
/// file of `rows` rows, side by side with the Python reference benchmark (`bench.py`: scikit-learn,
/// optbinning, toad, LightGBM) run on the same files in the same run when an interpreter is given.
///
/// Data: `$XYD_SCORING_DATA` (default `../shared/data/scoring` from the current directory) holds
/// `german.csv` and `german_folds.csv`; `bench.py` is looked up at `<data>/../../bench/peers/bench.py`.
/// Python: `--python PATH`, else `$XYD_BENCH_PYTHON`; methods: `$XYD_BENCH_METHODS`.
struct ScorecardBench {
    let app: Application
    let rows: Int
    let python: String?

    static let defaultMethods = "sklearn_lr,optbinning,toad,lightgbm"

    func say(_ text: String) { app.console.print(text) }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let dataDirectory = URL(fileURLWithPath: environment["XYD_SCORING_DATA"] ?? "../shared/data/scoring").standardizedFileURL
        let german = dataDirectory.appendingPathComponent("german.csv")
        guard FileManager.default.fileExists(atPath: german.path) else {
            throw DomainError.invalidInput(field: "XYD_SCORING_DATA", reason: "找不到 \(german.path)；请把环境变量 XYD_SCORING_DATA 设为评分数据目录")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("xyd-bench-scorecard-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // The data directory handed to bench.py: German credit and the generated file side by side.
        try FileManager.default.copyItem(at: german, to: work.appendingPathComponent("german.csv"))
        var started = Date()
        let synthetic = try SyntheticCreditData(rows: rows, seed: 2026).write(to: work, name: "synthetic")
        say(String(format: "生成 %d 行合成信贷数据，用时 %.1f 秒", rows, Date().timeIntervalSince(started)))

        var results: [ScorecardBenchmark.MethodResult] = []
        for (name, data, folds) in [("german", german, dataDirectory.appendingPathComponent("german_folds.csv")),
                                    ("synthetic", synthetic.data, synthetic.folds)] {
            started = Date()
            let table = try ScorecardTable(contentsOfFile: data.path)
            guard let foldsData = FileManager.default.contents(atPath: folds.path) else {
                throw ScorecardError.fileUnreadable(folds.path)
            }
            let assignment = try FoldAssignment(csv: foldsData, rowCount: table.rowCount)
            let readSeconds = Date().timeIntervalSince(started)
            let result = try ScorecardBenchmark.timeEngine(dataset: name, table: table, target: "bad", folds: assignment)
            say(String(format: "本引擎 %@（%d 行）：读取 %.2f 秒（不计入拟合），各折拟合 %@ 秒，AUC %.4f，KS %.4f",
                       name, table.rowCount, readSeconds,
                       result.fitSeconds.map { String(format: "%.4f", $0) }.joined(separator: " / "),
                       result.meanAUC, result.meanKS))
            results.append(result)
        }

        var pythonNote = "skipped"
        if let given = python ?? environment["XYD_BENCH_PYTHON"] {
            let interpreter = Self.executablePath(given)
            let peers = try runPeers(python: interpreter, dataDirectory: dataDirectory, work: work)
            results += peers
            pythonNote = peers.isEmpty ? "failed" : interpreter
        } else {
            say("未指定 Python，跳过 Python 对照。如需对照：python3 -m venv venv && venv/bin/pip install scikit-learn pandas optbinning toad lightgbm，")
            say("再用 --python venv/bin/python 或环境变量 XYD_BENCH_PYTHON 指定该解释器。")
        }
        // Ours first, then the peers, one block per dataset.
        let ordered = ["german", "synthetic"].flatMap { dataset in results.filter { $0.dataset == dataset } }
        say("")
        for line in ScorecardBenchmark.tableLines(ordered) { say(line) }
        say(ScorecardBenchmark.jsonLine(ordered, extra: ["python": pythonNote, "synthetic_rows": String(rows)]))
    }

    /// A command name looked up on `PATH` (posix_spawn does not search); paths are kept as given.
    static func executablePath(_ name: String) -> String {
        guard !name.contains("/") else { return name }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return name
    }

    /// Runs bench.py on German credit and the generated file (already in `work`); returns its results,
    /// or none (with a note) when the interpreter lacks the libraries or the run fails.
    func runPeers(python: String, dataDirectory: URL, work: URL) throws -> [ScorecardBenchmark.MethodResult] {
        let script = dataDirectory.appendingPathComponent("../../bench/peers/bench.py").standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: script) else {
            say("找不到 Python 基准脚本 \(script)，跳过 Python 对照")
            return []
        }
        do {
            try Subprocess.run(python, ["-c", "import sklearn, pandas, optbinning, toad, lightgbm"])
        } catch {
            say("解释器 \(python) 无法导入 scikit-learn/pandas/optbinning/toad/lightgbm，跳过 Python 对照。")
            say("请先执行：\(python) -m pip install scikit-learn pandas optbinning toad lightgbm")
            return []
        }
        let methods = ProcessInfo.processInfo.environment["XYD_BENCH_METHODS"] ?? Self.defaultMethods
        let output = work.appendingPathComponent("peers.json"), log = work.appendingPathComponent("peers.log")
        var environment = ProcessInfo.processInfo.environment
        environment["SCORING_DATA"] = work.path
        say("运行 Python 对照（\(methods)，单线程；\(rows) 行时需数分钟）…")
        let started = Date()
        let status = try Subprocess.spawn(python, [script, "--datasets", "german,synthetic", "--methods", methods,
                                                   "--out", output.path],
                                          environment: environment, outputPath: log.path).wait()
        guard status == 0, let json = FileManager.default.contents(atPath: output.path) else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            say("Python 对照失败（退出码 \(status)）：\(text.suffix(800))")
            return []
        }
        say(String(format: "Python 对照完成，用时 %.0f 秒", Date().timeIntervalSince(started)))
        return ScorecardBenchmark.peerResults(json: json)
    }
}
