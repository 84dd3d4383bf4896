import CGMP

/// Randomness for keys, obfuscators, masks and blinding: the operating system's CSPRNG (getrandom on Linux,
/// through `SystemRandomNumberGenerator`). GMP's own generators are never used, so nothing here has a seed.
enum SecureRandom {
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var out = [UInt8]()
        out.reserveCapacity(count + 8)
        while out.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { out.append(contentsOf: $0) }
        }
        return Array(out.prefix(count))
    }

    /// A uniform integer with at most `bits` bits.
    static func integer(bits: Int) -> GMPInteger {
        precondition(bits > 0)
        var raw = bytes((bits + 7) / 8)
        let excess = raw.count * 8 - bits
        if excess > 0 { raw[0] &= UInt8(0xFF >> excess) }
        return GMPInteger(bigEndian: raw)
    }

    /// A uniform integer in [0, bound) by rejection sampling (bound > 0).
    static func below(_ bound: GMPInteger) -> GMPInteger {
        precondition(bound.signum > 0)
        let bits = bound.bitWidth
        while true {
            let candidate = integer(bits: bits)
            if candidate < bound { return candidate }
        }
    }

    /// A uniform unit of Z_n: in [1, n) and coprime to n.
    static func unit(modulo n: GMPInteger) -> GMPInteger {
        let one = GMPInteger(1)
        while true {
            let r = below(n)
            if r.signum > 0, r.gcd(n) == one { return r }
        }
    }

    /// A random probable prime of exactly `bits` bits with its two top bits set, so that the product of two such
    /// primes has exactly `2 * bits` bits. GMP's test (trial division, Baillie–PSW and Miller–Rabin rounds) is
    /// deterministic given the candidate; the candidates come from the CSPRNG.
    static func prime(bits: Int) -> GMPInteger {
        precondition(bits >= 16)
        while true {
            var raw = bytes((bits + 7) / 8)
            let excess = raw.count * 8 - bits
            raw[0] &= UInt8(0xFF >> excess)
            raw[0] |= UInt8(0xC0 >> excess)
            raw[raw.count - 1] |= 1
            let candidate = GMPInteger(bigEndian: raw)
            if __gmpz_probab_prime_p(candidate.pointer, 30) > 0 { return candidate }
        }
    }
}
