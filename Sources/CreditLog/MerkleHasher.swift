import Crypto
import Foundation

/// RFC 6962 / RFC 9162 §2.1.1 hashing with SHA-256.
///
/// - the hash of an empty tree is SHA-256 of the empty string;
/// - a leaf hash is SHA-256(0x00 ‖ entry);
/// - an interior node hash is SHA-256(0x01 ‖ left ‖ right).
public enum MerkleHasher {
    /// The root of the empty tree: SHA-256("").
    public static let emptyRoot = MerkleHash(SHA256.hash(data: [UInt8]()))

    /// The leaf hash of one log entry.
    public static func leafHash(_ entry: some DataProtocol) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [UInt8(0x00)])
        hasher.update(data: entry)
        return MerkleHash(hasher.finalize())
    }

    /// The hash of an interior node from its two children.
    @inlinable
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var buffer = (
            UInt64(0), left.w0, left.w1, left.w2, left.w3, right.w0, right.w1, right.w2, right.w3
        )
        return withUnsafeMutableBytes(of: &buffer) { raw in
            // The prefix byte sits directly before the 64 child bytes.
            raw[7] = 0x01
            let message = UnsafeRawBufferPointer(rebasing: raw[7..<72])
            var hasher = SHA256()
            hasher.update(bufferPointer: message)
            return MerkleHash(hasher.finalize())
        }
    }
}
