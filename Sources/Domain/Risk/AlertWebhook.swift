import Crypto
import Foundation

/// What the platform posts to an institution's webhook when a new alert opens for it, and how it is signed: a
/// small JSON body (the alert's id, level, score, opening day and signal codes; no firm data, which the
/// institution reads through the API under its own rights), and the header
/// `X-Xyd-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the institution's secret>`, so the
/// receiver can check who sent it and refuse a replay of an old delivery.
public enum AlertWebhook {
    public static let signatureHeader = "X-Xyd-Signature"

    public struct Payload: Sendable, Equatable, Codable {
        public var event: String
        public var alertID: Int64
        public var level: WarningLevel
        public var score: Int
        public var openedOn: Day
        public var signals: [SignalCode]
        public init(alert: RiskAlert) {
            event = "risk_alert.opened"; alertID = alert.id; level = alert.level; score = alert.score
            openedOn = alert.openedOn; signals = alert.codes
        }
    }

    /// The body as sent: canonical JSON (sorted keys).
    public static func body(_ payload: Payload) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(payload)) ?? Data()
    }

    /// The signature header's value for `body` sent at `time`.
    public static func signature(body: Data, secret: String, at time: Date) -> String {
        let t = Int64(time.timeIntervalSince1970.rounded(.down))
        var signed = Data("\(t).".utf8)
        signed.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
        return "t=\(t),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// A new secret: 32 random bytes as hex, prefixed so it is recognisable in a bank's configuration.
    public static func newSecret() -> String {
        "whsec_" + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined()
    }

    /// The webhook's address checked: https (or http to this machine, for development), a host, at most 500
    /// characters, no user or password in it.
    public static func validated(url text: String) throws(DomainError) -> String {
        let trimmed = MarketplaceText.trimmed(text)
        guard !trimmed.isEmpty else { throw .invalidInput(field: "url", reason: "请填写接收预警的地址") }
        guard trimmed.count <= 500 else { throw .invalidInput(field: "url", reason: "地址不能超过 500 个字符") }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty,
              url.user == nil, url.password == nil else {
            throw .invalidInput(field: "url", reason: "地址格式有误，应为 https://主机/路径")
        }
        let local = ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
        guard scheme == "https" || (scheme == "http" && local) else {
            throw .invalidInput(field: "url", reason: "预警推送地址须使用 https（本机调试可用 http://127.0.0.1）")
        }
        return trimmed
    }
}
