import Foundation

/// Reads back the canonical record content the validator writes (`{"field":"value",…}`, strings only, JSON
/// escapes), much faster than a general JSON decoder; anything else falls back to `JSONDecoder`.
public enum CanonicalContent {
    public static func decode(_ text: String) -> [String: String] {
        var text = text
        if let fields = text.withUTF8({ parse($0) }) { return fields }
        return (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    /// The same from the UTF-8 bytes of the text, as a database driver hands them over.
    public static func decode(utf8 bytes: UnsafeRawBufferPointer) -> [String: String] {
        let b = bytes.bindMemory(to: UInt8.self)
        if let fields = parse(b) { return fields }
        return (try? JSONDecoder().decode([String: String].self, from: Data(b))) ?? [:]
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> [String: String]? {
        var i = 0
        let n = b.count
        func string() -> String? {
            guard i < n, b[i] == 0x22 else { return nil }
            i += 1
            let start = i
            var escaped = false
            while i < n, b[i] != 0x22 {
                if b[i] == 0x5C { escaped = true; i += 2 } else { i += 1 }
            }
            guard i < n else { return nil }
            defer { i += 1 }
            let raw = UnsafeBufferPointer(rebasing: b[start..<i])
            guard escaped else { return String(decoding: raw, as: UTF8.self) }
            // Rare: let the JSON decoder handle escapes.
            let quoted = Data([0x22] + Array(raw) + [0x22])
            return try? JSONDecoder().decode(String.self, from: quoted)
        }
        guard n >= 2, b[0] == 0x7B, b[n - 1] == 0x7D else { return nil }
        i = 1
        var fields: [String: String] = [:]
        if b[i] == 0x7D { return fields }
        while true {
            guard let key = string(), i < n, b[i] == 0x3A else { return nil }
            i += 1
            guard let value = string(), i < n else { return nil }
            fields[key] = value
            if b[i] == 0x2C { i += 1; continue }
            return b[i] == 0x7D && i == n - 1 ? fields : nil
        }
    }
}
