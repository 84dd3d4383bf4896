import Crypto
import Foundation

/// The bank's part of a joint model: weights over its own features and the intercept. Stays with the bank.
public struct HeteroLRGuestModel: Sendable, Codable, Equatable {
    public let runId: String
    public let featureNames: [String]
    public let weights: [Double]
    public let intercept: Double

    /// Canonical bytes for the digest: tag, run id, then each name (length-prefixed UTF-8) with its weight as
    /// IEEE-754 bits, big-endian; the intercept last.
    public var canonicalBytes: [UInt8] {
        var out = CanonicalBytes(tag: "xinyidai.jointmodel.guest.v1", runId: runId)
        for (name, w) in zip(featureNames, weights) { out.append(name); out.append(w) }
        out.append(intercept)
        return out.bytes
    }

    public var digest: [UInt8] { Array(SHA256.hash(data: canonicalBytes)) }
}

/// The credit center's part: weights over its features (no intercept). Stays with the center.
public struct HeteroLRHostModel: Sendable, Codable, Equatable {
    public let runId: String
    public let featureNames: [String]
    public let weights: [Double]

    public var canonicalBytes: [UInt8] {
        var out = CanonicalBytes(tag: "xinyidai.jointmodel.host.v1", runId: runId)
        for (name, w) in zip(featureNames, weights) { out.append(name); out.append(w) }
        return out.bytes
    }

    public var digest: [UInt8] { Array(SHA256.hash(data: canonicalBytes)) }
}

/// The joint model's digest for the transparency log: SHA-256 over both parts' SHA-256 digests. Each party
/// computes its part's digest and sends it to the other (weights stay private), so both log the same value and
/// either can later prove its part by showing its canonical bytes.
public enum JointModelDigest {
    public static func combine(guestPart: [UInt8], hostPart: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("xinyidai.jointmodel.v1".utf8))
        hasher.update(data: guestPart)
        hasher.update(data: hostPart)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

struct CanonicalBytes {
    private(set) var bytes: [UInt8] = []

    init(tag: String, runId: String) { append(tag); append(runId) }

    mutating func append(_ text: String) {
        let utf8 = Array(text.utf8)
        withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: utf8)
    }

    mutating func append(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
