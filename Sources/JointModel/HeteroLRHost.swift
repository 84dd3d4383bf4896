/// The credit center's side of vertical LR: it holds its features, its weights (no intercept) and the host key pair.
/// It drives the steps: `nextForward()` starts each batch. See `HeteroLRMessages.swift`.
public struct HeteroLRHost: Sendable {
    public let runId: String
    public let config: HeteroLRConfig
    let featureNames: [String]
    let party: HeteroLRParty
    let keyPair: PaillierKeyPair
    let guestKey: PaillierPublicKey
    var ownPool: ObfuscatorPool
    var guestPool: ObfuscatorPool
    var cursor: BatchCursor
    /// The host halves u of the batch in flight and the masks of its gradient.
    var pendingHalves: [Double]?
    var pendingMasks: [GMPInteger]?
    public private(set) var weights: [Double]

    /// Accepts the guest's setup after checking it against the host's own features and policy.
    public init(setup: HeteroLRSetup, features: FeatureMatrix, keyPair: PaillierKeyPair? = nil) throws {
        guard setup.rows == features.rows else { throw JointModelError.dimensionMismatch(expected: features.rows, got: setup.rows) }
        let config = setup.config
        try config.validate(rows: features.rows, guestWeights: setup.guestFeatureNames.count + 1, hostWeights: features.columns)
        guard setup.guestPublicKey.bits >= config.keyBits else { throw JointModelError.keyTooShort(bits: setup.guestPublicKey.bits) }
        runId = setup.runId
        self.config = config
        featureNames = features.names
        party = HeteroLRParty(features: features, intercept: false, config: config)
        let pair = try keyPair ?? PaillierKeyPair.generate(bits: config.keyBits)
        self.keyPair = pair
        guestKey = setup.guestPublicKey
        ownPool = ObfuscatorPool(publicKey: pair.publicKey, kind: config.obfuscators, privateKey: pair.privateKey)
        guestPool = ObfuscatorPool(publicKey: setup.guestPublicKey, kind: config.obfuscators)
        cursor = BatchCursor(config: config, rows: features.rows)
        weights = Array(repeating: 0, count: features.columns)
    }

    public func ready() -> HeteroLRHostReady {
        HeteroLRHostReady(runId: runId, hostFeatureNames: featureNames, hostPublicKey: keyPair.publicKey)
    }

    public var isFinished: Bool { cursor.isFinished }

    /// Starts the next batch: [[u]]_h with u = 0.25·w_h·x_h. Nil when training is over.
    public mutating func nextForward() throws -> HostForward? {
        guard !cursor.isFinished else { return nil }
        guard pendingHalves == nil else { throw JointModelError.unexpectedMessage(expected: "GuestForward", got: "nextForward") }
        let halves = party.linearScores(weights, rows: cursor.batch).map { 0.25 * $0 }
        let encrypted = try party.encryptHalves(halves, publicKey: keyPair.publicKey, pool: &ownPool)
        pendingHalves = halves
        return HostForward(step: cursor.step, hostHalves: encrypted)
    }

    /// Decrypts the guest's masked gradient for it and returns the host's own masked gradient under the guest's key.
    public mutating func handle(_ forward: GuestForward) throws -> HostBackward {
        guard let halves = pendingHalves, pendingMasks == nil else {
            throw JointModelError.unexpectedMessage(expected: "nextForward", got: "GuestForward")
        }
        try cursor.check(forward.step, message: "GuestForward")
        let forGuest = try HeteroLRParty.decryptMasked(forward.maskedGuestGradient, privateKey: keyPair.privateKey)
        let guestHalves = try forward.guestHalves.ciphertexts(publicKey: guestKey)
        let (masked, masks) = try party.maskedGradient(otherHalves: guestHalves, ownHalves: halves, batch: cursor.batch,
                                                       otherKey: guestKey, otherPool: &guestPool)
        pendingMasks = masks
        return HostBackward(step: forward.step, guestGradientPlusMask: forGuest, maskedHostGradient: masked)
    }

    /// Removes its mask and updates the host weights.
    public mutating func handle(_ backward: GuestBackward) throws {
        guard let masks = pendingMasks else { throw JointModelError.unexpectedMessage(expected: "GuestForward", got: "GuestBackward") }
        try cursor.check(backward.step, message: "GuestBackward")
        let gradient = try party.unmask(backward.hostGradientPlusMask, masks: masks, maskKey: guestKey,
                                        batchSize: cursor.batch.count)
        weights = party.updated(weights, gradient: gradient, interceptLast: false)
        pendingHalves = nil
        pendingMasks = nil
        cursor.advance()
    }

    /// The host's part of the final model.
    public var model: HeteroLRHostModel {
        HeteroLRHostModel(runId: runId, featureNames: featureNames, weights: weights)
    }
}
