import Domain
import Foundation
import Logging
import NIOConcurrencyHelpers

/// Sends a text message to a mobile phone. A city connects its SMS gateway behind this; the platform ships the
/// log sender below for the demo and the tests.
public protocol SMSSender: Sendable {
    func send(to phone: String, text: String) async throws
}

/// Writes each message to the service log (the demo's operator reads codes there) and keeps the last 200 in
/// memory, so the tests and the demo's own pages can read what was "sent".
public final class LogSMSSender: SMSSender {
    public struct Message: Sendable, Equatable {
        public var phone: String
        public var text: String
        public var at: Date
    }

    private let logger: Logger
    private let outbox = NIOLockedValueBox<[Message]>([])

    public init(logger: Logger = Logger(label: "xyd.sms")) { self.logger = logger }

    public func send(to phone: String, text: String) async throws {
        // The number masked: the log is read by operators, the phone is personal data.
        logger.notice("短信 → \(OneTimeCodeRules.masked(phone))：\(text)")
        outbox.withLockedValue {
            $0.append(Message(phone: phone, text: text, at: Date()))
            if $0.count > 200 { $0.removeFirst($0.count - 200) }
        }
    }

    /// The messages sent to `phone`, oldest first.
    public func messages(to phone: String) -> [Message] { outbox.withLockedValue { $0.filter { $0.phone == phone } } }

    /// The digits of the last code sent to `phone`, if any.
    public func lastCode(to phone: String) -> String? {
        messages(to: phone).last.flatMap { Self.code(in: $0.text) }
    }

    /// The last code sent to the phone a page names masked ("138****0001").
    public func lastCode(toMasked masked: String) -> String? {
        let ends = masked.components(separatedBy: "****")
        guard ends.count == 2 else { return nil }
        return outbox.withLockedValue { $0.last { $0.phone.hasPrefix(ends[0]) && $0.phone.hasSuffix(ends[1]) } }.flatMap { Self.code(in: $0.text) }
    }

    static func code(in text: String) -> String? {
        text.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }.map(String.init)
    }
}
