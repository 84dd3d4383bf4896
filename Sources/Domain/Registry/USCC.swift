/// The unified social credit code (统一社会信用代码), GB 32100-2015.
///
/// 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY` (valued 0–30). Position 18 is a check character
/// computed from the first 17 with the weights below. Positions 3–8 are a GB/T 2260 district code.
public struct USCC: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let value: String

    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    public static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// ASCII byte → value (0–30), or -1 for a byte outside the alphabet.
    static let valueOfByte: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, character) in alphabet.enumerated() {
            table[Int(character.asciiValue!)] = Int8(index)
        }
        return table
    }()

    /// Why a code is not valid, in terms a clerk can act on.
    public enum Problem: Error, Equatable, Sendable {
        case wrongLength(Int)
        case invalidCharacter(position: Int, character: Character)
        case districtNotDigits
        case checkMismatch(expected: Character, found: Character)

        /// The reason in Chinese.
        public var message: String {
            switch self {
            case .wrongLength(let n): "长度应为18位，实际为\(n)位"
            case .invalidCharacter(let p, let c): "第\(p)位字符“\(c)”不在允许的字符集内（数字及除 I、O、S、V、Z 以外的大写字母）"
            case .districtNotDigits: "第3–8位应为6位数字的行政区划代码"
            case .checkMismatch(let e, let f): "校验位错误：应为“\(e)”，实际为“\(f)”"
            }
        }
    }

    /// Parses a code, trimming surrounding spaces and upper-casing lower case, as the catalog requires.
    public init(_ raw: some StringProtocol) throws(Problem) {
        let trimmed = raw.trimmingSpaces()
        // Upper-case only when needed: codes are ASCII, and most arrive upper case already.
        let normalized = trimmed.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) ? trimmed.uppercased() : trimmed
        try USCC.validate(normalized)
        self.value = normalized
    }

    /// Builds a code without re-validating; only for values read back from storage.
    public init(trusted value: String) { self.value = value }

    public var description: String { value }
    public static func < (a: USCC, b: USCC) -> Bool { a.value < b.value }

    /// The 6-digit district code (positions 3–8).
    public var district: Substring { value.dropFirst(2).prefix(6) }

    /// The registration authority category and entity type (positions 1–2), e.g. "91" for an enterprise.
    public var kind: Substring { value.prefix(2) }

    /// Checks an already normalized code.
    public static func validate(_ code: String) throws(Problem) {
        let bytes = Array(code.utf8)
        guard bytes.count == 18 else { throw .wrongLength(code.count) }
        var sum = 0
        for index in 0..<17 {
            let value = Int(valueOfByte[Int(bytes[index])])
            guard value >= 0 else {
                let character = Character(UnicodeScalar(bytes[index]))
                throw .invalidCharacter(position: index + 1, character: character)
            }
            sum += value * weights[index]
        }
        for index in 2..<8 where !(0x30...0x39).contains(bytes[index]) {
            throw .districtNotDigits
        }
        // A wrong or impossible last character is reported with the check character it should be.
        let expected = alphabet[(31 - sum % 31) % 31]
        let found = Character(UnicodeScalar(bytes[17]))
        guard expected == found else { throw .checkMismatch(expected: expected, found: found) }
    }

    /// The check character for a 17-character body (already upper case), or the problem with the body.
    public static func checkCharacter(forBody body: String) throws(Problem) -> Character {
        let bytes = Array(body.utf8)
        guard bytes.count == 17 else { throw .wrongLength(body.count) }
        var sum = 0
        for index in 0..<17 {
            let value = Int(valueOfByte[Int(bytes[index])])
            guard value >= 0 else {
                throw .invalidCharacter(position: index + 1, character: Character(UnicodeScalar(bytes[index])))
            }
            sum += value * weights[index]
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// A full, valid code made from a 17-character body.
    public static func completing(body: String) throws(Problem) -> USCC {
        let check = try checkCharacter(forBody: body)
        return USCC(trusted: body + String(check))
    }
}

extension StringProtocol {
    /// Trims ASCII and ideographic spaces, tabs and line breaks from both ends.
    public func trimmingSpaces() -> String {
        // Fast path: nothing to trim when neither end is a space (an ideographic space starts with 0xE3).
        let string = String(self)
        if let first = string.utf8.first, let last = string.utf8.last,
           first > 0x20, last > 0x20, first != 0xE3, last != 0x80 { return string }
        var start = startIndex
        var end = endIndex
        func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" || c == "\u{3000}" }
        while start < end, isSpace(self[start]) { start = index(after: start) }
        while end > start, isSpace(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }
}

extension USCC {
    /// The canonical code typed by a person (spaces trimmed, letters upper-cased), or `invalidUSCC` with why.
    public static func validated(_ raw: String) throws(DomainError) -> String {
        let text = raw.trimmingSpaces().uppercased()
        do { return try USCC(text).value } catch { throw DomainError.invalidUSCC(text, reason: error.message) }
    }
}
