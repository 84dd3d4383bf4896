import Crypto
import Foundation
import Testing

@testable import CreditLog

@Suite("C2SP signed notes")
struct SignedNoteTests {
    // The Go sumdb/note test vector.
    static let signerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let verifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let signatureLine =
        "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="
    static var message: String { text + "\n" + signatureLine + "\n" }

    @Test("the vector's keys parse and agree")
    func keys() throws {
        let verifier = try Ed25519NoteVerifier(verifierKey: Self.verifierKey)
        #expect(verifier.name == "PeterNeumann")
        #expect(verifier.keyID == 0xc74f_20a3)
        #expect(verifier.verifierKey == Self.verifierKey)
        let signer = try Ed25519NoteSigner(signerKey: Self.signerKey)
        #expect(signer.keyID == 0xc74f_20a3)
        #expect(signer.signerKey == Self.signerKey)
        #expect(signer.verifier.verifierKey == Self.verifierKey)
        #expect(
            NoteKeyID.compute(name: "PeterNeumann", type: 0x01, publicKey: verifier.publicKey.rawRepresentation)
                == 0xc74f_20a3)
    }

    @Test("the vector's signature verifies")
    func verifiesVector() throws {
        let verifier = try Ed25519NoteVerifier(verifierKey: Self.verifierKey)
        let opened = try SignedNote.open(Self.message, verifiers: [verifier])
        #expect(opened.text == Self.text)
        #expect(opened.verifiedSignatures.count == 1)
        #expect(opened.verifiedSignatures.first?.line == Self.signatureLine)
        #expect(opened.unverifiedSignatures.isEmpty)
    }

    @Test("signing with the vector's key reproduces the signature (Ed25519 is deterministic)")
    func signsVector() throws {
        let signer = try Ed25519NoteSigner(signerKey: Self.signerKey)
        let note = try SignedNote.sign(text: Self.text, signers: [signer])
        #if canImport(Darwin)
            // CryptoKit randomises Ed25519 signatures; only check that the signature verifies.
            #expect(try note.verify(with: [signer.verifier]).verifiedSignatures.count == 1)
        #else
            #expect(note.serialized == Self.message)
            #expect(note.signatures.first?.line == Self.signatureLine)
        #endif
    }

    @Test("generated keys round trip through their text forms")
    func generatedKeys() throws {
        let signer = try Ed25519NoteSigner.generate(name: "xyd.example.cn/log")
        let reparsed = try Ed25519NoteSigner(signerKey: signer.signerKey)
        #expect(reparsed.keyID == signer.keyID)
        #expect(signer.signerKey.hasPrefix("PRIVATE+KEY+xyd.example.cn/log+\(NoteKeyID.hex(signer.keyID))+A"))
        let verifier = try Ed25519NoteVerifier(verifierKey: signer.verifier.verifierKey)
        let note = try SignedNote.sign(text: "hello\n", signers: [reparsed])
        let opened = try SignedNote.open(note.serialized, verifiers: [verifier])
        #expect(opened.text == "hello\n")
        #expect(try NoteVerifierKeys.verifier(fromKey: verifier.verifierKey).keyID == signer.keyID)
    }

    @Test("bad keys are refused")
    func badKeys() throws {
        #expect(throws: NoteError.keyIDMismatch(expected: 0xc74f_20a4, computed: 0xc74f_20a3)) {
            try Ed25519NoteVerifier(verifierKey: "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        }
        #expect(throws: NoteError.self) { try Ed25519NoteVerifier(verifierKey: "PeterNeumann+c74f20a3") }
        #expect(throws: NoteError.self) { try Ed25519NoteVerifier(verifierKey: "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW") }
        #expect(throws: NoteError.self) { try Ed25519NoteVerifier(verifierKey: "PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW") }
        #expect(throws: NoteError.unsupportedAlgorithm(0x02)) {
            try Ed25519NoteVerifier(verifierKey: "PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        }
        #expect(throws: NoteError.self) { try Ed25519NoteSigner(signerKey: Self.verifierKey) }
        #expect(throws: NoteError.invalidKeyName("a+b")) { try Ed25519NoteSigner.generate(name: "a+b") }
        #expect(throws: NoteError.invalidKeyName("")) { try Ed25519NoteSigner.generate(name: "") }
        #expect(throws: NoteError.invalidKeyName("名\u{3000}称")) { try Ed25519NoteSigner.generate(name: "名\u{3000}称") }
    }

    @Test("unknown signatures are ignored, but one known valid signature is required")
    func unknownSignatures() throws {
        let known = try Ed25519NoteVerifier(verifierKey: Self.verifierKey)
        let other = try Ed25519NoteSigner.generate(name: "other.example/key")
        let base = try SignedNote(parsing: Self.message)
        let both = try base.signed(by: [other])
        let opened = try SignedNote.open(both.serialized, verifiers: [known])
        #expect(opened.verifiedSignatures.map(\.name) == ["PeterNeumann"])
        #expect(opened.unverifiedSignatures.map(\.name) == ["other.example/key"])
        // Same name, other key ID: unknown, so ignored — and then nothing known has signed.
        let impostor = try Ed25519NoteSigner.generate(name: "PeterNeumann")
        let onlyImpostor = try SignedNote.sign(text: Self.text, signers: [impostor])
        #expect(throws: NoteError.noVerifiedSignature) {
            try SignedNote.open(onlyImpostor.serialized, verifiers: [known])
        }
        #expect(throws: NoteError.noVerifiedSignature) { try SignedNote.open(Self.message, verifiers: []) }
        #expect(throws: NoteError.duplicateVerifier(name: "PeterNeumann", keyID: 0xc74f_20a3)) {
            try SignedNote.open(Self.message, verifiers: [known, known])
        }
    }

    @Test("a known key's bad signature rejects the note")
    func tampered() throws {
        let verifier = try Ed25519NoteVerifier(verifierKey: Self.verifierKey)
        let changedText = Self.message.replacingOccurrences(of: "answer", with: "Answer")
        #expect(throws: NoteError.invalidSignature(name: "PeterNeumann", keyID: 0xc74f_20a3)) {
            try SignedNote.open(changedText, verifiers: [verifier])
        }
        // A signature from the same key ID with its signature bytes altered.
        let note = try SignedNote(parsing: Self.message)
        let original = try #require(note.signatures.first)
        var bytes = original.signature
        bytes[10] ^= 1
        let altered = try NoteSignature(name: original.name, keyID: original.keyID, signature: bytes)
        let forged = try SignedNote(text: Self.text, signatures: [altered])
        #expect(throws: NoteError.invalidSignature(name: "PeterNeumann", keyID: 0xc74f_20a3)) {
            try forged.verify(with: [verifier])
        }
    }

    @Test("malformed notes are rejected")
    func malformed() throws {
        let verifier = try Ed25519NoteVerifier(verifierKey: Self.verifierKey)
        let encoded = String(Self.signatureLine.dropFirst(2 + "PeterNeumann ".count))
        let cases: [(String, String)] = [
            ("no blank line", Self.text + Self.signatureLine + "\n"),
            ("no final newline", Self.text + "\n" + Self.signatureLine),
            ("no signatures", Self.text + "\n"),
            ("empty signature block line", Self.text + "\n" + Self.signatureLine + "\n\n"),
            ("hyphen instead of em dash", Self.text + "\n- PeterNeumann " + encoded + "\n"),
            ("no key name", Self.text + "\n\u{2014} " + encoded + "\n"),
            ("bad base64", Self.text + "\n\u{2014} PeterNeumann " + encoded.dropLast() + "\n"),
            ("too short", Self.text + "\n\u{2014} PeterNeumann AAAAAA==\n"),
            ("control character", "If you think\tcryptography\n\n" + Self.signatureLine + "\n"),
            ("carriage return", Self.text.replacingOccurrences(of: "\n", with: "\r\n") + "\n" + Self.signatureLine + "\n"),
            ("trailing text", Self.message + "extra\n"),
        ]
        for (description, message) in cases {
            #expect(throws: NoteError.self, "\(description)") { try SignedNote.open(message, verifiers: [verifier]) }
        }
        var invalidUTF8 = Array(Self.message.utf8)
        invalidUTF8[3] = 0xFF
        #expect(throws: NoteError.invalidCharacters) { try SignedNote(parsing: invalidUTF8) }
        let tooMany = Self.text + "\n" + String(repeating: Self.signatureLine + "\n", count: SignedNote.maxSignatures + 1)
        #expect(throws: NoteError.tooManySignatures(limit: SignedNote.maxSignatures)) { try SignedNote(parsing: tooMany) }
        #expect(throws: NoteError.textMustEndWithNewline) {
            try SignedNote.sign(text: "no newline", signers: [try Ed25519NoteSigner(signerKey: Self.signerKey)])
        }
    }

    @Test("a text with blank lines is split at the last one")
    func blankLinesInText() throws {
        let signer = try Ed25519NoteSigner.generate(name: "poet")
        let text = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n"
        let note = try SignedNote.sign(text: text, signers: [signer])
        let opened = try SignedNote.open(note.serialized, verifiers: [signer.verifier])
        #expect(opened.text == text)
    }

    @Test("error messages are in Chinese")
    func messages() {
        #expect(NoteError.noVerifiedSignature.message == "没有任何受信任密钥的有效签名")
        #expect(NoteError.invalidSignature(name: "a", keyID: 0xc74f_20a3).message.contains("c74f20a3"))
    }
}
