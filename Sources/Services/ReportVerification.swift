import CreditLog
import Domain
import Foundation
import Persistence

/// A printed credit report carries its number (the logged read it is) and a verification code (the first 16 hex
/// digits of that read's transparency-log leaf hash). Anyone holding the report checks the pair here: the code must
/// match the read as stored, and the read must be in the log — so a report cannot be forged, nor its read hidden.
public enum ReportVerification {
    public struct Number: Sendable, Equatable {
        public static let prefix = "XYD-R-"
        public let accessID: Int64
        public init(accessID: Int64) { self.accessID = accessID }
        public var text: String { Self.prefix + String(format: "%010lld", accessID) }

        /// "XYD-R-0000000042" (or just 42); nil for anything else.
        public init?(_ text: String) {
            let trimmed = text.trimmingSpaces().uppercased()
            let digits = trimmed.hasPrefix(Self.prefix) ? String(trimmed.dropFirst(Self.prefix.count)) : trimmed
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCII), let id = Int64(digits), id > 0 else { return nil }
            accessID = id
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var isGenuine: Bool
        public var message: String
        /// What the genuine report was: who read whose data, when, under which authorisation, at which log index.
        public var institutionID: Int64?
        public var uscc: String?
        public var at: Date?
        public var authorisationID: Int64?
        public var logIndex: UInt64?
    }

    public static func code(for access: AuthorisationStore.Access) throws -> String {
        String(try LogEvents.dataAccess(access, id: access.id).leafHash.hex.prefix(16))
    }

    /// The code of a report just read (its access row is written by then).
    public static func code(_ context: ServiceContext, accessID: Int64, uscc: String) async throws -> String {
        guard let access = try await context.authorisationStore.access(id: accessID, uscc: uscc) else {
            throw DomainError.notFound("该查询记录")
        }
        return try code(for: access)
    }

    public static func verify(_ context: ServiceContext, number: String, code: String) async throws -> Outcome {
        let refused = Outcome(isGenuine: false, message: "核验未通过：报告编号与验证码不匹配，该报告不是本平台出具的，或已被改动")
        guard let number = Number(number) else {
            throw DomainError.invalidInput(field: "报告编号", reason: "应为 XYD-R- 开头的报告编号，如 XYD-R-0000000042")
        }
        let typed = code.trimmingSpaces().lowercased()
        guard typed.count == 16, typed.allSatisfy(\.isHexDigit) else {
            throw DomainError.invalidInput(field: "验证码", reason: "应为报告上印的 16 位验证码（数字与 a–f）")
        }
        guard let access = try await context.authorisationStore.access(id: number.accessID), try Self.code(for: access) == typed else {
            return refused
        }
        let entry = try LogEvents.dataAccess(access, id: access.id)
        let stored = try await context.logStore.entry(leafHash: entry.leafHash)
        var outcome = Outcome(isGenuine: true, message: "", institutionID: access.institutionID, uscc: access.uscc, at: access.at,
                              authorisationID: access.authorisationID, logIndex: stored?.index)
        if let stored {
            outcome.message = "核验通过：该报告是本平台依据企业授权出具的，其查询记录是透明日志第 \(stored.index) 条"
        } else if try await context.logStore.isPending(entry) {
            outcome.message = "核验通过：该报告是本平台出具的，其查询记录正在写入透明日志（通常在一秒内完成）"
        } else {
            return Outcome(isGenuine: false, message: "核验未通过：该报告的查询记录与透明日志不符，请联系信用中心")
        }
        return outcome
    }
}
