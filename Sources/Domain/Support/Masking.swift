/// Masks personal fields (legal representative's ID number and phone) for everyone but the credit center.
public enum Masking {
    /// Keeps the first 4 and last 4 characters: `210202198001011234` → `2102**********1234`.
    public static func mask(_ value: String, kind: PersonalKind) -> String {
        let characters = Array(value)
        switch kind {
        case .idNumber:
            guard characters.count > 8 else { return String(repeating: "*", count: characters.count) }
            return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 8) + String(characters.suffix(4))
        case .phone:
            guard characters.count > 7 else { return String(repeating: "*", count: characters.count) }
            return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 7) + String(characters.suffix(4))
        }
    }
}

extension DatasetSpec {
    /// A record's fields as a viewer may see them: personal fields masked unless the viewer is the credit center.
    public func masked(_ content: [String: String], for viewer: Viewer) -> [String: String] {
        guard !viewer.seesPersonalFields else { return content }
        var shown = content
        for field in fields {
            if let kind = field.personal, let value = content[field.name] { shown[field.name] = Masking.mask(value, kind: kind) }
        }
        return shown
    }
}
