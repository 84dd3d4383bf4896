import Testing

@testable import CreditLog

@Suite("Witness and fork detection")
struct WitnessAndForkTests {
    static let origin = "xyd.example.cn/log"

    struct Fixture {
        let log: Ed25519NoteSigner
        var tree: AppendOnlyMerkleTree<InMemoryMerkleNodeStore>
        let leafHashes: [MerkleHash]

        init(leaves: Int) throws {
            log = try Ed25519NoteSigner.generate(name: WitnessAndForkTests.origin)
            leafHashes = sampleLeafHashes(count: leaves)
            tree = try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore())
            try tree.append(contentsOf: leafHashes)
        }

        func checkpoint(size: UInt64) throws -> LogCheckpoint {
            try LogCheckpoint(origin: WitnessAndForkTests.origin, size: size, rootHash: tree.root(atSize: size))
        }

        func signedNote(size: UInt64) throws -> String {
            try checkpoint(size: size).signed(by: log).serialized
        }
    }

    @Test("a witness cosigns consistent growth and re-cosigns the same checkpoint")
    func growth() throws {
        let fixture = try Fixture(leaves: 40)
        let cosigner = try CosignatureV1Signer.generate(name: "witness.example.cn/w1")
        var witness = LogWitness(origin: Self.origin, logVerifier: fixture.log.verifier, cosigner: cosigner)
        #expect(witness.state == .empty)

        let first = try witness.update(checkpoint: fixture.signedNote(size: 10), consistencyProof: [], timestamp: 100)
        #expect(witness.state == WitnessState(size: 10, rootHash: try fixture.tree.root(atSize: 10)))
        #expect(CosignatureV1.timestamp(of: first.signature) == 100)
        let opened = try first.cosignedNote.verify(with: [fixture.log.verifier, cosigner.verifier])
        #expect(opened.verifiedSignatures.count == 2)

        let proof = try fixture.tree.consistencyProof(oldSize: 10, newSize: 33)
        let second = try witness.update(
            checkpoint: fixture.signedNote(size: 33), consistencyProof: proof, claimedOldSize: 10, timestamp: 200)
        #expect(second.checkpoint.size == 33)
        #expect(witness.state.size == 33)

        let again = try witness.update(checkpoint: fixture.signedNote(size: 33), consistencyProof: [], timestamp: 300)
        #expect(CosignatureV1.timestamp(of: again.signature) == 300)
        #expect(witness.state.size == 33)
    }

    @Test("a witness refuses rollback, inconsistent trees, forks and foreign checkpoints")
    func refusals() throws {
        let fixture = try Fixture(leaves: 40)
        let cosigner = try CosignatureV1Signer.generate(name: "witness.example.cn/w1")
        var witness = LogWitness(origin: Self.origin, logVerifier: fixture.log.verifier, cosigner: cosigner)
        _ = try witness.update(checkpoint: fixture.signedNote(size: 20), consistencyProof: [], timestamp: 1)
        let state = witness.state

        // Rollback.
        #expect(throws: WitnessError.rollback(currentSize: 20, offeredSize: 15)) {
            try witness.update(checkpoint: fixture.signedNote(size: 15), consistencyProof: [], timestamp: 2)
        }
        // A proof that does not link the checkpoints.
        let wrongProof = try fixture.tree.consistencyProof(oldSize: 19, newSize: 30)
        #expect(throws: WitnessError.self) {
            try witness.update(checkpoint: fixture.signedNote(size: 30), consistencyProof: wrongProof, timestamp: 3)
        }
        #expect(throws: WitnessError.inconsistent(.consistencyProofInvalid(.emptyProof))) {
            try witness.update(checkpoint: fixture.signedNote(size: 30), consistencyProof: [], timestamp: 3)
        }
        // The log signs a different history of larger size: no proof can link it.
        var forkedLeaves = fixture.leafHashes
        forkedLeaves[5] = MerkleHasher.leafHash(Array("rewritten".utf8))
        let forkedRoot = MerkleTree.root(leafHashes: Array(forkedLeaves[..<30]))
        let forked = try LogCheckpoint(origin: Self.origin, size: 30, rootHash: forkedRoot).signed(by: fixture.log)
        let honestProof = try fixture.tree.consistencyProof(oldSize: 20, newSize: 30)
        #expect(throws: WitnessError.inconsistent(.consistencyProofInvalid(.rootMismatch))) {
            try witness.update(checkpoint: forked.serialized, consistencyProof: honestProof, timestamp: 4)
        }
        // Same size, different root.
        let sameSize = try LogCheckpoint(origin: Self.origin, size: 20, rootHash: MerkleTree.root(leafHashes: Array(forkedLeaves[..<20])))
        #expect(throws: WitnessError.self) {
            try witness.update(checkpoint: sameSize.signed(by: fixture.log).serialized, consistencyProof: [], timestamp: 5)
        }
        // Not signed by the log, or for another origin.
        let impostor = try Ed25519NoteSigner.generate(name: Self.origin)
        #expect(throws: WitnessError.checkpoint(.note(.noVerifiedSignature))) {
            try witness.update(checkpoint: fixture.checkpoint(size: 30).signed(by: impostor).serialized, consistencyProof: honestProof, timestamp: 6)
        }
        let elsewhere = try LogCheckpoint(origin: "other.example/log", size: 30, rootHash: fixture.tree.root(atSize: 30))
        #expect(throws: WitnessError.checkpoint(.wrongOrigin(expected: Self.origin, found: "other.example/log"))) {
            try witness.update(checkpoint: elsewhere.signed(by: fixture.log).serialized, consistencyProof: honestProof, timestamp: 7)
        }
        // Stale idea of the witness's size.
        #expect(throws: WitnessError.oldSizeMismatch(claimed: 10, actual: 20)) {
            try witness.update(checkpoint: fixture.signedNote(size: 30), consistencyProof: honestProof, claimedOldSize: 10, timestamp: 8)
        }
        #expect(witness.state == state)
        #expect(WitnessError.rollback(currentSize: 20, offeredSize: 15).message.contains("拒绝回退"))
    }

    @Test("fork detection between checkpoints cosigned by two witnesses")
    func forks() throws {
        let fixture = try Fixture(leaves: 40)
        let w1 = try CosignatureV1Signer.generate(name: "witness.example.cn/w1")
        let w2 = try CosignatureV1Signer.generate(name: "witness.example.cn/w2")
        var witness1 = LogWitness(origin: Self.origin, logVerifier: fixture.log.verifier, cosigner: w1)
        var witness2 = LogWitness(origin: Self.origin, logVerifier: fixture.log.verifier, cosigner: w2)

        // The log shows the honest tree to witness 1 and a rewritten one to witness 2.
        var forkedLeaves = fixture.leafHashes
        forkedLeaves[3] = MerkleHasher.leafHash(Array("rewritten".utf8))
        var forkedTree = try AppendOnlyMerkleTree(store: InMemoryMerkleNodeStore())
        try forkedTree.append(contentsOf: forkedLeaves)
        let honest = try witness1.update(checkpoint: fixture.signedNote(size: 25), consistencyProof: [], timestamp: 10)
        let forkedCheckpoint = try LogCheckpoint(origin: Self.origin, size: 25, rootHash: forkedTree.root(atSize: 25))
        let forked = try witness2.update(
            checkpoint: forkedCheckpoint.signed(by: fixture.log).serialized, consistencyProof: [], timestamp: 11)

        // Same size, different roots.
        let verdict = try ForkDetector.compare(
            honest.cosignedNote.serialized, forked.cosignedNote.serialized, logVerifier: fixture.log.verifier)
        #expect(verdict == .fork(.sameSizeDifferentRoots(size: 25, first: honest.checkpoint.rootHash, second: forked.checkpoint.rootHash)))
        #expect(verdict.isFork)
        // Each note carries its own witness's valid cosignature.
        #expect(try honest.cosignedNote.verify(with: [w1.verifier]).verifiedSignatures.count == 1)
        #expect(try forked.cosignedNote.verify(with: [w2.verifier]).verifiedSignatures.count == 1)

        // Different sizes: undetermined without a proof, fork when the proof fails, else consistent.
        let later = try fixture.checkpoint(size: 37)
        #expect(try ForkDetector.compare(forked.checkpoint, later) == .undetermined)
        let proof = try fixture.tree.consistencyProof(oldSize: 25, newSize: 37)
        #expect(try ForkDetector.compare(honest.checkpoint, later, consistencyProof: proof) == .consistent)
        #expect(try ForkDetector.compare(later, honest.checkpoint, consistencyProof: proof) == .consistent)
        let result = try ForkDetector.compare(forked.checkpoint, later, consistencyProof: proof)
        #expect(result.isFork)
        if case .fork(let evidence) = result {
            #expect(evidence.message.hasPrefix("分叉"))
        }
        #expect(try ForkDetector.compare(honest.checkpoint, honest.checkpoint) == .consistent)

        // Other origins cannot be compared; unsigned checkpoints are not evidence.
        let elsewhere = try LogCheckpoint(origin: "other.example/log", size: 25, rootHash: forkedCheckpoint.rootHash)
        #expect(throws: ForkDetectionError.differentOrigins(Self.origin, "other.example/log")) {
            try ForkDetector.compare(honest.checkpoint, elsewhere)
        }
        let impostor = try Ed25519NoteSigner.generate(name: Self.origin)
        #expect(throws: ForkDetectionError.checkpoint(.note(.noVerifiedSignature))) {
            try ForkDetector.compare(
                honest.cosignedNote.serialized, forkedCheckpoint.signed(by: impostor).serialized,
                logVerifier: fixture.log.verifier)
        }
    }
}
