/// What guest and host do alike: quantize their features, encrypt their residual halves under their own key,
/// compute their masked gradient under the other's key, and remove their mask.
struct HeteroLRParty: Sendable {
    let config: HeteroLRConfig
    /// round(x · 2^F) row-major, with a trailing column of 2^F (the intercept) when `intercept` is set.
    let quantized: [Int64]
    let columns: Int
    let rows: Int

    init(features: FeatureMatrix, intercept: Bool, config: HeteroLRConfig) {
        self.config = config
        let scale = Double(sign: .plus, exponent: config.featureFractionBits, significand: 1)
        columns = features.columns + (intercept ? 1 : 0)
        rows = features.rows
        var q = [Int64]()
        q.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for x in features.row(i) { q.append(Int64((x * scale).rounded())) }
            if intercept { q.append(Int64(scale)) }
        }
        quantized = q
    }

    /// The quantized feature value as a real (what the encrypted arithmetic sees).
    func x(_ row: Int, _ column: Int) -> Double {
        Double(quantized[row * columns + column]) * Double(sign: .plus, exponent: -config.featureFractionBits, significand: 1)
    }

    /// w·x_i over the quantized features for the given rows.
    func linearScores(_ weights: [Double], rows batch: [Int]) -> [Double] {
        batch.map { i in (0..<columns).reduce(0.0) { $0 + weights[$1] * x(i, $1) } }
    }

    /// Encrypts this party's residual halves under its own key (CRT obfuscators when the pool has the private key).
    func encryptHalves(_ halves: [Double], publicKey: PaillierPublicKey, pool: inout ObfuscatorPool) throws
        -> PaillierCiphertextVector
    {
        if pool.available < halves.count { pool.fillInParallel(halves.count - pool.available) }
        let cts = try halves.map { try publicKey.encrypt($0, fractionBits: config.residualFractionBits, pool: &pool) }
        return PaillierCiphertextVector(cts, publicKey: publicKey)
    }

    /// [[X_batchᵀ(other + own) + R]] under the other's key, and the masks R (uniform mod n).
    func maskedGradient(otherHalves: [PaillierCiphertext], ownHalves: [Double], batch: [Int],
                        otherKey: PaillierPublicKey, otherPool: inout ObfuscatorPool) throws
        -> (PaillierCiphertextVector, [GMPInteger])
    {
        guard otherHalves.count == batch.count else {
            throw JointModelError.dimensionMismatch(expected: batch.count, got: otherHalves.count)
        }
        let quantized = self.quantized, columns = self.columns
        let encrypted = otherKey.weightedSums(otherHalves, columns: columns) { i, j in quantized[batch[i] * columns + j] }
        if otherPool.available < columns { otherPool.fillInParallel(columns - otherPool.available) }
        var masked: [PaillierCiphertext] = []
        var masks: [GMPInteger] = []
        let scaleBits = config.featureFractionBits + config.residualFractionBits
        for j in 0..<columns {
            var clear = 0.0
            for (k, i) in batch.enumerated() { clear += x(i, j) * ownHalves[k] }
            let mask = SecureRandom.below(otherKey.n)
            let plain = (try otherKey.encode(clear, fractionBits: scaleBits) + mask).mod(otherKey.n)
            masked.append(otherKey.add(encrypted[j], otherKey.encrypt(plain, pool: &otherPool)))
            masks.append(mask)
        }
        return (PaillierCiphertextVector(masked, publicKey: otherKey), masks)
    }

    /// Decrypts the other's masked gradient for it.
    static func decryptMasked(_ vector: PaillierCiphertextVector, privateKey: PaillierPrivateKey) throws -> [GMPInteger] {
        let cts = try vector.ciphertexts(publicKey: privateKey.publicKey)
        return Parallel.map(cts.count) { privateKey.decrypt(cts[$0]) }
    }

    /// Removes the masks (drawn mod the n of `maskKey`, the key the masked gradient was under): the batch-mean gradient.
    func unmask(_ values: [GMPInteger], masks: [GMPInteger], maskKey: PaillierPublicKey, batchSize: Int) throws -> [Double] {
        guard values.count == masks.count else { throw JointModelError.dimensionMismatch(expected: masks.count, got: values.count) }
        let scaleBits = config.featureFractionBits + config.residualFractionBits
        return try zip(values, masks).map { value, mask in
            guard value.signum >= 0, value < maskKey.n else { throw JointModelError.ciphertextOutOfRange }
            return try maskKey.decode((value - mask).mod(maskKey.n), fractionBits: scaleBits) / Double(batchSize)
        }
    }

    /// w ← w − η(g + λw); the intercept (last, when present) is not penalized.
    func updated(_ weights: [Double], gradient: [Double], interceptLast: Bool) -> [Double] {
        weights.indices.map { j in
            let penalty = (interceptLast && j == weights.count - 1) ? 0 : config.l2 * weights[j]
            return weights[j] - config.learningRate * (gradient[j] + penalty)
        }
    }
}
