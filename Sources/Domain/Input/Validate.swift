import Foundation

/// Form input checks shared by the portals, each failing with the field's Chinese name.
public enum Validate {
    public static func text(_ value: String?, field: String, max: Int = 200) throws -> String {
        let text = (value ?? "").trimmingSpaces()
        guard !text.isEmpty else { throw DomainError.invalidInput(field: field, reason: "不能为空") }
        guard text.count <= max else { throw DomainError.invalidInput(field: field, reason: "不能超过 \(max) 个字") }
        return text
    }

    public static func code(_ value: String?, field: String) throws -> String {
        let text = try self.text(value, field: field, max: 40)
        guard text.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) }) else {
            throw DomainError.invalidInput(field: field, reason: "只能包含英文字母、数字和 - _ .")
        }
        return text
    }

    public static func password(_ value: String?) throws -> String {
        let password = value ?? ""
        guard password.count >= 10 else { throw DomainError.invalidInput(field: "密码", reason: "至少 10 位") }
        return password
    }

    public static func phone(_ value: String?) throws -> String {
        let digits = (value ?? "").trimmingSpaces()
        guard digits.count == 11, digits.hasPrefix("1"), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            throw DomainError.invalidInput(field: "手机号", reason: "应为 11 位手机号码")
        }
        return digits
    }

    public static func int(_ value: String?, field: String, range: ClosedRange<Int>) throws -> Int {
        guard let number = Int((value ?? "").trimmingSpaces()), range.contains(number) else {
            throw DomainError.invalidInput(field: field, reason: "应为 \(range.lowerBound)–\(range.upperBound) 的整数")
        }
        return number
    }

    public static func day(_ value: String?, field: String) throws -> Day {
        guard let day = Day(iso: (value ?? "").trimmingSpaces()) else {
            throw DomainError.invalidInput(field: field, reason: "应为日期，如 2026-12-31")
        }
        return day
    }
}
