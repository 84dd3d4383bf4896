import Domain
import Persistence
import Services
import Vapor
import Views

/// Amounts typed by people: yuan with at most two decimals.
enum Money {
    static func cents(_ text: String?, field: String) throws -> Cents {
        let raw = (text ?? "").trimmingSpaces().replacingOccurrences(of: ",", with: "")
        guard let value = Decimal(string: raw), value > 0, value < 10_000_000_000 else {
            throw DomainError.invalidInput(field: field, reason: "应为大于 0 的金额（元），如 500000 或 1234.56")
        }
        var cents = value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        guard rounded == cents else { throw DomainError.invalidInput(field: field, reason: "最多保留两位小数") }
        return Cents(NSDecimalNumber(decimal: rounded).int64Value)
    }

    /// A rate typed as a percentage ("4.35") in basis points (435).
    static func basisPoints(_ text: String?, field: String) throws -> Int {
        guard let value = Double((text ?? "").trimmingSpaces()), value >= 0, value <= 100 else {
            throw DomainError.invalidInput(field: field, reason: "应为年利率百分数，如 4.35")
        }
        return Int((value * 100).rounded())
    }
}

