import Crypto
import Foundation

/// A 32-byte SHA-256 value used throughout the transparency log: leaf hashes, node hashes and roots.
///
/// Stored inline as four machine words so that millions of nodes can be kept and compared without
/// heap allocations. The byte order of `bytes` is the digest's own order.
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    public static let byteCount = 32

    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64
    @usableFromInline var w3: UInt64

    /// Reads exactly 32 bytes from a raw buffer (the caller guarantees the count).
    @usableFromInline init(unchecked buffer: UnsafeRawBufferPointer) {
        w0 = buffer.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = buffer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = buffer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = buffer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// A hash from 32 raw bytes, or nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == MerkleHash.byteCount else { return nil }
        let array = Array(bytes)
        self = array.withUnsafeBytes { MerkleHash(unchecked: $0) }
    }

    /// A hash from 64 hexadecimal digits (either case), or nil.
    public init?(hex: some StringProtocol) {
        guard let bytes = TransparencyLogHex.decode(hex), bytes.count == MerkleHash.byteCount else { return nil }
        self.init(bytes: bytes)
    }

    /// A hash from its canonical standard base64 form (44 characters with padding), or nil.
    public init?(base64: some StringProtocol) {
        guard let bytes = TransparencyLogBase64.decodeCanonical(String(base64)), bytes.count == MerkleHash.byteCount else {
            return nil
        }
        self.init(bytes: bytes)
    }

    /// Wraps a SHA-256 digest.
    public init(_ digest: SHA256Digest) {
        self = digest.withUnsafeBytes { MerkleHash(unchecked: $0) }
    }

    /// Plain SHA-256 of arbitrary bytes (no domain separation prefix).
    public static func sha256(_ data: some DataProtocol) -> MerkleHash {
        MerkleHash(SHA256.hash(data: data))
    }

    /// Calls `body` with the 32 bytes of the hash.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var copy = (w0, w1, w2, w3)
        return try Swift.withUnsafeBytes(of: &copy) { try body($0) }
    }

    /// The 32 bytes of the hash.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Lower-case hexadecimal form (64 digits).
    public var hex: String { TransparencyLogHex.encode(bytes) }

    /// Standard base64 form with padding, as used in checkpoints.
    public var base64: String { Data(bytes).base64EncodedString() }

    public var description: String { hex }
}

/// Lower-case hexadecimal encoding of bytes.
enum TransparencyLogHex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Standard (RFC 4648 §4) base64 with padding, decoded strictly.
enum TransparencyLogBase64 {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Decodes only the canonical encoding: the text must re-encode to itself, so no whitespace,
    /// no missing padding and no non-zero trailing bits are accepted.
    static func decodeCanonical(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, let data = Data(base64Encoded: text) else { return nil }
        guard data.base64EncodedString() == text else { return nil }
        return [UInt8](data)
    }
}
