import Foundation

/// What a one-time code sent by SMS confirms: that the person at the keyboard holds the phone on file, when they
/// register a firm or sign a loan contract (issue 16).
public enum OneTimeCodePurpose: String, Codable, Sendable, CaseIterable, Hashable {
    case registration
    case contractSigning = "contract_signing"

    public var label: String {
        switch self {
        case .registration: "企业用户注册"
        case .contractSigning: "签署借款合同"
        }
    }
}

/// How one-time codes behave: six digits, valid five minutes, five wrong tries, one new code a minute per subject.
public struct OneTimeCodeRules: Sendable, Equatable {
    public var digits: Int
    public var validity: TimeInterval
    public var maxAttempts: Int
    public var resendAfter: TimeInterval

    public init(digits: Int = 6, validity: TimeInterval = 300, maxAttempts: Int = 5, resendAfter: TimeInterval = 60) {
        self.digits = digits; self.validity = validity; self.maxAttempts = maxAttempts; self.resendAfter = resendAfter
    }

    /// A fresh code from the operating system's random source.
    public func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }

    /// The text sent: the code, what it is for, how long it lasts, and never to tell anyone.
    public func message(code: String, purpose: OneTimeCodePurpose) -> String {
        "【信易贷】验证码 \(code)，用于\(purpose.label)，\(Int(validity / 60)) 分钟内有效。请勿告知他人；如非本人操作，请忽略本短信。"
    }

    /// "138****0001": how a phone is named on pages that say where the code went.
    public static func masked(_ phone: String) -> String {
        guard phone.count >= 7 else { return phone }
        return String(phone.prefix(3)) + "****" + String(phone.suffix(4))
    }

    /// A mainland mobile number: 11 digits starting with 1.
    public static func isMobile(_ phone: String) -> Bool {
        phone.count == 11 && phone.hasPrefix("1") && phone.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
