import Foundation

/// Plaintext encoding. Signed integers wrap modulo n: k ≥ 0 is k, k < 0 is n − |k|, and only |k| ≤ maxInt = ⌊n/3⌋ − 1
/// is valid, so that a result in (maxInt, n − maxInt) is recognised as an overflow rather than read as a wrong
/// number. Reals are fixed point: x is encoded as the integer round(x · 2^fractionBits); a product of two encodings
/// has fractionBits1 + fractionBits2 fraction bits, a sum needs equal scales (the protocol fixes one scale per vector).
extension PaillierPublicKey {
    /// The plaintext in [0, n) for a signed integer.
    public func encode(signed k: GMPInteger) throws -> GMPInteger {
        if k.signum >= 0 {
            guard k <= maxInt else { throw JointModelError.plaintextOverflow }
            return k
        }
        guard k.negated <= maxInt else { throw JointModelError.plaintextOverflow }
        return n + k
    }

    /// The signed integer a plaintext in [0, n) stands for; throws on overflow.
    public func signed(_ m: GMPInteger) throws -> GMPInteger {
        if m <= maxInt { return m }
        let negative = m - n
        guard negative.negated <= maxInt else { throw JointModelError.plaintextOverflow }
        return negative
    }

    public func encode(_ x: Double, fractionBits: Int) throws -> GMPInteger {
        try encode(signed: FixedPoint.integer(x, fractionBits: fractionBits))
    }

    public func decode(_ m: GMPInteger, fractionBits: Int) throws -> Double {
        FixedPoint.real(try signed(m), fractionBits: fractionBits)
    }
}

/// Fixed-point conversion between Doubles and big integers with a power-of-two scale.
public enum FixedPoint {
    /// round(x · 2^fractionBits) as a big integer (x must be finite).
    public static func integer(_ x: Double, fractionBits: Int) -> GMPInteger {
        precondition(x.isFinite, "non-finite value in fixed-point encoding")
        let scaled = (x * Double(sign: .plus, exponent: fractionBits, significand: 1)).rounded()
        if let small = Int(exactly: scaled) { return GMPInteger(small) }
        // Beyond Int: go through the exact decimal expansion of the (integral) Double.
        return GMPInteger(String(format: "%.0f", scaled))!
    }

    /// The real k / 2^fractionBits, computed without overflowing Double for large k.
    public static func real(_ k: GMPInteger, fractionBits: Int) -> Double {
        let bits = k.bitWidth
        if bits <= 1000 { return k.doubleValue * Double(sign: .plus, exponent: -fractionBits, significand: 1) }
        let shift = bits - 64
        return k.shiftedRight(shift).doubleValue * Double(sign: .plus, exponent: shift - fractionBits, significand: 1)
    }
}
