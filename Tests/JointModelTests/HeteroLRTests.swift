import Foundation
import Testing
@testable import JointModel

@Suite("Vertical logistic regression")
struct HeteroLRTests {
    static let guestKey1024 = Result { try PaillierKeyPair.generate(bits: 1024) }
    static let hostKey1024 = Result { try PaillierKeyPair.generate(bits: 1024) }

    /// A small synthetic vertical split: the bank's 3 features and labels, the center's 4 features.
    static func synthetic(rows: Int, seed: UInt64) throws -> (bank: FeatureMatrix, center: FeatureMatrix, labels: [Int]) {
        var random = SplitMix64(seed: seed)
        func gaussian() -> Double {
            let u1 = Double(random.next() % 1_000_000 + 1) / 1_000_001, u2 = Double(random.next() % 1_000_000) / 1_000_000
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
        var bank: [[Double]] = [], center: [[Double]] = [], labels: [Int] = []
        for _ in 0..<rows {
            let b = (0..<3).map { _ in gaussian() }, c = (0..<4).map { _ in gaussian() }
            let z = 0.8 * b[0] - 0.5 * b[1] + 1.0 * c[0] - 0.7 * c[2] - 0.3
            labels.append(Double(random.next() % 1_000_000) / 1_000_000 < Logistic.sigmoid(z) ? 1 : 0)
            bank.append(b); center.append(c)
        }
        return (try FeatureMatrix(names: ["b0", "b1", "b2"], rows: bank),
                try FeatureMatrix(names: ["c0", "c1", "c2", "c3"], rows: center), labels)
    }

    @Test("Encrypted training reproduces the same Taylor mini-batch descent in the clear, weight by weight")
    func matchesClearTaylor() throws {
        let data = try Self.synthetic(rows: 120, seed: 7)
        let config = HeteroLRConfig(keyBits: 1024, learningRate: 0.3, l2: 0.01, batchSize: 40, epochs: 2)
        let run = try HeteroLRLocalRun.train(runId: "t1", guestFeatures: data.bank, labels: data.labels,
                                             hostFeatures: data.center, config: config,
                                             guestKey: (try Self.guestKey1024.get()), hostKey: (try Self.hostKey1024.get()))
        #expect(run.steps == 6)
        let clear = PlainLogisticRegression.fitTaylor(try data.bank.joined(with: data.center), labels: data.labels, config: config)
        let joint = run.guestModel.weights + run.hostModel.weights
        #expect(zip(joint, clear.weights).allSatisfy { abs($0 - $1) < 1e-4 }, "\(joint) vs \(clear.weights)")
        #expect(abs(run.guestModel.intercept - clear.intercept) < 1e-4)
        #expect(joint.contains { abs($0) > 0.05 })  // it did learn something
        // The true signal's signs: b0 +, b1 −, c0 +, c2 −.
        #expect(joint[0] > 0 && joint[1] < 0 && joint[3] > 0 && joint[5] < 0)
    }

    @Test("Joint scoring: the bank gets one probability per aligned firm, equal to the clear model's")
    func jointScoring() throws {
        let data = try Self.synthetic(rows: 90, seed: 3)
        let config = HeteroLRConfig(keyBits: 1024, learningRate: 0.3, batchSize: 30, epochs: 1)
        let run = try HeteroLRLocalRun.train(runId: "t2", guestFeatures: data.bank, labels: data.labels,
                                             hostFeatures: data.center, config: config,
                                             guestKey: (try Self.guestKey1024.get()), hostKey: (try Self.hostKey1024.get()))
        let ids = (0..<90).map { "firm\($0)" }
        let share = try run.hostModel.scoreShare(ids: ids, features: data.center)
        let wire = try JSONDecoder().decode(HostScoreShare.self, from: JSONEncoder().encode(share))
        let probabilities = try run.guestModel.probabilities(share: wire, features: data.bank)
        #expect(probabilities.count == 90)
        let clear = PlainLogisticRegression(weights: run.guestModel.weights + run.hostModel.weights,
                                            intercept: run.guestModel.intercept)
            .probabilities(try data.bank.joined(with: data.center))
        for (k, id) in ids.enumerated() { #expect(abs(probabilities[id]! - clear[k]) < 1e-12) }
        // The share carries one number per firm and no feature.
        #expect(share.partialScores.count == 90 && share.ids == ids)
        let wrongRun = HostScoreShare(runId: "other", ids: ids, partialScores: share.partialScores)
        #expect(throws: JointModelError.self) { _ = try run.guestModel.probabilities(share: wrongRun, features: data.bank) }
    }

    @Test("Model digest: stable, depends on both parts and on every weight")
    func digest() throws {
        let guest = HeteroLRGuestModel(runId: "r", featureNames: ["a", "b"], weights: [0.5, -1.25], intercept: 0.1)
        let host = HeteroLRHostModel(runId: "r", featureNames: ["c"], weights: [2])
        let d = JointModelDigest.combine(guestPart: guest.digest, hostPart: host.digest)
        #expect(d.count == 64)
        #expect(d == JointModelDigest.combine(guestPart: guest.digest, hostPart: host.digest))
        let nudged = HeteroLRHostModel(runId: "r", featureNames: ["c"], weights: [2.0000000001])
        #expect(d != JointModelDigest.combine(guestPart: guest.digest, hostPart: nudged.digest))
        let renamed = HeteroLRGuestModel(runId: "r", featureNames: ["a", "x"], weights: [0.5, -1.25], intercept: 0.1)
        #expect(d != JointModelDigest.combine(guestPart: renamed.digest, hostPart: host.digest))
        #expect(d != JointModelDigest.combine(guestPart: host.digest, hostPart: guest.digest))
    }

    @Test("Protocol guards: too small batches, out-of-order and replayed messages are refused")
    func guards() throws {
        let data = try Self.synthetic(rows: 60, seed: 5)
        // 4 center features need batches of at least 9 rows.
        let small = HeteroLRConfig(keyBits: 1024, batchSize: 8, epochs: 1)
        var guest = try HeteroLRGuest(runId: "g", features: data.bank, labels: data.labels, config: small, keyPair: (try Self.guestKey1024.get()))
        #expect(throws: JointModelError.self) { _ = try HeteroLRHost(setup: guest.setup(), features: data.center, keyPair: (try Self.hostKey1024.get())) }
        let config = HeteroLRConfig(keyBits: 1024, batchSize: 20, epochs: 1)
        guest = try HeteroLRGuest(runId: "g", features: data.bank, labels: data.labels, config: config, keyPair: (try Self.guestKey1024.get()))
        var host = try HeteroLRHost(setup: guest.setup(), features: data.center, keyPair: (try Self.hostKey1024.get()))
        let forward = try #require(try host.nextForward())
        // Before the host's key arrived, the guest refuses to go on.
        #expect(throws: JointModelError.self) { _ = try guest.handle(forward) }
        try guest.receive(host.ready())
        #expect(throws: JointModelError.self) { try guest.receive(host.ready()) }
        let guestForward = try guest.handle(forward)
        #expect(throws: JointModelError.self) { _ = try guest.handle(forward) }  // replay
        let backward = try host.handle(guestForward)
        _ = try guest.handle(backward)
        #expect(throws: JointModelError.self) { _ = try guest.handle(backward) }  // replay
        #expect(throws: JointModelError.self) { _ = try HeteroLRGuest(runId: "g", features: data.bank, labels: [2] + data.labels.dropFirst(), config: config) }
        // A key shorter than agreed is refused.
        #expect(throws: JointModelError.self) {
            _ = try HeteroLRGuest(runId: "g", features: data.bank, labels: data.labels,
                                  config: HeteroLRConfig(keyBits: 2048, batchSize: 20), keyPair: (try Self.guestKey1024.get()))
        }
    }
}
