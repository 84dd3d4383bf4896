import Foundation

/// How people type a firm's name into a search box: "大连 轴承", "业利（大连）轴承", "业利(大连)轴承" all mean
/// the same words. The text is folded to half-width (NFKC: `（` → `(`, `Ａ` → `A`) and cut at spaces and
/// punctuation; a firm matches when its name contains every token.
public enum SearchTokens {
    public static let maxTokens = 8

    public static func tokens(_ text: String) -> [String] {
        let folded = text.precomposedStringWithCompatibilityMapping
        var tokens: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.whitespacesAndNewlines.contains(scalar) || CharacterSet.punctuationCharacters.contains(scalar)
                || CharacterSet.symbols.contains(scalar) {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        var seen: Set<String> = []
        return Array(tokens.filter { seen.insert($0).inserted }.prefix(maxTokens))
    }

    /// The text as the start of a USCC, upper-cased, when it is nothing but digits and letters (`9121…`); text with
    /// any other character (`9%`) is read as words only.
    public static func usccPrefix(_ text: String) -> String? {
        let folded = text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard !folded.isEmpty, folded.count <= 18,
              folded.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.alphanumerics.contains($0) }) else { return nil }
        return folded
    }
}
