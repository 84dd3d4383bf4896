import Foundation

/// One signature line of a signed note: `— <name> base64(keyID ‖ signature)`.
public struct NoteSignature: Hashable, Sendable {
    public let name: String
    public let keyID: UInt32
    /// The signature bytes after the 4-byte key ID.
    public let signature: [UInt8]

    public init(name: String, keyID: UInt32, signature: [UInt8]) throws(NoteError) {
        try NoteKeyName.validate(name)
        guard !signature.isEmpty else { throw .malformedSignatureLine(name) }
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// Parses one line (without its newline).
    public init(line: String) throws(NoteError) {
        // Work on bytes so that no Unicode normalisation can make different lines look equal.
        let bytes = Array(line.utf8)
        let prefix = Array(SignedNote.signaturePrefix.utf8)
        guard bytes.starts(with: prefix) else { throw .malformedSignatureLine(line) }
        let rest = bytes[prefix.count...]
        guard let space = rest.firstIndex(of: UInt8(ascii: " ")) else { throw .malformedSignatureLine(line) }
        let name = String(decoding: rest[..<space], as: UTF8.self)
        let encoded = String(decoding: rest[(space + 1)...], as: UTF8.self)
        guard NoteKeyName.isValid(name), let decoded = TransparencyLogBase64.decodeCanonical(encoded), decoded.count >= 5 else {
            throw .malformedSignatureLine(line)
        }
        self.name = name
        self.keyID = decoded[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        self.signature = Array(decoded[4...])
    }

    /// The signature line without its final newline.
    public var line: String {
        "\(SignedNote.signaturePrefix)\(name) \(TransparencyLogBase64.encode(NoteKeyID.bigEndianBytes(keyID) + signature))"
    }
}

/// A C2SP signed note (c2sp.org/signed-note, Go's `golang.org/x/mod/sumdb/note`): a text ending in a
/// newline, a blank line, and one or more signature lines.
public struct SignedNote: Hashable, Sendable {
    /// The em dash (U+2014) and space that start every signature line.
    public static let signaturePrefix = "\u{2014} "
    /// The most signature lines accepted in one note (the spec asks for at least 16).
    public static let maxSignatures = 100

    /// The signed text, including its final newline.
    public let text: String
    /// The signature lines in order.
    public private(set) var signatures: [NoteSignature]

    /// A note from its text and signatures. The text must be valid note text ending in a newline.
    public init(text: String, signatures: [NoteSignature] = []) throws(NoteError) {
        try SignedNote.validateText(Array(text.utf8))
        guard signatures.count <= SignedNote.maxSignatures else {
            throw .tooManySignatures(limit: SignedNote.maxSignatures)
        }
        self.text = text
        self.signatures = signatures
    }

    /// Parses a note's structure without checking any signature.
    public init(parsing message: String) throws(NoteError) {
        try self.init(parsing: Array(message.utf8))
    }

    /// Parses a note's structure without checking any signature.
    public init(parsing message: [UInt8]) throws(NoteError) {
        try SignedNote.validateCharacters(message)
        // The text ends at the last blank line; everything after it is signature lines.
        var split: Int?
        var position = message.count - 2
        while position >= 0 {
            if message[position] == 0x0A && message[position + 1] == 0x0A {
                split = position
                break
            }
            position -= 1
        }
        guard let split else { throw .missingSignatureBlock }
        let text = Array(message[...split])
        let block = message[(split + 2)...]
        guard let last = block.last, last == 0x0A else { throw .missingSignatureBlock }
        var signatures = [NoteSignature]()
        for line in block.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard signatures.count < SignedNote.maxSignatures else {
                throw .tooManySignatures(limit: SignedNote.maxSignatures)
            }
            signatures.append(try NoteSignature(line: String(decoding: line, as: UTF8.self)))
        }
        self.text = String(decoding: text, as: UTF8.self)
        self.signatures = signatures
    }

    /// Signs a text with each signer.
    public static func sign(text: String, signers: [any NoteSigner]) throws(NoteError) -> SignedNote {
        try SignedNote(text: text).signed(by: signers)
    }

    /// This note with signatures from `signers` added (replacing older ones from the same keys).
    public func signed(by signers: [any NoteSigner]) throws(NoteError) -> SignedNote {
        var note = self
        let bytes = Array(text.utf8)
        for signer in signers {
            let signature = try NoteSignature(name: signer.name, keyID: signer.keyID, signature: try signer.sign(text: bytes))
            note = try note.adding(signature)
        }
        return note
    }

    /// This note with one more signature line, replacing any line with the same name and key ID.
    public func adding(_ signature: NoteSignature) throws(NoteError) -> SignedNote {
        var signatures = self.signatures.filter { $0.name != signature.name || $0.keyID != signature.keyID }
        signatures.append(signature)
        return try SignedNote(text: text, signatures: signatures)
    }

    /// The note as it is sent: text, blank line, signature lines.
    public var serialized: String {
        text + "\n" + signatures.map { $0.line + "\n" }.joined()
    }

    /// Checks the signatures against the known verifiers, as Go's `note.Open`: signatures from unknown
    /// keys (name and key ID not both matching a verifier) are kept aside unverified, a signature from
    /// a known key that fails rejects the note, and at least one known key must have signed.
    public func verify(with verifiers: [any NoteVerifier]) throws(NoteError) -> VerifiedNote {
        var known = [KeyReference: any NoteVerifier]()
        for verifier in verifiers {
            let reference = KeyReference(name: verifier.name, keyID: verifier.keyID)
            guard known[reference] == nil else {
                throw .duplicateVerifier(name: verifier.name, keyID: verifier.keyID)
            }
            known[reference] = verifier
        }
        let bytes = Array(text.utf8)
        var verified = [NoteSignature]()
        var unverified = [NoteSignature]()
        var seen = Set<KeyReference>()
        for signature in signatures {
            let reference = KeyReference(name: signature.name, keyID: signature.keyID)
            guard let verifier = known[reference] else {
                if !unverified.contains(signature) { unverified.append(signature) }
                continue
            }
            guard seen.insert(reference).inserted else { continue }
            guard verifier.verify(text: bytes, signature: signature.signature) else {
                throw .invalidSignature(name: signature.name, keyID: signature.keyID)
            }
            verified.append(signature)
        }
        guard !verified.isEmpty else { throw .noVerifiedSignature }
        return VerifiedNote(note: self, verifiedSignatures: verified, unverifiedSignatures: unverified)
    }

    /// Parses a note and checks it against the known verifiers.
    public static func open(_ message: String, verifiers: [any NoteVerifier]) throws(NoteError) -> VerifiedNote {
        try SignedNote(parsing: message).verify(with: verifiers)
    }

    static func validateText(_ text: [UInt8]) throws(NoteError) {
        try validateCharacters(text)
        guard text.last == 0x0A else { throw .textMustEndWithNewline }
    }

    /// Valid UTF-8 with no ASCII control character other than newline.
    static func validateCharacters(_ bytes: [UInt8]) throws(NoteError) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value < 0x20 && scalar != "\n" { throw .invalidCharacters }
            case .emptyInput:
                return
            case .error:
                throw .invalidCharacters
            }
        }
    }

    private struct KeyReference: Hashable {
        let name: String
        let keyID: UInt32
    }
}

/// A note whose signatures have been checked.
public struct VerifiedNote: Hashable, Sendable {
    public let note: SignedNote
    /// Signatures from known keys, all valid.
    public let verifiedSignatures: [NoteSignature]
    /// Signatures from keys the verifier list does not know (not checked).
    public let unverifiedSignatures: [NoteSignature]

    public var text: String { note.text }
}
