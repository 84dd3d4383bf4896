import Plot

/// The colour family of a badge.
enum BadgeTone: String {
    case neutral
    case info
    case success
    case warning
    case danger
}

enum Badge {
    static func node<C: HTML.BodyContext>(_ text: String, tone: BadgeTone = .neutral) -> Node<C> {
        .span(.cls("badge badge-\(tone.rawValue)"), .text(text))
    }
}

/// Path building with percent-encoding of dynamic segments and query values.
enum Paths {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// Percent-encodes everything except RFC 3986 unreserved characters.
    static func encode(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            if unreserved.contains(byte) {
                result.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    static func enterprise(_ uscc: String) -> String { "/console/enterprises/\(encode(uscc))" }
    static func batch(_ id: String) -> String { "/console/batches/\(encode(id))" }
    static func quarantineCSV(_ batchID: String) -> String { "/console/batches/\(encode(batchID))/quarantine.csv" }

    /// `path?name=value&…`, skipping items with empty values.
    static func withQuery(_ path: String, _ items: [QueryItem]) -> String {
        let pairs = items.filter { !$0.value.isEmpty }.map { "\(encode($0.name))=\(encode($0.value))" }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }
}
