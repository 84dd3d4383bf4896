import Foundation

/// A small deterministic random generator (SplitMix64), so that a fuzzing run is the same on every machine
/// and a failure can be replayed from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Requests for an operation of the OpenAPI document: some as a careful client would send them (values
/// from the schema, with hints for identifiers that must exist to get past a 404), some as a hostile one
/// (numbers past 64 bits, empty and 10 KB strings, control characters, wrong types, missing or extra keys,
/// bodies that are not JSON).
public struct RequestGenerator {
    public struct Request: Sendable, CustomStringConvertible {
        public var method: String
        public var path: String
        public var body: String?
        public var contentType: String?
        public var description: String { "\(method.uppercased()) \(path) \(body.map { String($0.prefix(300)) } ?? "")" }
    }

    let document: OpenAPIDocument
    /// Plausible values by parameter or property name (e.g. "uscc" → a registered firm's code).
    let hints: [String: [String]]
    public var random: SplitMix64

    public init(document: OpenAPIDocument, hints: [String: [String]], seed: UInt64) {
        self.document = document; self.hints = hints; random = SplitMix64(seed: seed)
    }

    static let hostileTexts: [String] = [
        "", " ", "-1", "0", "9223372036854775808", "-9223372036854775809", "1e309", "NaN", "%", "_", "%00",
        "..%2F..%2Fetc%2Fpasswd", "<script>alert(1)</script>", "' OR 1=1 --", "\u{0}\u{1}\t\n", "null", "{}", "[]",
        String(repeating: "长", count: 3_000), String(repeating: "9", count: 400), "2026-02-30", "9999-12-31", "🙂",
    ]

    public mutating func request(for operation: OpenAPIDocument.Operation, hostile: Bool) -> Request {
        var path = operation.path
        var query: [String] = []
        for parameter in operation.parameters.map(document.resolve) {
            guard let name = parameter["name"] as? String, let location = parameter["in"] as? String else { continue }
            let schema = parameter["schema"] as? [String: Any] ?? [:]
            let required = parameter["required"] as? Bool ?? (location == "path")
            if location == "query", !required, Bool.random(using: &random) { continue }
            let value = hostile && Int.random(in: 0..<3, using: &random) == 0
                ? Self.hostileTexts.randomElement(using: &random)!
                : text(plausible(schema, name: name, depth: 0))
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            switch location {
            case "path": path = path.replacingOccurrences(of: "{\(name)}", with: encoded.isEmpty ? "%20" : encoded)
            case "query": query.append("\(name)=\(encoded)")
            default: break
            }
        }
        if !query.isEmpty { path += "?" + query.joined(separator: "&") }
        var body: String?
        var contentType: String?
        if let schema = document.requestSchema(operation) {
            contentType = "application/json"
            var value = plausible(schema, name: "", depth: 0)
            if hostile { value = mutate(value, schema: schema) }
            body = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]))
                .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            if hostile, Int.random(in: 0..<8, using: &random) == 0 {
                body = ["{", "{\"a\":", "\u{FEFF}[1,2", "not json", String(repeating: "[", count: 600)].randomElement(using: &random)
            }
        } else if operation.requestBody != nil {
            contentType = "text/csv"
            body = hostile ? Self.hostileTexts.randomElement(using: &random)! : "record_id\nX1\n"
        }
        return Request(method: operation.method, path: path, body: body, contentType: contentType)
    }

    func text(_ value: Any) -> String {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return number.stringValue }
        return "\(value)"
    }

    /// A value a careful client might send for the schema.
    public mutating func plausible(_ schema: [String: Any], name: String, depth: Int) -> Any {
        let schema = document.resolve(schema)
        if let hinted = hints[name], let pick = hinted.randomElement(using: &random) {
            if OpenAPIDocument.types(schema)?.contains("integer") == true, let n = Int64(pick) { return n }
            if OpenAPIDocument.types(schema)?.contains("array") == true { return [pick] }
            return pick
        }
        if let choices = (schema["oneOf"] ?? schema["anyOf"]) as? [[String: Any]], let choice = choices.randomElement(using: &random) {
            return plausible(choice, name: name, depth: depth + 1)
        }
        if let all = schema["allOf"] as? [[String: Any]], let first = all.first { return plausible(first, name: name, depth: depth + 1) }
        if let allowed = schema["enum"] as? [Any], let pick = allowed.randomElement(using: &random) { return pick }
        let types = (OpenAPIDocument.types(schema) ?? ["object"]).filter { $0 != "null" }
        switch types.first ?? "string" {
        case "integer":
            let low = (schema["minimum"] as? Double).map(Int64.init) ?? ((schema["exclusiveMinimum"] as? Double).map { Int64($0) + 1 } ?? 1)
            let high = (schema["maximum"] as? Double).map(Int64.init) ?? max(low, 1) * 1000 + 12
            return Int64.random(in: low...max(low, high), using: &random)
        case "number": return Double(Int.random(in: 1...1000, using: &random)) / 10
        case "boolean": return Bool.random(using: &random)
        case "array":
            guard depth < 4, let items = schema["items"] as? [String: Any] else { return [Any]() }
            return (0..<Int.random(in: 1...2, using: &random)).map { _ in plausible(items, name: name, depth: depth + 1) }
        case "object":
            guard depth < 4 else { return [String: Any]() }
            var object: [String: Any] = [:]
            let required = Set(schema["required"] as? [String] ?? [])
            for (key, sub) in schema["properties"] as? [String: Any] ?? [:] {
                guard let sub = sub as? [String: Any], required.contains(key) || Bool.random(using: &random) else { continue }
                object[key] = plausible(sub, name: key, depth: depth + 1)
            }
            return object
        default:
            if let format = schema["format"] as? String, format == "date" { return "2026-06-30" }
            return ["测试", "abc", "2026-06-30", "1"].randomElement(using: &random)!
        }
    }

    /// The value with one thing wrong: a required key gone, a value of the wrong type or out of range, an
    /// unknown key, or a whole different document.
    mutating func mutate(_ value: Any, schema: [String: Any]) -> Any {
        let wrong: [Any] = [NSNull(), "x", -1, Int64.max, 1.5, true, [Any](), [String: Any](), String(repeating: "长", count: 5000)]
        guard var object = value as? [String: Any], !object.isEmpty else { return wrong.randomElement(using: &random)! }
        let key = object.keys.sorted().randomElement(using: &random)!
        switch Int.random(in: 0..<4, using: &random) {
        case 0: object[key] = nil
        case 1: object[key] = wrong.randomElement(using: &random)!
        case 2: object["unexpected\(Int.random(in: 0..<9, using: &random))"] = "x"
        default: return wrong.randomElement(using: &random)!
        }
        return object
    }
}
