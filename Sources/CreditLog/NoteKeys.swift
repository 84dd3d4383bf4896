import Crypto
import Foundation

/// Checks signatures of one key on signed notes (as Go's `note.Verifier`).
public protocol NoteVerifier: Sendable {
    /// The key name shown in signature lines.
    var name: String { get }
    /// The 32-bit key ID that starts each signature.
    var keyID: UInt32 { get }
    /// Whether `signature` (without the 4-byte key ID) is valid for the note text.
    func verify(text: [UInt8], signature: [UInt8]) -> Bool
}

/// Signs note texts with one key (as Go's `note.Signer`).
public protocol NoteSigner: Sendable {
    var name: String { get }
    var keyID: UInt32 { get }
    /// The signature of the note text, without the 4-byte key ID.
    func sign(text: [UInt8]) throws(NoteError) -> [UInt8]
}

/// Signature type identifier bytes of C2SP signed-note.
public enum NoteSignatureType {
    /// Ed25519 signatures over the note text.
    public static let ed25519: UInt8 = 0x01
    /// Timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature).
    public static let cosignatureV1: UInt8 = 0x04
}

/// Key IDs: the first four bytes, big-endian, of SHA-256(name ‖ 0x0A ‖ type ‖ public key).
public enum NoteKeyID {
    public static func compute(name: String, type: UInt8, publicKey: some DataProtocol) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8))
        hasher.update(data: [UInt8(0x0A), type])
        hasher.update(data: publicKey)
        let digest = Array(hasher.finalize())
        return UInt32(digest[0]) << 24 | UInt32(digest[1]) << 16 | UInt32(digest[2]) << 8 | UInt32(digest[3])
    }

    /// Eight lower-case hexadecimal digits.
    public static func hex(_ keyID: UInt32) -> String {
        TransparencyLogHex.encode(bigEndianBytes(keyID))
    }

    static func bigEndianBytes(_ keyID: UInt32) -> [UInt8] {
        [UInt8(keyID >> 24), UInt8(keyID >> 16 & 0xFF), UInt8(keyID >> 8 & 0xFF), UInt8(keyID & 0xFF)]
    }
}

/// Key names must be non-empty and contain neither Unicode white space nor "+".
enum NoteKeyName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "+" || $0.value < 0x20 }
    }

    static func validate(_ name: String) throws(NoteError) {
        guard isValid(name) else { throw .invalidKeyName(name) }
    }
}

/// The text forms of note keys, as Go's `sumdb/note`:
/// verifier key `name+hexkeyid+base64(type ‖ public key)`,
/// signer key `PRIVATE+KEY+name+hexkeyid+base64(type ‖ private key)`.
struct NoteKeyText {
    static let privatePrefix = "PRIVATE+KEY+"

    let name: String
    let keyID: UInt32
    let type: UInt8
    let material: [UInt8]

    /// The 32 bytes of an Ed25519 key of the expected signature type.
    func ed25519Material(type expected: UInt8) throws(NoteError) -> [UInt8] {
        guard type == expected else { throw .unsupportedAlgorithm(type) }
        guard material.count == 32 else { throw .wrongKeyLength(expected: 32, found: material.count) }
        return material
    }

    static func parse(_ text: String) throws(NoteError) -> NoteKeyText {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedKey }
        let name = String(parts[0])
        try NoteKeyName.validate(name)
        guard parts[1].utf8.count == 8, let idBytes = TransparencyLogHex.decode(parts[1]) else { throw .malformedKey }
        let keyID = idBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        guard let key = TransparencyLogBase64.decodeCanonical(String(parts[2])), let type = key.first else {
            throw .malformedKey
        }
        return NoteKeyText(name: name, keyID: keyID, type: type, material: Array(key.dropFirst()))
    }

    static func parsePrivate(_ text: String) throws(NoteError) -> NoteKeyText {
        guard text.hasPrefix(privatePrefix) else { throw .malformedKey }
        return try parse(String(text.dropFirst(privatePrefix.count)))
    }

    static func format(name: String, keyID: UInt32, type: UInt8, material: [UInt8]) -> String {
        "\(name)+\(NoteKeyID.hex(keyID))+\(TransparencyLogBase64.encode([type] + material))"
    }
}

/// An Ed25519 key pair's parts as used by note keys of a given signature type.
public struct Ed25519NoteKey: Sendable {
    let name: String
    let keyID: UInt32
    let type: UInt8
    let publicKey: Curve25519.Signing.PublicKey

    init(name: String, type: UInt8, publicKey: Curve25519.Signing.PublicKey) throws(NoteError) {
        try NoteKeyName.validate(name)
        self.name = name
        self.type = type
        self.publicKey = publicKey
        self.keyID = NoteKeyID.compute(name: name, type: type, publicKey: publicKey.rawRepresentation)
    }

    /// Parses and checks a verifier key text of the expected type.
    init(verifierKey text: String, type: UInt8) throws(NoteError) {
        let parsed = try NoteKeyText.parse(text)
        let material = try parsed.ed25519Material(type: type)
        guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: material) else {
            throw .malformedKey
        }
        try self.init(name: parsed.name, type: type, publicKey: publicKey)
        guard keyID == parsed.keyID else { throw .keyIDMismatch(expected: parsed.keyID, computed: keyID) }
    }
}

/// What a note verifier and a witness cosignature verifier share: a named Ed25519 public key of their
/// signature type, made from a key or parsed from a verifier key text, and written back as that text.
public protocol Ed25519PublicKeyHolder: Sendable {
    var key: Ed25519NoteKey { get }
    static var signatureType: UInt8 { get }
    init(_ key: Ed25519NoteKey)
}

extension Ed25519PublicKeyHolder {
    public var name: String { key.name }
    public var keyID: UInt32 { key.keyID }
    public var publicKey: Curve25519.Signing.PublicKey { key.publicKey }

    public init(name: String, publicKey: Curve25519.Signing.PublicKey) throws(NoteError) {
        self.init(try Ed25519NoteKey(name: name, type: Self.signatureType, publicKey: publicKey))
    }

    /// Parses a verifier key such as `PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW`.
    public init(verifierKey: String) throws(NoteError) {
        self.init(try Ed25519NoteKey(verifierKey: verifierKey, type: Self.signatureType))
    }

    /// The verifier key text.
    public var verifierKey: String {
        NoteKeyText.format(name: name, keyID: keyID, type: Self.signatureType, material: Array(publicKey.rawRepresentation))
    }
}

/// What a note signer and a witness cosigner share: a named Ed25519 private key of their signature type,
/// made from a key, parsed from a signer key text (`PRIVATE+KEY+name+hexkeyid+base64(type ‖ seed)`, its key ID
/// checked) or generated at random, and written back as that text.
public protocol Ed25519KeyHolder: Sendable {
    var signing: Ed25519SigningKey { get }
    static var signatureType: UInt8 { get }
    init(signing: Ed25519SigningKey)
}

extension Ed25519KeyHolder {
    public var name: String { signing.key.name }
    public var keyID: UInt32 { signing.key.keyID }

    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(NoteError) {
        self.init(signing: try Ed25519SigningKey(name: name, type: Self.signatureType, privateKey: privateKey))
    }

    public init(signerKey: String) throws(NoteError) {
        self.init(signing: try Ed25519SigningKey(signerKey: signerKey, type: Self.signatureType))
    }

    /// A new random key.
    public static func generate(name: String) throws(NoteError) -> Self {
        try Self(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    /// The signer key text (secret).
    public var signerKey: String { signing.signerKey }
}

/// A named Ed25519 private key of one signature type: what a note signer and a witness cosigner both hold.
public struct Ed25519SigningKey: Sendable {
    let key: Ed25519NoteKey
    let privateKey: Curve25519.Signing.PrivateKey

    init(name: String, type: UInt8, privateKey: Curve25519.Signing.PrivateKey) throws(NoteError) {
        self.key = try Ed25519NoteKey(name: name, type: type, publicKey: privateKey.publicKey)
        self.privateKey = privateKey
    }

    /// Parses a signer key `PRIVATE+KEY+name+hexkeyid+base64(type ‖ seed)`, checking its type and key ID.
    init(signerKey text: String, type: UInt8) throws(NoteError) {
        let parsed = try NoteKeyText.parsePrivate(text)
        let material = try parsed.ed25519Material(type: type)
        guard let privateKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: material) else {
            throw .malformedKey
        }
        try self.init(name: parsed.name, type: type, privateKey: privateKey)
        guard key.keyID == parsed.keyID else { throw .keyIDMismatch(expected: parsed.keyID, computed: key.keyID) }
    }

    /// The signer key text (secret).
    var signerKey: String {
        NoteKeyText.privatePrefix
            + NoteKeyText.format(name: key.name, keyID: key.keyID, type: key.type, material: Array(privateKey.rawRepresentation))
    }

    func signature(for message: [UInt8]) throws(NoteError) -> [UInt8] {
        do {
            return Array(try privateKey.signature(for: message))
        } catch {
            throw .signingFailed(String(describing: error))
        }
    }
}

/// Verifies Ed25519 note signatures (signature type 0x01).
public struct Ed25519NoteVerifier: NoteVerifier, Ed25519PublicKeyHolder {
    public let key: Ed25519NoteKey
    public static let signatureType = NoteSignatureType.ed25519
    public init(_ key: Ed25519NoteKey) { self.key = key }

    public func verify(text: [UInt8], signature: [UInt8]) -> Bool {
        signature.count == 64 && publicKey.isValidSignature(signature, for: text)
    }
}

/// Signs notes with Ed25519 (signature type 0x01).
public struct Ed25519NoteSigner: NoteSigner, Ed25519KeyHolder {
    public let signing: Ed25519SigningKey
    public static let signatureType = NoteSignatureType.ed25519
    public init(signing: Ed25519SigningKey) { self.signing = signing }

    /// The matching verifier.
    public var verifier: Ed25519NoteVerifier { Ed25519NoteVerifier(signing.key) }

    public func sign(text: [UInt8]) throws(NoteError) -> [UInt8] {
        try signing.signature(for: text)
    }
}

/// Builds a verifier from any supported verifier key text (types 0x01 and 0x04).
public enum NoteVerifierKeys {
    public static func verifier(fromKey text: String) throws(NoteError) -> any NoteVerifier {
        let parsed = try NoteKeyText.parse(text)
        switch parsed.type {
        case NoteSignatureType.ed25519: return try Ed25519NoteVerifier(verifierKey: text)
        case NoteSignatureType.cosignatureV1: return try CosignatureV1Verifier(verifierKey: text)
        default: throw .unsupportedAlgorithm(parsed.type)
        }
    }
}
