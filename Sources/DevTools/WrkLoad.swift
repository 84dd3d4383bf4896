import Foundation

/// Load through `wrk` (Debian's `wrk` package): a C load generator costs the shared cores far less per request
/// than a Swift HTTP client, so the server's own cost is what the figures show.
struct WrkLoad {
    let executable: String

    /// `wrk` on the PATH, if installed.
    static func find() -> WrkLoad? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in paths {
            let candidate = "\(directory)/wrk"
            if FileManager.default.isExecutableFile(atPath: candidate) { return WrkLoad(executable: candidate) }
        }
        return nil
    }

    struct Figures: Equatable {
        var requests = 0
        var seconds = 0.0
        var errors = 0
        var p50 = 0.0
        var p99 = 0.0
    }

    /// Runs `wrk` with `connections` connections for `seconds`; a POST body goes through a Lua script written to `scratch`.
    func run(url: String, method: String, headers: [(String, String)], body: String?, connections: Int, seconds: Int,
             scratch: URL) throws -> Figures {
        var script = "wrk.method = \"\(method)\"\n"
        for (name, value) in headers { script += "wrk.headers[\"\(name)\"] = \"\(value)\"\n" }
        if let body { script += "wrk.body = [==[\(body)]==]\n" }
        let scriptURL = scratch.appendingPathComponent("wrk-\(UUID().uuidString.prefix(8)).lua")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let threads = max(1, min(connections, ProcessInfo.processInfo.activeProcessorCount))
        let output = try Subprocess.run(executable, ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency",
                                                     "-s", scriptURL.path, url])
        return try Self.parse(output)
    }

    /// Reads `wrk --latency`'s report: the request count and duration, the 50 % and 99 % latencies, and failures
    /// (non-2xx/3xx answers plus socket errors).
    static func parse(_ output: String) throws -> Figures {
        var figures = Figures()
        var sawTotal = false
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if words.count >= 2, words[0] == "50%" { figures.p50 = try duration(words[1]) }
            if words.count >= 2, words[0] == "99%" { figures.p99 = try duration(words[1]) }
            if words.count >= 4, words[1] == "requests", words[2] == "in" {
                figures.requests = Int(words[0]) ?? 0
                figures.seconds = try duration(String(words[3].dropLast()))
                sawTotal = true
            }
            if line.hasPrefix("Non-2xx or 3xx responses:"), let count = Int(words.last ?? "") { figures.errors += count }
            if line.hasPrefix("Socket errors:") {
                // "Socket errors: connect 0, read 0, write 0, timeout 0"
                for (index, word) in words.enumerated() where index > 1 && index % 2 == 1 {
                    figures.errors += Int(word.trimmingCharacters(in: CharacterSet(charactersIn: ","))) ?? 0
                }
            }
        }
        guard sawTotal, figures.seconds > 0 else { throw WrkError.unreadable(output) }
        return figures
    }

    /// "812.00us", "3.20ms", "1.05s", "2.00m" in seconds.
    static func duration(_ text: String) throws -> Double {
        let units: [(String, Double)] = [("us", 1e-6), ("ms", 1e-3), ("m", 60), ("s", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)) { return value * scale }
        }
        throw WrkError.unreadable(text)
    }

    enum WrkError: Error, CustomStringConvertible {
        case unreadable(String)
        var description: String {
            switch self { case .unreadable(let text): "无法读取 wrk 的输出：\(text.prefix(500))" }
        }
    }
}
