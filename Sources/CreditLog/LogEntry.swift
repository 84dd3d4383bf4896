import Domain
import Foundation

/// Why a log entry was rejected.
public enum LogEntryError: Error, Equatable, Sendable {
    case missingAttribute(kind: LogEntry.Kind, key: String)
    case invalidAttributeKey(String)
    case invalidValue(key: String)
    case timeOutOfRange
    case unknownKind(String)
    case unsupportedVersion(Int)
    case malformed
    case notCanonical

    /// The reason in Chinese.
    public var message: String {
        switch self {
        case .missingAttribute(let kind, let key):
            "“\(kind.title)”类日志条目缺少必填字段“\(key)”"
        case .invalidAttributeKey(let key):
            "字段名“\(key)”无效：应以小写字母开头，只含字母和数字，不超过64个字符"
        case .invalidValue(let key):
            "字段“\(key)”的值无效：只能是1–256个字母、数字或 -._:/@+= 组成的标识符或摘要，不得包含个人或信用数据"
        case .timeOutOfRange:
            "时间超出范围（应在1970年至9999年之间）"
        case .unknownKind(let kind):
            "未知的日志条目类型“\(kind)”"
        case .unsupportedVersion(let version):
            "不支持的日志条目格式版本\(version)"
        case .malformed:
            "日志条目不是有效的 JSON 对象或缺少字段"
        case .notCanonical:
            "日志条目不是规范编码（键须排序、无空白、字段固定）"
        }
    }
}

/// One entry of the transparency log: what happened, when, by whom, and the identifiers and digests
/// that pin it down. It never holds personal or credit data — people and records are referred to by
/// internal identifiers or SHA-256 digests, and values are restricted to identifier characters.
///
/// Canonical encoding (what is leaf-hashed): UTF-8 JSON with keys sorted, no white space, fixed fields
///
///     {"actor":"…","attributes":{"a":"…","b":"…"},"kind":"dataAccess","time":"2025-01-02T03:04:05Z","v":1}
///
/// with the time in UTC at whole seconds. New kinds or attributes extend it without changing old
/// entries; a change of the encoding itself would raise `v`.
public struct LogEntry: Hashable, Sendable {
    /// The kinds of events the platform logs.
    public enum Kind: String, CaseIterable, Sendable {
        case dataAccess
        case batchIngested
        case evaluation
        case authorisationGranted
        case authorisationRevoked
        case applicationDecision
        case loanStatusReported
        case objection
        case repair
        case fundDecision
        case recommendation
        case recommendationPush
        case redList
        case publicationConsent
        case riskAlert
        case riskAlertResponse
        case listing
        case statistics
        case coupon
        case jointModel

        /// Attributes every entry of this kind must have (others may be added).
        public var requiredAttributes: [String] {
            switch self {
            case .dataAccess: ["subject", "purpose", "authorisation"]
            case .batchIngested: ["source", "batch", "records", "digest"]
            case .evaluation: ["subject", "model", "inputDigest", "resultDigest"]
            case .authorisationGranted: ["authorisation", "subject", "grantee", "scopeDigest"]
            case .authorisationRevoked: ["authorisation", "subject"]
            case .applicationDecision: ["application", "lender", "decision"]
            case .loanStatusReported: ["loan", "lender", "status"]
            case .objection: ["objection", "subject", "target"]
            case .repair: ["repair", "subject", "digest"]
            case .fundDecision: ["fund", "application", "decision"]
            case .recommendation: ["entry", "subject", "step", "status"]
            case .recommendationPush: ["push", "entry", "subject", "institution", "status"]
            case .redList: ["entry", "subject", "step", "status"]
            case .publicationConsent: ["subject", "kind", "granted"]
            case .riskAlert: ["alert", "subject", "institution", "level", "detailDigest"]
            case .riskAlertResponse: ["alert", "subject", "institution", "action", "status", "detailDigest"]
            case .listing: ["listing", "subject", "step", "status"]
            case .statistics: ["period", "step", "digest"]
            case .coupon: ["programme", "coupon", "step", "status"]
            case .jointModel: ["run", "institution", "step", "featureDigest", "ids", "modelDigest"]
            }
        }

        /// The kind's name in Chinese.
        public var title: String {
            switch self {
            case .dataAccess: "数据查询"
            case .batchIngested: "数据批次入库"
            case .evaluation: "信用评价"
            case .authorisationGranted: "授权"
            case .authorisationRevoked: "撤销授权"
            case .applicationDecision: "融资申请审批"
            case .loanStatusReported: "贷款状态报送"
            case .objection: "异议"
            case .repair: "信用修复"
            case .fundDecision: "风险补偿基金决定"
            case .recommendation: "推荐清单"
            case .recommendationPush: "推荐清单推送与反馈"
            case .redList: "守信激励名单"
            case .publicationConsent: "公示同意"
            case .riskAlert: "贷后风险预警"
            case .riskAlertResponse: "金融机构预警反馈"
            case .listing: "失信名单认定"
            case .statistics: "统计结账与通报"
            case .coupon: "数字信用券"
            case .jointModel: "联合建模"
            }
        }
    }

    /// The encoding version written in `v`.
    public static let version = 1

    public let kind: Kind
    /// POSIX seconds (UTC) of the event.
    public let seconds: Int64
    /// Who acted: a staff, organisation or system identifier.
    public let actor: String
    /// Identifiers and digests, by attribute name.
    public let attributes: [String: String]

    /// A new entry; the time is truncated to whole seconds.
    public init(kind: Kind, time: Date, actor: String, attributes: [String: String]) throws(LogEntryError) {
        let interval = time.timeIntervalSince1970.rounded(.down)
        guard interval >= 0, interval <= Double(LogEntryTimestamp.maxSeconds) else { throw .timeOutOfRange }
        try self.init(kind: kind, seconds: Int64(interval), actor: actor, attributes: attributes)
    }

    public init(kind: Kind, seconds: Int64, actor: String, attributes: [String: String]) throws(LogEntryError) {
        guard seconds >= 0, seconds <= LogEntryTimestamp.maxSeconds else { throw .timeOutOfRange }
        guard LogEntry.isValidValue(actor) else { throw .invalidValue(key: "actor") }
        for (key, value) in attributes {
            guard LogEntry.isValidKey(key) else { throw .invalidAttributeKey(key) }
            guard LogEntry.isValidValue(value) else { throw .invalidValue(key: key) }
        }
        for key in kind.requiredAttributes where attributes[key] == nil {
            throw .missingAttribute(kind: kind, key: key)
        }
        self.kind = kind
        self.seconds = seconds
        self.actor = actor
        self.attributes = attributes
    }

    /// Decodes an entry, accepting only its canonical encoding.
    public init(canonicalBytes bytes: [UInt8]) throws(LogEntryError) {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                throw LogEntryError.malformed
            }
            object = parsed
        } catch {
            throw .malformed
        }
        guard let kindText = object["kind"] as? String, let actor = object["actor"] as? String,
            let timeText = object["time"] as? String, let attributes = object["attributes"] as? [String: String],
            let version = object["v"] as? Int
        else { throw .malformed }
        guard version == LogEntry.version else { throw .unsupportedVersion(version) }
        guard let kind = Kind(rawValue: kindText) else { throw .unknownKind(kindText) }
        guard let seconds = LogEntryTimestamp.parse(timeText) else { throw .timeOutOfRange }
        try self.init(kind: kind, seconds: seconds, actor: actor, attributes: attributes)
        guard canonicalBytes == bytes else { throw .notCanonical }
    }

    /// The event time.
    public var time: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// The canonical JSON text.
    public var canonicalText: String {
        // Keys and values are restricted to characters JSON never escapes, so plain quoting is exact.
        let sortedKeys = attributes.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let members = sortedKeys.map { "\"\($0)\":\"\(attributes[$0] ?? "")\"" }.joined(separator: ",")
        return "{\"actor\":\"\(actor)\",\"attributes\":{\(members)},\"kind\":\"\(kind.rawValue)\","
            + "\"time\":\"\(LogEntryTimestamp.format(seconds))\",\"v\":\(LogEntry.version)}"
    }

    /// The canonical encoding: the bytes the log commits to.
    public var canonicalBytes: [UInt8] { Array(canonicalText.utf8) }

    /// The RFC 6962 leaf hash of the canonical encoding.
    public var leafHash: MerkleHash { MerkleHasher.leafHash(canonicalBytes) }

    /// A digest attribute value for some bytes: `sha256:` and 64 hexadecimal digits.
    public static func digest(of data: some DataProtocol) -> String {
        "sha256:" + MerkleHash.sha256(data).hex
    }

    /// `value` itself when it is a valid attribute value (an identifier), otherwise its digest: free text,
    /// names and anything else that could carry personal data never enter an entry.
    public static func identifierOrDigest(_ value: String) -> String {
        isValidValue(value) ? value : digest(of: Array(value.utf8))
    }

    static func isValidKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard let first = bytes.first, bytes.count <= 64, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return false
        }
        return bytes.allSatisfy { isAlphanumeric($0) }
    }

    static func isValidValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 256 else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || Array("-._:/@+=".utf8).contains($0) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// ISO 8601 UTC timestamps at whole seconds (`2025-01-02T03:04:05Z`), computed without formatters.
enum LogEntryTimestamp {
    /// 9999-12-31T23:59:59Z.
    static let maxSeconds: Int64 = 253_402_300_799

    static func format(_ seconds: Int64) -> String {
        let days = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (year, month, day) = civil(fromDays: days.quotient)
        let secondOfDay = days.remainder
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let seconds = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        // Reject impossible dates such as 02-30 by formatting back.
        guard seconds >= 0, seconds <= maxSeconds, format(seconds) == text else { return nil }
        return seconds
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let date = CivilCalendar.date(days: Int(days))
        return (Int64(date.year), Int64(date.month), Int64(date.day))
    }

    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        Int64(CivilCalendar.days(year: Int(year), month: Int(month), day: Int(day)))
    }
}
