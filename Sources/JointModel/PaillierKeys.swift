/// A Paillier public key with g = n + 1, so that g^m = 1 + m·n mod n² and encrypting needs no exponentiation
/// but the obfuscator r^n (see `ObfuscatorPool`).
///
/// `shortExponentBase` is h_s = h^n mod n² for a random square h (Damgård–Jurik–Nielsen): obfuscators may then be
/// h_s^t with t of |n|/2 bits instead of r^n, much cheaper with a fixed-base table. Its security rests on an
/// extra assumption (short exponents of a random square look uniform), so it is an option, not the default.
public struct PaillierPublicKey: Sendable, Codable, Equatable {
    public let n: GMPInteger
    public let shortExponentBase: GMPInteger
    public let nSquared: GMPInteger
    /// Plaintexts in (maxInt, n − maxInt) are overflow; signed values are in [−maxInt, maxInt].
    public let maxInt: GMPInteger

    public var bits: Int { n.bitWidth }
    /// Bytes of a ciphertext in its fixed-width serialization (|n²| rounded up to bytes).
    public var ciphertextWidth: Int { (nSquared.bitWidth + 7) / 8 }

    public init(n: GMPInteger, shortExponentBase: GMPInteger) throws {
        guard n.bitWidth >= 1024, n.isOdd else { throw JointModelError.keyTooShort(bits: n.bitWidth) }
        let nSquared = n * n
        guard shortExponentBase.signum > 0, shortExponentBase < nSquared else { throw JointModelError.malformedMessage("h_s") }
        self.n = n
        self.shortExponentBase = shortExponentBase
        self.nSquared = nSquared
        self.maxInt = n / GMPInteger(3) - GMPInteger(1)
    }

    enum CodingKeys: String, CodingKey { case n, shortExponentBase }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(n: try c.decode(GMPInteger.self, forKey: .n),
                      shortExponentBase: try c.decode(GMPInteger.self, forKey: .shortExponentBase))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(n, forKey: .n)
        try c.encode(shortExponentBase, forKey: .shortExponentBase)
    }

    public static func == (a: PaillierPublicKey, b: PaillierPublicKey) -> Bool {
        a.n == b.n && a.shortExponentBase == b.shortExponentBase
    }
}

/// The private key, kept in CRT form for decryption (two half-size exponentiations instead of one full one).
/// It never leaves its owner, so it is deliberately not Codable.
public struct PaillierPrivateKey: Sendable {
    public let publicKey: PaillierPublicKey
    let p: GMPInteger
    let q: GMPInteger
    let pSquared: GMPInteger
    let qSquared: GMPInteger
    let pMinusOne: GMPInteger
    let qMinusOne: GMPInteger
    /// h_p = L_p(g^(p−1) mod p²)^−1 mod p, and likewise h_q.
    let hp: GMPInteger
    let hq: GMPInteger
    /// q^−1 mod p for combining the two halves.
    let qInverseModP: GMPInteger
    /// (q²)^−1 mod p², for CRT obfuscators r^n mod n² computed as two half-size exponentiations.
    let qSquaredInverseModPSquared: GMPInteger

    init(p: GMPInteger, q: GMPInteger, publicKey: PaillierPublicKey) throws {
        let one = GMPInteger(1)
        self.publicKey = publicKey
        self.p = p
        self.q = q
        pSquared = p * p
        qSquared = q * q
        pMinusOne = p - one
        qMinusOne = q - one
        let g = publicKey.n + one
        let lp = (g.powmod(pMinusOne, pSquared) - one) / p
        let lq = (g.powmod(qMinusOne, qSquared) - one) / q
        guard let hp = lp.inverse(p), let hq = lq.inverse(q), let qInverse = q.inverse(p),
              let q2Inverse = qSquared.inverse(pSquared) else { throw JointModelError.keyMismatch }
        self.hp = hp
        self.hq = hq
        qInverseModP = qInverse
        qSquaredInverseModPSquared = q2Inverse
    }

    /// Combines x mod p² and x mod q² into x mod n².
    func combineSquares(_ xp: GMPInteger, _ xq: GMPInteger) -> GMPInteger {
        let difference = (xp - xq).mulmod(qSquaredInverseModPSquared, pSquared)
        return xq + qSquared * difference
    }
}

public struct PaillierKeyPair: Sendable {
    public let publicKey: PaillierPublicKey
    public let privateKey: PaillierPrivateKey

    /// Generates a key with an n of exactly `bits` bits (at least 1024; use 2048 or more in production).
    public static func generate(bits: Int = 2048) throws -> PaillierKeyPair {
        guard bits >= 1024, bits % 16 == 0 else { throw JointModelError.keyTooShort(bits: bits) }
        while true {
            let p = SecureRandom.prime(bits: bits / 2)
            let q = SecureRandom.prime(bits: bits / 2)
            guard p != q else { continue }
            let n = p * q
            // With p, q of equal length gcd(n, (p−1)(q−1)) = 1 always holds; checked anyway.
            let phi = (p - GMPInteger(1)) * (q - GMPInteger(1))
            guard n.bitWidth == bits, n.gcd(phi) == GMPInteger(1) else { continue }
            // h = −x² mod n for a random unit x, h_s = h^n mod n² (Damgård–Jurik–Nielsen).
            let x = SecureRandom.unit(modulo: n)
            let h = n - x.mulmod(x, n)
            let nSquared = n * n
            let hs = h.powmod(n, nSquared)
            let publicKey = try PaillierPublicKey(n: n, shortExponentBase: hs)
            return PaillierKeyPair(publicKey: publicKey, privateKey: try PaillierPrivateKey(p: p, q: q, publicKey: publicKey))
        }
    }
}
