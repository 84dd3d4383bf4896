import Crypto
import Foundation
import Testing

@testable import CreditLog

@Suite("Checkpoints and cosignatures")
struct CheckpointAndCosignatureTests {
    // The example of c2sp.org/tlog-checkpoint and c2sp.org/tlog-cosignature.
    static let specBody = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    static let specCosignatureLine =
        "\u{2014} witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA=="

    @Test("the spec's example checkpoint parses and formats back")
    func specExample() throws {
        let checkpoint = try LogCheckpoint(text: Self.specBody)
        #expect(checkpoint.origin == "example.com/behind-the-sofa")
        #expect(checkpoint.size == 20_852_163)
        #expect(checkpoint.extensionLines.isEmpty)
        #expect(checkpoint.text == Self.specBody)
        // The spec's cosignature line carries the timestamp of its signed-message example.
        let cosignature = try NoteSignature(line: Self.specCosignatureLine)
        #expect(cosignature.name == "witness.example.com/w1")
        #expect(CosignatureV1.timestamp(of: cosignature) == 1_679_315_147)
    }

    @Test("round trip with extension lines, signed by the log")
    func roundTrip() throws {
        let log = try Ed25519NoteSigner.generate(name: "xyd.example.cn/log")
        let leafHashes = sampleLeafHashes(count: 12)
        let checkpoint = try LogCheckpoint(
            origin: "xyd.example.cn/log", size: 12, rootHash: MerkleTree.root(leafHashes: leafHashes),
            extensionLines: ["note one"])
        #expect(try LogCheckpoint(text: checkpoint.text) == checkpoint)
        let note = try checkpoint.signed(by: log)
        let opened = try LogCheckpoint.open(note.serialized, logVerifier: log.verifier, origin: "xyd.example.cn/log")
        #expect(opened.checkpoint == checkpoint)
        #expect(throws: CheckpointError.wrongOrigin(expected: "other", found: "xyd.example.cn/log")) {
            try LogCheckpoint.open(note.serialized, logVerifier: log.verifier, origin: "other")
        }
        let stranger = try Ed25519NoteSigner.generate(name: "xyd.example.cn/log")
        #expect(throws: CheckpointError.note(.noVerifiedSignature)) {
            try LogCheckpoint.open(note.serialized, logVerifier: stranger.verifier)
        }
        let empty = try LogCheckpoint(origin: "o", size: 0, rootHash: MerkleHasher.emptyRoot)
        #expect(empty.text == "o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
    }

    @Test("malformed checkpoint bodies are rejected")
    func malformed() {
        let root = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        let cases: [(String, String)] = [
            ("two lines", "origin\n0\n"),
            ("empty origin", "\n0\n\(root)\n"),
            ("leading zero", "origin\n01\n\(root)\n"),
            ("sign", "origin\n+1\n\(root)\n"),
            ("not a number", "origin\nten\n\(root)\n"),
            ("overflow", "origin\n18446744073709551616\n\(root)\n"),
            ("short hash", "origin\n1\nAAAA\n"),
            ("hex hash", "origin\n1\n\(MerkleHasher.emptyRoot.hex)\n"),
            ("no final newline", "origin\n1\n\(root)"),
            ("empty extension line", "origin\n1\n\(root)\n\next\n"),
            ("control character", "ori\u{7}gin\n1\n\(root)\n"),
        ]
        for (description, text) in cases {
            #expect(throws: CheckpointError.self, "\(description)") { try LogCheckpoint(text: text) }
        }
        #expect(throws: CheckpointError.self) {
            try LogCheckpoint(origin: "o", size: 1, rootHash: MerkleHasher.emptyRoot, extensionLines: [""])
        }
    }

    @Test("cosignature v1: sign, verify, key ID with type 0x04")
    func cosignature() throws {
        let log = try Ed25519NoteSigner.generate(name: "xyd.example.cn/log")
        let witness = try CosignatureV1Signer.generate(name: "witness.example.cn/w1")
        let publicKey = witness.verifier.publicKey.rawRepresentation
        #expect(witness.keyID == NoteKeyID.compute(name: "witness.example.cn/w1", type: 0x04, publicKey: publicKey))
        #expect(witness.keyID != NoteKeyID.compute(name: "witness.example.cn/w1", type: 0x01, publicKey: publicKey))
        // Verifier keys carry type 0x04: the base64 of 0x04 ‖ key starts with "B".
        let verifierKey = witness.verifier.verifierKey
        #expect(verifierKey.hasPrefix("witness.example.cn/w1+\(NoteKeyID.hex(witness.keyID))+B"))
        let parsedVerifier = try CosignatureV1Verifier(verifierKey: verifierKey)
        #expect(try NoteVerifierKeys.verifier(fromKey: verifierKey) is CosignatureV1Verifier)
        #expect(throws: NoteError.unsupportedAlgorithm(0x04)) { try Ed25519NoteVerifier(verifierKey: verifierKey) }
        #expect(try CosignatureV1Signer(signerKey: witness.signerKey).keyID == witness.keyID)

        let checkpoint = try LogCheckpoint(origin: "xyd.example.cn/log", size: 3, rootHash: MerkleTree.root(leafHashes: sampleLeafHashes(count: 3)))
        let note = try checkpoint.signed(by: log)
        let timestamp: UInt64 = 1_735_689_600
        let cosignature = try witness.cosign(checkpoint, timestamp: timestamp)
        #expect(cosignature.signature.count == 72)
        #expect(CosignatureV1.timestamp(of: cosignature) == timestamp)
        // The signature covers "cosignature/v1\ntime <t>\n" ‖ checkpoint text.
        let message = Array("cosignature/v1\ntime 1735689600\n\(checkpoint.text)".utf8)
        #expect(CosignatureV1.signedMessage(checkpointText: Array(checkpoint.text.utf8), timestamp: timestamp) == message)
        #expect(witness.verifier.publicKey.isValidSignature(cosignature.signature[8...], for: message))

        let cosigned = try note.adding(cosignature)
        let opened = try SignedNote.open(cosigned.serialized, verifiers: [log.verifier, parsedVerifier])
        #expect(opened.verifiedSignatures.count == 2)
        // Witness only: the cosignature alone satisfies a witness-quorum check.
        #expect(try cosigned.verify(with: [parsedVerifier]).verifiedSignatures.map(\.name) == ["witness.example.cn/w1"])

        // A changed timestamp or checkpoint breaks it.
        var bytes = cosignature.signature
        bytes[7] ^= 1
        let shifted = try NoteSignature(name: cosignature.name, keyID: cosignature.keyID, signature: bytes)
        #expect(throws: NoteError.invalidSignature(name: "witness.example.cn/w1", keyID: witness.keyID)) {
            try note.adding(shifted).verify(with: [parsedVerifier])
        }
        let other = try LogCheckpoint(origin: "xyd.example.cn/log", size: 4, rootHash: MerkleTree.root(leafHashes: sampleLeafHashes(count: 4)))
        let moved = try SignedNote(text: other.text, signatures: [cosignature])
        #expect(throws: NoteError.self) { try moved.verify(with: [parsedVerifier]) }
        // Timestamps above 2^63 − 1 are refused.
        #expect(throws: NoteError.timestampOutOfRange(UInt64(Int64.max) + 1)) {
            try witness.cosign(checkpoint, timestamp: UInt64(Int64.max) + 1)
        }
    }
}
