import Foundation
import Testing

@testable import CreditLog

@Suite("Canonical log entries")
struct LogEntryTests {
    static func sample() throws -> LogEntry {
        try LogEntry(
            kind: .dataAccess, time: Date(timeIntervalSince1970: 1_735_787_045.75), actor: "staff:0042",
            attributes: [
                "subject": "91350100M000100Y43", "purpose": "loanReview", "authorisation": "auth-7f3a",
                "applicationDigest": LogEntry.digest(of: Array("application 1".utf8)),
            ])
    }

    @Test("canonical bytes: sorted keys, no white space, UTC seconds")
    func canonical() throws {
        let entry = try Self.sample()
        let digest = LogEntry.digest(of: Array("application 1".utf8))
        #expect(entry.canonicalText == """
            {"actor":"staff:0042","attributes":{"applicationDigest":"\(digest)","authorisation":"auth-7f3a",\
            "purpose":"loanReview","subject":"91350100M000100Y43"},"kind":"dataAccess",\
            "time":"2025-01-02T03:04:05Z","v":1}
            """)
        #expect(entry.leafHash == MerkleHasher.leafHash(entry.canonicalBytes))
        #expect(entry.seconds == 1_735_787_045)
        #expect(digest.hasPrefix("sha256:") && digest.count == 71)
    }

    @Test("decoding accepts only the canonical form")
    func decoding() throws {
        let entry = try Self.sample()
        #expect(try LogEntry(canonicalBytes: entry.canonicalBytes) == entry)
        let text = entry.canonicalText
        let variants = [
            text.replacingOccurrences(of: ",\"kind\"", with: ", \"kind\""),
            text.replacingOccurrences(of: "\"v\":1", with: "\"v\":1.0"),
            text.replacingOccurrences(of: "05Z", with: "05.000Z"),
            "{\"kind\":\"dataAccess\"," + text.dropFirst().replacingOccurrences(of: ",\"kind\":\"dataAccess\"", with: ""),
            text.replacingOccurrences(of: "}", with: ",\"extra\":\"x\"}"),
            text + "\n",
        ]
        for variant in variants {
            #expect(throws: LogEntryError.self, "\(variant)") { try LogEntry(canonicalBytes: Array(variant.utf8)) }
        }
        #expect(throws: LogEntryError.unsupportedVersion(2)) {
            try LogEntry(canonicalBytes: Array(text.replacingOccurrences(of: "\"v\":1", with: "\"v\":2").utf8))
        }
        #expect(throws: LogEntryError.unknownKind("gossip")) {
            try LogEntry(canonicalBytes: Array(text.replacingOccurrences(of: "dataAccess", with: "gossip").utf8))
        }
        #expect(throws: LogEntryError.malformed) { try LogEntry(canonicalBytes: Array("[]".utf8)) }
    }

    @Test("only identifiers and digests: free text and personal data shapes are refused")
    func validation() throws {
        let time = Date(timeIntervalSince1970: 0)
        let base = ["authorisation": "a1", "subject": "s1", "purpose": "p1"]
        #expect(throws: LogEntryError.invalidValue(key: "subject")) {
            try LogEntry(kind: .dataAccess, time: time, actor: "x", attributes: base.merging(["subject": "张三"]) { $1 })
        }
        #expect(throws: LogEntryError.invalidValue(key: "purpose")) {
            try LogEntry(kind: .dataAccess, time: time, actor: "x", attributes: base.merging(["purpose": "two words"]) { $1 })
        }
        #expect(throws: LogEntryError.invalidValue(key: "actor")) {
            try LogEntry(kind: .dataAccess, time: time, actor: "", attributes: base)
        }
        #expect(throws: LogEntryError.invalidAttributeKey("Subject")) {
            try LogEntry(kind: .dataAccess, time: time, actor: "x", attributes: base.merging(["Subject": "s"]) { $1 })
        }
        #expect(throws: LogEntryError.missingAttribute(kind: .dataAccess, key: "purpose")) {
            try LogEntry(kind: .dataAccess, time: time, actor: "x", attributes: ["authorisation": "a1", "subject": "s1"])
        }
        #expect(throws: LogEntryError.timeOutOfRange) {
            try LogEntry(kind: .dataAccess, time: Date(timeIntervalSince1970: -1), actor: "x", attributes: base)
        }
        #expect(LogEntryError.missingAttribute(kind: .repair, key: "digest").message.contains("信用修复"))
    }

    @Test("every kind encodes and decodes")
    func everyKind() throws {
        for (offset, kind) in LogEntry.Kind.allCases.enumerated() {
            var attributes = [String: String]()
            for key in kind.requiredAttributes { attributes[key] = "\(key)-\(offset)" }
            let entry = try LogEntry(kind: kind, seconds: Int64(offset) * 86_400, actor: "system", attributes: attributes)
            #expect(try LogEntry(canonicalBytes: entry.canonicalBytes) == entry)
            #expect(!kind.title.isEmpty)
        }
        #expect(LogEntry.Kind.allCases.count == 20)
    }

    @Test("UTC formatting matches Foundation across the range")
    func utc() throws {
        #expect(LogEntryTimestamp.format(0) == "1970-01-01T00:00:00Z")
        #expect(LogEntryTimestamp.format(951_827_696) == "2000-02-29T12:34:56Z")
        #expect(LogEntryTimestamp.format(LogEntryTimestamp.maxSeconds) == "9999-12-31T23:59:59Z")
        #expect(LogEntryTimestamp.parse("2023-02-29T00:00:00Z") == nil)
        #expect(LogEntryTimestamp.parse("2024-13-01T00:00:00Z") == nil)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var random = MerkleTestRandom(seed: 7)
        for _ in 0..<500 {
            let seconds = Int64.random(in: 0...LogEntryTimestamp.maxSeconds, using: &random)
            let text = LogEntryTimestamp.format(seconds)
            #expect(text == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
            #expect(LogEntryTimestamp.parse(text) == seconds)
        }
    }
}
