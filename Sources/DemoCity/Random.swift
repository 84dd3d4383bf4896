import Foundation

extension CityGenerator {
    /// SplitMix64: used to seed `Xoshiro256` and to derive independent stream seeds.
    struct SplitMix64: RandomNumberGenerator, Sendable {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            return SplitMix64.mix(state)
        }

        /// The SplitMix64 finaliser: a good 64-bit hash of one value.
        static func mix(_ value: UInt64) -> UInt64 {
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A seed for stream `stream` of item `item` under a master seed; distinct inputs give unrelated seeds.
        static func derive(_ seed: UInt64, _ item: UInt64, _ stream: UInt64) -> UInt64 {
            mix(mix(seed ^ 0x5851_F42D_4C95_7F2D) ^ mix(item &* 0x9E37_79B9_7F4A_7C15 &+ stream))
        }
    }

    /// xoshiro256**: the generator behind every random draw of the demo city. All helpers below are our own,
    /// so the output does not depend on how the standard library maps random bits to ranges.
    struct Xoshiro256: RandomNumberGenerator, Sendable {
        private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

        init(seed: UInt64) {
            var seeder = SplitMix64(seed: seed)
            s0 = seeder.next(); s1 = seeder.next(); s2 = seeder.next(); s3 = seeder.next()
        }

        /// A generator for stream `stream` of item `item` (a firm, a dataset…) under the master seed.
        init(seed: UInt64, item: Int, stream: Int) {
            self.init(seed: SplitMix64.derive(seed, UInt64(truncatingIfNeeded: item), UInt64(truncatingIfNeeded: stream)))
        }

        @inline(__always) private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

        mutating func next() -> UInt64 {
            let result = Xoshiro256.rotl(s1 &* 5, 7) &* 9
            let t = s1 << 17
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
            s2 ^= t
            s3 = Xoshiro256.rotl(s3, 45)
            return result
        }

        /// Uniform in [0, 1).
        mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

        /// Uniform in [low, high).
        mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

        /// Uniform integer in 0..<bound (bound > 0).
        mutating func below(_ bound: Int) -> Int {
            Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(max(bound, 1))).high)
        }

        /// Uniform integer in the closed range.
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

        mutating func chance(_ probability: Double) -> Bool { uniform() < probability }

        /// Standard normal (Box–Muller, one value per call).
        mutating func normal() -> Double {
            let u1 = max(uniform(), 0x1.0p-60)
            let u2 = uniform()
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }

        mutating func normal(mean: Double, sd: Double) -> Double { mean + sd * normal() }

        /// Log-normal with the given median and log-scale spread.
        mutating func logNormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

        /// Poisson-distributed count (Knuth for small means, a rounded normal for large ones).
        mutating func poisson(_ lambda: Double) -> Int {
            if lambda <= 0 { return 0 }
            if lambda > 30 { return max(0, Int((lambda + lambda.squareRoot() * normal()).rounded())) }
            let limit = exp(-lambda)
            var product = uniform()
            var count = 0
            while product > limit {
                product *= uniform()
                count += 1
            }
            return count
        }

        /// Exponentially distributed value with the given mean.
        mutating func exponential(mean: Double) -> Double { -mean * log(max(1 - uniform(), 0x1.0p-60)) }

        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

        /// An index drawn with probability proportional to `weights`.
        mutating func weighted(_ weights: [Double]) -> Int {
            var total = 0.0
            for w in weights { total += w }
            var target = uniform() * total
            for (index, w) in weights.enumerated() {
                target -= w
                if target < 0 { return index }
            }
            return weights.count - 1
        }
    }

    /// A precomputed weighted choice for tables drawn from millions of times.
    struct WeightedTable: Sendable {
        private let cumulative: [Double]

        init(_ weights: [Double]) {
            var running = 0.0
            var sums: [Double] = []
            sums.reserveCapacity(weights.count)
            for w in weights {
                running += w
                sums.append(running)
            }
            cumulative = sums.map { $0 / max(running, .leastNonzeroMagnitude) }
        }

        func draw(_ rng: inout Xoshiro256) -> Int {
            let target = rng.uniform()
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] > target { high = mid } else { low = mid + 1 }
            }
            return low
        }
    }

    /// The logistic function, mapping a latent normal score into (0, 1).
    @inline(__always) static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    @inline(__always) static func clamp(_ x: Double, _ low: Double, _ high: Double) -> Double { min(max(x, low), high) }
}
