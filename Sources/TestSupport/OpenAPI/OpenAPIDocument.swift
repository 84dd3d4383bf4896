import Foundation

/// The served OpenAPI 3.1 document, read as plain JSON, for the tests that hold the server to it: which
/// operations exist, what each accepts, and whether a response body matches its declared schema. Only the
/// parts of JSON Schema the document uses are understood: `$ref`, `type` (one or several), `enum`,
/// `properties` / `required`, `items`, `oneOf` / `anyOf` / `allOf`, `minimum` / `maximum`,
/// `exclusiveMinimum`, `minLength` / `maxLength`, `pattern`.
public struct OpenAPIDocument: @unchecked Sendable {
    // JSON values as JSONSerialization makes them; never mutated after init.
    public let root: [String: Any]

    public init(data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure("openapi.json is not a JSON object")
        }
        self.root = root
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// One operation: method, path template, and the operation object.
    public struct Operation: @unchecked Sendable, CustomStringConvertible {
        public let method: String
        public let path: String
        public let object: [String: Any]
        public var description: String { "\(method.uppercased()) \(path)" }

        /// Whether a caller without credentials may call it (`security: []`).
        public var isPublic: Bool { (object["security"] as? [Any])?.isEmpty == true }
        public var documentedStatuses: Set<String> { Set((object["responses"] as? [String: Any] ?? [:]).keys) }
        public var parameters: [[String: Any]] { object["parameters"] as? [[String: Any]] ?? [] }
        public var requestBody: [String: Any]? { object["requestBody"] as? [String: Any] }
    }

    public var operations: [Operation] {
        let paths = root["paths"] as? [String: Any] ?? [:]
        return paths.keys.sorted().flatMap { path -> [Operation] in
            let item = paths[path] as? [String: Any] ?? [:]
            return ["get", "post", "put", "patch", "delete"].compactMap { method in
                (item[method] as? [String: Any]).map { Operation(method: method, path: path, object: $0) }
            }
        }
    }

    /// Follows `$ref`s (and response references) to the object they name.
    public func resolve(_ object: [String: Any]) -> [String: Any] {
        var current = object
        var hops = 0
        while let ref = current["$ref"] as? String, ref.hasPrefix("#/"), hops < 16 {
            var node: Any = root
            for part in ref.dropFirst(2).split(separator: "/") {
                node = (node as? [String: Any])?[String(part)] ?? [:]
            }
            current = node as? [String: Any] ?? [:]
            hops += 1
        }
        return current
    }

    /// The JSON schema of a response with this status, if it declares one.
    public func responseSchema(_ operation: Operation, status: Int) -> [String: Any]? {
        let responses = operation.object["responses"] as? [String: Any] ?? [:]
        guard let response = (responses[String(status)] ?? responses["default"]) as? [String: Any] else { return nil }
        let content = resolve(response)["content"] as? [String: Any]
        return (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    /// The JSON schema of the request body, if the body is JSON.
    public func requestSchema(_ operation: Operation) -> [String: Any]? {
        guard let body = operation.requestBody else { return nil }
        let content = resolve(body)["content"] as? [String: Any]
        return (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    // MARK: Validation

    /// Where `value` departs from `schema`, one line each (empty when it conforms).
    public func violations(of value: Any, against schema: [String: Any], at path: String = "$") -> [String] {
        let schema = resolve(schema)
        if let all = schema["allOf"] as? [[String: Any]] {
            return all.flatMap { violations(of: value, against: $0, at: path) }
        }
        for key in ["oneOf", "anyOf"] {
            if let choices = schema[key] as? [[String: Any]] {
                let results = choices.map { violations(of: value, against: $0, at: path) }
                if results.contains(where: \.isEmpty) { return [] }
                return ["\(path): matches none of \(key) (\(results.map { $0.first ?? "" }.joined(separator: " | ")))"]
            }
        }
        var problems: [String] = []
        if let types = Self.types(schema), !types.contains(where: { Self.value(value, is: $0) }) {
            return ["\(path): expected \(types.joined(separator: "/")), got \(Self.kind(of: value))"]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { Self.equal($0, value) }) {
            problems.append("\(path): \(value) is not one of \(allowed)")
        }
        if let object = value as? [String: Any], !(value is NSNull) {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): missing required \"\(key)\"")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, sub) in properties {
                guard let child = object[key], let sub = sub as? [String: Any] else { continue }
                problems += violations(of: child, against: sub, at: "\(path).\(key)")
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated().prefix(50) {
                problems += violations(of: element, against: items, at: "\(path)[\(index)]")
            }
        }
        if let number = Self.number(value) {
            if let minimum = schema["minimum"] as? Double, number < minimum { problems.append("\(path): \(number) < minimum \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number > maximum { problems.append("\(path): \(number) > maximum \(maximum)") }
            if let minimum = schema["exclusiveMinimum"] as? Double, number <= minimum {
                problems.append("\(path): \(number) ≤ exclusiveMinimum \(minimum)")
            }
        }
        if let text = value as? String {
            if let max = schema["maxLength"] as? Int, text.count > max { problems.append("\(path): longer than \(max)") }
            if let min = schema["minLength"] as? Int, text.count < min { problems.append("\(path): shorter than \(min)") }
            if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(path): \"\(text.prefix(40))\" does not match \(pattern)")
            }
        }
        return problems
    }

    static func types(_ schema: [String: Any]) -> [String]? {
        if let one = schema["type"] as? String { return [one] }
        return schema["type"] as? [String]
    }

    static func value(_ value: Any, is type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBool(value)
        case "integer": return !isBool(value) && number(value).map { $0.rounded() == $0 } == true
        case "number": return !isBool(value) && number(value) != nil
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return true
        }
    }

    /// JSONSerialization gives booleans as NSNumber too; theirs is the only "c" (char) type it makes.
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    static func number(_ value: Any) -> Double? {
        guard !(value is String), !(value is NSNull), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    static func kind(of value: Any) -> String {
        switch value {
        case is NSNull: "null"
        case is String: "string"
        case is [Any]: "array"
        case is [String: Any]: "object"
        default: isBool(value) ? "boolean" : number(value) != nil ? "number" : "\(type(of: value))"
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = number(a), let b = number(b) { return a == b }
        return false
    }
}
