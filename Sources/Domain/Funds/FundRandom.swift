/// The simulator's random numbers: xoshiro256** (Blackman & Vigna), seeded through SplitMix64.
///
/// Why our own generator rather than `SystemRandomNumberGenerator`: a simulation must replay exactly for a seed on
/// every platform (macOS and Linux, any Swift version), which the system generator never does; and it must be fast —
/// xoshiro256** is a few shifts and rotations per 64 bits, with a 2²⁵⁶ − 1 period and no known statistical flaw
/// for this use. SplitMix64 turns one 64-bit seed (and a path number) into a well-mixed state, so each path has its
/// own stream and the results do not depend on how paths are spread over cores.
public struct FundRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// The stream of `path` under `seed`.
    public init(seed: UInt64, path: UInt64 = 0) {
        var sm = SplitMix64(state: seed ^ (path &* 0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
        // Burn one so that seed 0, path 0 does not start from a plain constant.
        _ = sm.next()
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform double in (0, 1] (53 random bits; never 0, so its logarithm is finite).
    @inline(__always)
    public mutating func unitOpenBelow() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (multiply-high; the bias is below 2⁻³² for the bounds used here).
    @inline(__always)
    public mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64 (Steele, Lea & Flood): a seed expander.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
