import Crypto

/// Ed25519 witness cosignatures, version 1 (c2sp.org/tlog-cosignature).
///
/// The signature line is `— <witness name> base64(keyID ‖ timestamp ‖ signature)` where the key ID uses
/// signature type 0x04, the timestamp is a big-endian uint64 of POSIX seconds (at most 2^63 − 1), and
/// the Ed25519 signature covers `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint's
/// whole note text.
public enum CosignatureV1 {
    /// The header line giving domain separation.
    public static let header = "cosignature/v1"
    /// The largest timestamp allowed.
    public static let maxTimestamp = UInt64(Int64.max)

    /// The message the cosigner's Ed25519 key signs.
    public static func signedMessage(checkpointText: [UInt8], timestamp: UInt64) -> [UInt8] {
        Array("\(header)\ntime \(timestamp)\n".utf8) + checkpointText
    }

    /// The timestamp carried by a cosignature, or nil if the signature has the wrong length.
    public static func timestamp(of signature: NoteSignature) -> UInt64? {
        guard signature.signature.count == 72 else { return nil }
        return signature.signature[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}

/// Verifies Ed25519 v1 cosignatures of one witness.
public struct CosignatureV1Verifier: NoteVerifier, Ed25519PublicKeyHolder {
    public let key: Ed25519NoteKey
    public static let signatureType = NoteSignatureType.cosignatureV1
    public init(_ key: Ed25519NoteKey) { self.key = key }

    public func verify(text: [UInt8], signature: [UInt8]) -> Bool {
        guard signature.count == 72 else { return false }
        let timestamp = signature[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard timestamp <= CosignatureV1.maxTimestamp else { return false }
        let message = CosignatureV1.signedMessage(checkpointText: text, timestamp: timestamp)
        return publicKey.isValidSignature(signature[8...], for: message)
    }
}

/// Produces Ed25519 v1 cosignatures for one witness.
public struct CosignatureV1Signer: Ed25519KeyHolder {
    public let signing: Ed25519SigningKey
    public static let signatureType = NoteSignatureType.cosignatureV1
    public init(signing: Ed25519SigningKey) { self.signing = signing }

    /// The matching verifier.
    public var verifier: CosignatureV1Verifier { CosignatureV1Verifier(signing.key) }

    /// The cosignature line for a checkpoint note text at the given time (POSIX seconds).
    public func cosign(checkpointText: String, timestamp: UInt64) throws(NoteError) -> NoteSignature {
        guard timestamp <= CosignatureV1.maxTimestamp else { throw .timestampOutOfRange(timestamp) }
        let text = Array(checkpointText.utf8)
        try SignedNote.validateText(text)
        let message = CosignatureV1.signedMessage(checkpointText: text, timestamp: timestamp)
        let signature = try signing.signature(for: message)
        let stamp = (0..<8).map { UInt8(timestamp >> UInt64(56 - 8 * $0) & 0xFF) }
        return try NoteSignature(name: name, keyID: keyID, signature: stamp + signature)
    }

    /// The cosignature line for a checkpoint at the given time (POSIX seconds).
    public func cosign(_ checkpoint: LogCheckpoint, timestamp: UInt64) throws(NoteError) -> NoteSignature {
        try cosign(checkpointText: checkpoint.text, timestamp: timestamp)
    }
}
