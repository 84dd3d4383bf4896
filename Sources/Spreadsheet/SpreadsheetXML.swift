/// Text helpers for the XML parts of a workbook.
enum SpreadsheetXML {
    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Escapes text for element content and attributes, dropping the control characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `-123.45` for (-12345, 2); exact, no floating point.
    static func decimal(_ value: Int64, scale: Int) -> String {
        guard scale > 0 else { return String(value) }
        var divisor: UInt64 = 1
        for _ in 0..<scale { divisor *= 10 }
        let magnitude = value.magnitude
        let fraction = String(magnitude % divisor)
        return "\(value < 0 ? "-" : "")\(magnitude / divisor).\(String(repeating: "0", count: scale - fraction.count))\(fraction)"
    }

    /// A column width with at most two decimals.
    static func width(_ width: Double) -> String {
        let hundredths = Int64((max(0, min(width, 255)) * 100).rounded())
        return decimal(hundredths, scale: 2)
    }
}
