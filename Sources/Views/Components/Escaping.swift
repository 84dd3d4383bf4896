import Plot

/// Escaping helpers.
///
/// Plot 0.14 escapes text nodes but writes attribute values verbatim, so every
/// attribute whose value is not a compile-time constant must go through `.attr`,
/// which escapes `& < > " '`.
enum Escape {
    /// Escapes a string for use inside a double-quoted HTML attribute value.
    static func attribute(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension Node {
    /// An attribute whose value is escaped; rendered even when the value is empty.
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: Escape.attribute(value), ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute (`required`, `selected`, …) when `isOn` is true.
    static func flag(_ name: String, _ isOn: Bool = true) -> Node {
        isOn ? .attribute(named: name) : .empty
    }

    /// A `class` attribute from constant class names.
    static func cls(_ names: String) -> Node {
        .attribute(named: "class", value: names)
    }
}

extension Attribute {
    /// An attribute whose value is escaped; rendered even when the value is empty.
    static func attr(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: Escape.attribute(value), ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute when `isOn` is true.
    static func flag(_ name: String, _ isOn: Bool = true) -> Attribute {
        isOn ? Attribute(name: name, value: nil, ignoreIfValueIsEmpty: false) : .empty
    }

    /// A `class` attribute from constant class names.
    static func cls(_ names: String) -> Attribute {
        Attribute(name: "class", value: names)
    }
}
