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
        /// Mean latency (wrk's "Latency Avg").
        var mean = 0.0
        /// A few failed answers as "status body…" (from the scripts' `response` hook), to say what the errors were.
        var failures: [String] = []
    }

    /// Lua for a script: prints the first few answers of 400 and above on lines starting `xyd-failure ` (each wrk
    /// thread has its own Lua state, so each prints at most three). Only for the applications: with a `response`
    /// function wrk hands every body to Lua, which would cost the load generator too much on the fast routes.
    static let failureHook = """
        local failed = 0
        function response(status, headers, body)
          if status >= 400 and failed < 3 then
            failed = failed + 1
            io.write("xyd-failure " .. status .. " " .. string.gsub(string.sub(body or "", 1, 160), "\\n", " ") .. "\\n")
          end
        end

        """

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

    /// Runs `wrk` POSTing each of `items` (a bearer token and a JSON body) once, in order, spread over its threads
    /// (thread k sends items k, k + threads, …), for at most `seconds`: requests that must each be different, such as
    /// applications (one open per firm and product). A thread that has sent its share stops.
    func run(url: String, posting items: [(token: String, body: String)], connections: Int, seconds: Int,
             scratch: URL) throws -> Figures {
        let threads = max(1, min(connections, ProcessInfo.processInfo.activeProcessorCount))
        var script = "local items = {\n"
        script.reserveCapacity(items.count * 200)
        for item in items { script += "{\"\(item.token)\",[==[\(item.body)]==]},\n" }
        script += """
            }
            local threads = 0
            function setup(thread)
              thread:set("slot", threads)
              threads = threads + 1
            end
            slot = 0
            local sent = 0
            function request()
              local i = slot + 1 + sent * \(threads)
              sent = sent + 1
              if i > #items then
                wrk.thread:stop()
                return wrk.format("GET", "/healthz")
              end
              local item = items[i]
              return wrk.format("POST", nil, {["Authorization"] = "Bearer " .. item[1], ["Content-Type"] = "application/json"}, item[2])
            end

            """ + Self.failureHook
        let scriptURL = scratch.appendingPathComponent("wrk-items-\(UUID().uuidString.prefix(8)).lua")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let output = try Subprocess.run(executable, ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency",
                                                     "-s", scriptURL.path, url])
        var figures = try Self.parse(output)
        // wrk reports its whole -d as the duration even when the threads stopped early (the items ran out); in a
        // closed loop the time the requests took is their number times the mean latency over the connections.
        if figures.mean > 0 { figures.seconds = min(figures.seconds, Double(figures.requests) * figures.mean / Double(connections)) }
        return figures
    }

    /// Reads `wrk --latency`'s report: the request count and duration, the 50 % and 99 % latencies, and failures
    /// (non-2xx/3xx answers plus socket errors).
    static func parse(_ output: String) throws -> Figures {
        var figures = Figures()
        var sawTotal = false
        for line in output.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if words.count >= 2, words[0] == "Latency", figures.mean == 0, let mean = try? duration(words[1]) { figures.mean = mean }
            if words.count >= 2, words[0] == "50%" { figures.p50 = try duration(words[1]) }
            if words.count >= 2, words[0] == "99%" { figures.p99 = try duration(words[1]) }
            if words.count >= 4, words[1] == "requests", words[2] == "in" {
                figures.requests = Int(words[0]) ?? 0
                figures.seconds = try duration(String(words[3].dropLast()))
                sawTotal = true
            }
            if line.hasPrefix("xyd-failure "), figures.failures.count < 5 { figures.failures.append(String(line.dropFirst(12))) }
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
