/// Encryption and the homomorphic operations, all with the public key.
extension PaillierPublicKey {
    /// Enc(m) = (1 + m·n) · obfuscator mod n², for a plaintext m in [0, n) (use `encode` for signed values).
    public func encrypt(_ m: GMPInteger, pool: inout ObfuscatorPool) -> PaillierCiphertext {
        precondition(pool.publicKey == self, "obfuscator pool of another key")
        return PaillierCiphertext(encryptWithoutObfuscator(m).mulmod(pool.next(), nSquared))
    }

    /// Encrypts a signed real in fixed point.
    public func encrypt(_ x: Double, fractionBits: Int, pool: inout ObfuscatorPool) throws -> PaillierCiphertext {
        encrypt(try encode(x, fractionBits: fractionBits), pool: &pool)
    }

    /// 1 + m·n mod n²: a valid but deterministic ciphertext, only as a step of `encrypt` or `addPlain`.
    func encryptWithoutObfuscator(_ m: GMPInteger) -> GMPInteger {
        (GMPInteger(1) + m.mod(n) * n).mod(nSquared)
    }

    /// Enc(a + b).
    public func add(_ a: PaillierCiphertext, _ b: PaillierCiphertext) -> PaillierCiphertext {
        PaillierCiphertext(a.value.mulmod(b.value, nSquared))
    }

    /// Enc(a + m) for a plaintext m in [0, n) (not re-randomized).
    public func addPlain(_ a: PaillierCiphertext, _ m: GMPInteger) -> PaillierCiphertext {
        PaillierCiphertext(a.value.mulmod(encryptWithoutObfuscator(m), nSquared))
    }

    /// Enc(k · a) for a signed integer k: c^k, or (c^−1)^|k| for negative k (a short exponent either way).
    public func multiply(_ a: PaillierCiphertext, by k: GMPInteger) -> PaillierCiphertext {
        if k.signum >= 0 { return PaillierCiphertext(a.value.powmod(k, nSquared)) }
        let inverse = a.value.inverse(nSquared)!  // ciphertexts are units of Z_{n²}
        return PaillierCiphertext(inverse.powmod(k.negated, nSquared))
    }

    /// The same plaintext under fresh randomness: c · obfuscator.
    public func rerandomize(_ a: PaillierCiphertext, pool: inout ObfuscatorPool) -> PaillierCiphertext {
        PaillierCiphertext(a.value.mulmod(pool.next(), nSquared))
    }

    /// Σ_i k_i · Enc(a_i) for every column of a matrix of small signed integers: see `MultiExponentiation`.
    public func weightedSums(_ ciphertexts: [PaillierCiphertext], weights: [[Int64]]) -> [PaillierCiphertext] {
        MultiExponentiation.columnProducts(bases: ciphertexts.map(\.value), exponents: weights, modulus: nSquared)
            .map(PaillierCiphertext.init)
    }

    /// Σ_i exponent(i, j) · Enc(a_i) for j in 0..<columns, columns in parallel.
    public func weightedSums(_ ciphertexts: [PaillierCiphertext], columns: Int,
                             exponent: @escaping @Sendable (Int, Int) -> Int64) -> [PaillierCiphertext] {
        MultiExponentiation.columnProducts(bases: ciphertexts.map(\.value), columns: columns, exponent: exponent,
                                           modulus: nSquared).map(PaillierCiphertext.init)
    }
}
