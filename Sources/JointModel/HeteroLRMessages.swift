// The messages of vertical (hetero) logistic regression between the bank (guest: labels y, features X_g, key pair
// sk_g) and the credit center (host: features X_h, key pair sk_h). No arbiter: each party holds its own Paillier key
// and decrypts only values masked by the other. [[·]]_g / [[·]]_h = encrypted under the guest's / host's key.
//
// With the first-order Taylor expansion of the logistic loss (y ∈ {0, 1}): σ(z) − y ≈ 0.5 + 0.25·z − y, so the
// residual of row i is d_i = u_i + v_i with u_i = 0.25·w_h·x_h,i (host half) and v_i = 0.25·(w_g·x_g,i + b) + 0.5 − y_i
// (guest half, the only one involving labels). The gradients are G_g = X_gᵀd, G_h = X_hᵀd (÷ batch size).
// Per batch:
//   host → guest  HostForward:   [[u_i]]_h
//   guest → host  GuestForward:  [[v_i]]_g, and [[G_g + R_g]]_h = X_gᵀ[[u]]_h ⊕ Enc_h(X_gᵀv + R_g), R_g uniform mod n_h
//   host → guest  HostBackward:  G_g + R_g (decrypted), and [[G_h + R_h]]_g = X_hᵀ[[v]]_g ⊕ Enc_g(X_hᵀu + R_h)
//   guest → host  GuestBackward: G_h + R_h (decrypted)
//   each removes its mask and updates its own weights.
// Every value a party decrypts carries a uniform one-time mask, and every ciphertext sent for decryption has fresh
// randomness (the masked encryption uses a new obfuscator), so decryption reveals nothing but uniform noise.
// What each party learns in clear: its own gradient per batch and its own final weights; the sizes (rows, the
// other side's feature count and names); the batch order (public). Its own gradient is an aggregate over the batch of
// the other's per-row values (the guest learns X_gᵀu, the host X_hᵀd); batches must therefore be much larger than
// the number of weights on either side (`HeteroLRConfig.validate`). Same leakage profile as FATE's hetero LR, but
// without an arbiter that sees both gradients. The loss is not computed (a fixed number of epochs).

/// A step of training: epoch and batch within the epoch.
public struct HeteroLRStep: Sendable, Codable, Equatable, Comparable, CustomStringConvertible {
    public let epoch: Int
    public let batch: Int
    public static func < (a: Self, b: Self) -> Bool { (a.epoch, a.batch) < (b.epoch, b.batch) }
    public var description: String { "epoch \(epoch) batch \(batch)" }
}

/// guest → host: the run's parameters and the guest's public key.
public struct HeteroLRSetup: Sendable, Codable, Equatable {
    public let runId: String
    public let config: HeteroLRConfig
    public let rows: Int
    public let guestFeatureNames: [String]
    public let guestPublicKey: PaillierPublicKey
}

/// host → guest: the host's public key and its feature names (for the log of which features took part).
public struct HeteroLRHostReady: Sendable, Codable, Equatable {
    public let runId: String
    public let hostFeatureNames: [String]
    public let hostPublicKey: PaillierPublicKey
}

public struct HostForward: Sendable, Codable, Equatable {
    public let step: HeteroLRStep
    /// [[u_i]]_h for the batch's rows, in batch order.
    public let hostHalves: PaillierCiphertextVector
}

public struct GuestForward: Sendable, Codable, Equatable {
    public let step: HeteroLRStep
    /// [[v_i]]_g for the batch's rows.
    public let guestHalves: PaillierCiphertextVector
    /// [[G_g + R_g]]_h, one per guest weight (intercept last).
    public let maskedGuestGradient: PaillierCiphertextVector
}

public struct HostBackward: Sendable, Codable, Equatable {
    public let step: HeteroLRStep
    /// G_g + R_g mod n_h, decrypted by the host.
    public let guestGradientPlusMask: [GMPInteger]
    /// [[G_h + R_h]]_g, one per host weight.
    public let maskedHostGradient: PaillierCiphertextVector
}

public struct GuestBackward: Sendable, Codable, Equatable {
    public let step: HeteroLRStep
    /// G_h + R_h mod n_g, decrypted by the guest.
    public let hostGradientPlusMask: [GMPInteger]
}
