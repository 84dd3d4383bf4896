import Domain
import Foundation
import Persistence

/// One-time codes by SMS, the second factor of registration and of signing a loan contract (issue 16).
public enum OneTimeCodes {
    public static let rules = OneTimeCodeRules()

    /// Sends a new code for `subject` (an application id, a registration) to `phone`; returns the masked phone.
    @discardableResult
    public static func send(_ context: ServiceContext, purpose: OneTimeCodePurpose, subject: String, phone: String?) async throws -> String {
        guard let phone = phone?.trimmingCharacters(in: .whitespaces), OneTimeCodeRules.isMobile(phone) else {
            throw DomainError.invalidInput(field: "手机号", reason: "没有可接收验证码的手机号（应为 11 位手机号码）")
        }
        let code = rules.newCode()
        try await OneTimeCodeStore(database: context.database).issue(purpose: purpose, subject: subject, phone: phone, code: code,
                                                                     rules: rules, at: context.clock.now())
        try await context.runtime.sms.send(to: phone, text: rules.message(code: code, purpose: purpose))
        return OneTimeCodeRules.masked(phone)
    }

    /// What to tell the user where the code went when no SMS gateway is plugged in (the demo): the service log.
    public static func deliveryNote(_ context: ServiceContext) -> String {
        context.runtime.sms is LogSMSSender ? "（本环境未接入短信网关，验证码已写入服务日志）" : ""
    }

    /// Checks `code` for `subject` and uses it up; throws a Chinese error naming what is wrong. Returns the phone it
    /// was sent to.
    @discardableResult
    public static func verify(_ context: ServiceContext, purpose: OneTimeCodePurpose, subject: String, code: String?) async throws -> String {
        let code = (code ?? "").trimmingCharacters(in: .whitespaces)
        guard code.count == rules.digits, code.allSatisfy(\.isNumber) else {
            throw DomainError.invalidInput(field: "验证码", reason: "请输入短信中的 \(rules.digits) 位验证码")
        }
        switch try await OneTimeCodeStore(database: context.database).check(purpose: purpose, subject: subject, code: code, rules: rules,
                                                                           at: context.clock.now()) {
        case .accepted(let phone): return phone
        case .wrong(let left) where left > 0:
            throw DomainError.invalidInput(field: "验证码", reason: "验证码不正确，还可尝试 \(left) 次")
        case .wrong: throw DomainError.invalidInput(field: "验证码", reason: "验证码错误次数过多，请重新获取")
        case .expired: throw DomainError.invalidInput(field: "验证码", reason: "验证码已过期，请重新获取")
        case .none: throw DomainError.invalidInput(field: "验证码", reason: "请先获取验证码")
        }
    }
}
