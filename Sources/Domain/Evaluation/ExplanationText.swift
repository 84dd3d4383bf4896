import Foundation

/// Fills an item's sentence template.
enum ExplanationText {
    /// `加20分` / `扣20分` / `不加减分`.
    static func points(_ p: Int) -> String {
        p > 0 ? "加\(p)分" : p < 0 ? "扣\(-p)分" : "不加减分"
    }

    /// Joins reference values, at most five, then `等`.
    static func refs(_ values: [String]) -> String {
        let shown = values.prefix(5).joined(separator: "、")
        return values.count > 5 ? shown + "等" : shown
    }

    static func render(_ template: String, values: [String: String], record: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            rest = rest[open...]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let key = String(rest[rest.index(after: open)..<close])
            if key.hasPrefix("f:") {
                out += record[String(key.dropFirst(2))] ?? ""
            } else {
                out += values[key] ?? "{\(key)}"
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}
