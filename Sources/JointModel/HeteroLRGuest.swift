/// The bank's side of vertical LR: it holds the labels, its features, its weights and intercept, and the guest
/// key pair. See `HeteroLRMessages.swift` for the protocol and what each side learns.
public struct HeteroLRGuest: Sendable {
    public let runId: String
    public let config: HeteroLRConfig
    let featureNames: [String]
    let party: HeteroLRParty
    let labels: [Double]
    let keyPair: PaillierKeyPair
    var ownPool: ObfuscatorPool
    var hostKey: PaillierPublicKey?
    var hostPool: ObfuscatorPool?
    var hostFeatureNames: [String] = []
    var cursor: BatchCursor
    /// Masks of the guest gradient in flight, for the current step.
    var pendingMasks: [GMPInteger]?
    /// Guest weights, intercept last.
    public private(set) var weights: [Double]

    /// - Parameters:
    ///   - features: the bank's features for the aligned firms, rows in aligned order.
    ///   - labels: 1 = default (bad), 0 = good, one per row.
    public init(runId: String, features: FeatureMatrix, labels: [Int], config: HeteroLRConfig,
                keyPair: PaillierKeyPair? = nil) throws {
        guard labels.count == features.rows else { throw JointModelError.dimensionMismatch(expected: features.rows, got: labels.count) }
        guard labels.allSatisfy({ $0 == 0 || $0 == 1 }) else { throw JointModelError.invalidConfiguration("标签只能是 0 或 1") }
        self.runId = runId
        self.config = config
        featureNames = features.names
        party = HeteroLRParty(features: features, intercept: true, config: config)
        self.labels = labels.map(Double.init)
        let pair = try keyPair ?? PaillierKeyPair.generate(bits: config.keyBits)
        guard pair.publicKey.bits >= config.keyBits else { throw JointModelError.keyTooShort(bits: pair.publicKey.bits) }
        self.keyPair = pair
        ownPool = ObfuscatorPool(publicKey: pair.publicKey, kind: config.obfuscators, privateKey: pair.privateKey)
        cursor = BatchCursor(config: config, rows: features.rows)
        weights = Array(repeating: 0, count: party.columns)
    }

    public func setup() -> HeteroLRSetup {
        HeteroLRSetup(runId: runId, config: config, rows: party.rows, guestFeatureNames: featureNames,
                      guestPublicKey: keyPair.publicKey)
    }

    public mutating func receive(_ ready: HeteroLRHostReady) throws {
        guard ready.runId == runId else { throw JointModelError.malformedMessage("运行标识不一致") }
        guard hostKey == nil else { throw JointModelError.unexpectedMessage(expected: "HostForward", got: "HeteroLRHostReady") }
        guard ready.hostPublicKey.bits >= config.keyBits else { throw JointModelError.keyTooShort(bits: ready.hostPublicKey.bits) }
        try config.validate(rows: party.rows, guestWeights: party.columns, hostWeights: ready.hostFeatureNames.count)
        hostKey = ready.hostPublicKey
        hostPool = ObfuscatorPool(publicKey: ready.hostPublicKey, kind: config.obfuscators)
        hostFeatureNames = ready.hostFeatureNames
    }

    public var isFinished: Bool { cursor.isFinished }

    /// Receives [[u]]_h; returns [[v]]_g and the masked guest gradient under the host's key.
    public mutating func handle(_ forward: HostForward) throws -> GuestForward {
        guard let hostKey, var hostPool, pendingMasks == nil else {
            throw JointModelError.unexpectedMessage(expected: hostKey == nil ? "HeteroLRHostReady" : "HostBackward", got: "HostForward")
        }
        try cursor.check(forward.step, message: "HostForward")
        let batch = cursor.batch
        let hostHalves = try forward.hostHalves.ciphertexts(publicKey: hostKey)
        let scores = party.linearScores(weights, rows: batch)
        let guestHalves = zip(scores, batch).map { z, i in 0.25 * z + 0.5 - labels[i] }
        let encrypted = try party.encryptHalves(guestHalves, publicKey: keyPair.publicKey, pool: &ownPool)
        let (masked, masks) = try party.maskedGradient(otherHalves: hostHalves, ownHalves: guestHalves, batch: batch,
                                                       otherKey: hostKey, otherPool: &hostPool)
        self.hostPool = hostPool
        pendingMasks = masks
        return GuestForward(step: forward.step, guestHalves: encrypted, maskedGuestGradient: masked)
    }

    /// Receives its own masked gradient decrypted and the host's masked gradient; updates the guest weights and
    /// returns the host's gradient decrypted (still masked by the host).
    public mutating func handle(_ backward: HostBackward) throws -> GuestBackward {
        guard let hostKey, let masks = pendingMasks else {
            throw JointModelError.unexpectedMessage(expected: "HostForward", got: "HostBackward")
        }
        try cursor.check(backward.step, message: "HostBackward")
        let gradient = try party.unmask(backward.guestGradientPlusMask, masks: masks, maskKey: hostKey,
                                        batchSize: cursor.batch.count)
        let forHost = try HeteroLRParty.decryptMasked(backward.maskedHostGradient, privateKey: keyPair.privateKey)
        weights = party.updated(weights, gradient: gradient, interceptLast: true)
        pendingMasks = nil
        cursor.advance()
        return GuestBackward(step: backward.step, hostGradientPlusMask: forHost)
    }

    /// The guest's part of the final model.
    public var model: HeteroLRGuestModel {
        HeteroLRGuestModel(runId: runId, featureNames: featureNames, weights: Array(weights.dropLast()),
                           intercept: weights.last ?? 0)
    }

    /// The host's feature names as announced, for the transparency log.
    public var announcedHostFeatures: [String] { hostFeatureNames }
}
