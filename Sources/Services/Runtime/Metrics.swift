import Foundation
import Synchronization

/// Counters exposed at `/metrics` in the Prometheus text format.
public final class Metrics: Sendable {
    struct Key: Hashable { let name: String; let labels: [String] }
    private let counters = Mutex<[Key: Double]>([:])

    /// HTTP requests are counted apart, under one lock and without building label text per request (every
    /// request passes here; the text is made when `/metrics` is read).
    struct RequestKey: Hashable { let method: String; let route: String; let status: UInt }
    private struct RequestCounts { var byKey: [RequestKey: Int] = [:]; var seconds = 0.0; var count = 0 }
    private let requests = Mutex(RequestCounts())

    public func recordRequest(method: String, route: String, status: UInt, seconds: Double) {
        requests.withLock { counts in
            counts.byKey[RequestKey(method: method, route: route, status: status), default: 0] += 1
            counts.seconds += seconds
            counts.count += 1
        }
    }

    public init() {}

    public func increment(_ name: String, labels: [(String, String)] = [], by value: Double = 1) {
        let key = Key(name: name, labels: labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" })
        counters.withLock { $0[key, default: 0] += value }
    }

    public func value(_ name: String, labels: [(String, String)] = []) -> Double {
        let key = Key(name: name, labels: labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" })
        return snapshot()[key] ?? 0
    }

    /// The counters, HTTP requests included, as label text.
    func snapshot() -> [Key: Double] {
        var all = counters.withLock { $0 }
        let http = requests.withLock { $0 }
        for (key, count) in http.byKey {
            let labels = [("method", key.method), ("route", key.route), ("status", String(key.status))]
                .map { "\($0.0)=\"\(Self.escape($0.1))\"" }
            all[Key(name: "xyd_http_requests_total", labels: labels), default: 0] += Double(count)
        }
        if http.count > 0 {
            all[Key(name: "xyd_http_request_duration_seconds_sum", labels: []), default: 0] += http.seconds
            all[Key(name: "xyd_http_request_duration_seconds_count", labels: []), default: 0] += Double(http.count)
        }
        return all
    }

    static let help: [String: (String, String)] = [
        "xyd_http_requests_total": ("counter", "HTTP requests by method, route and status."),
        "xyd_http_request_duration_seconds_sum": ("counter", "Total seconds spent answering HTTP requests."),
        "xyd_http_request_duration_seconds_count": ("counter", "HTTP requests timed."),
        "xyd_ingest_rows_total": ("counter", "Rows of department files by dataset and outcome."),
        "xyd_ingest_batches_total": ("counter", "Batches loaded by dataset."),
        "xyd_jobs_total": ("counter", "Background jobs run by kind and outcome."),
    ]

    /// The exposition text; `gauges` are values computed at scrape time.
    public func render(gauges: [(String, String, [(String, String)], Double)] = []) -> String {
        let snapshot = snapshot()
        var byName: [String: [(Key, Double)]] = [:]
        for (key, value) in snapshot { byName[key.name, default: []].append((key, value)) }
        var out = ""
        for name in byName.keys.sorted() {
            let (type, help) = Self.help[name] ?? ("counter", name)
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (key, value) in byName[name, default: []].sorted(by: { $0.0.labels.joined() < $1.0.labels.joined() }) {
                let labels = key.labels.isEmpty ? "" : "{" + key.labels.joined(separator: ",") + "}"
                out += "\(name)\(labels) \(Self.format(value))\n"
            }
        }
        for (name, help, labels, value) in gauges {
            out += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
            let text = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",") + "}"
            out += "\(name)\(text) \(Self.format(value))\n"
        }
        return out
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
