/// Training parameters both parties agree on (the guest proposes them in `HeteroLRSetup`).
public struct HeteroLRConfig: Sendable, Codable, Equatable {
    public var keyBits: Int
    public var learningRate: Double
    /// L2 penalty on the weights (not the intercept); 0 for none.
    public var l2: Double
    public var batchSize: Int
    public var epochs: Int
    /// Features are encoded as round(x · 2^featureFractionBits) exponents.
    public var featureFractionBits: Int
    /// Residual halves are encrypted as round(r · 2^residualFractionBits).
    public var residualFractionBits: Int
    public var obfuscators: ObfuscatorKind
    /// Seed of the (public) batch order; not a secret.
    public var batchSeed: UInt64

    public init(keyBits: Int = 2048, learningRate: Double = 0.2, l2: Double = 0, batchSize: Int = 512, epochs: Int = 10,
                featureFractionBits: Int = 16, residualFractionBits: Int = 24, obfuscators: ObfuscatorKind = .standard,
                batchSeed: UInt64 = 1) {
        self.keyBits = keyBits
        self.learningRate = learningRate
        self.l2 = l2
        self.batchSize = batchSize
        self.epochs = epochs
        self.featureFractionBits = featureFractionBits
        self.residualFractionBits = residualFractionBits
        self.obfuscators = obfuscators
        self.batchSeed = batchSeed
    }

    /// A batch must have clearly more rows than either party has weights; otherwise a party's own gradient
    /// (d equations in B unknown residuals) would let it solve for the other side's per-firm values, labels included.
    public func validate(rows: Int, guestWeights: Int, hostWeights: Int) throws {
        guard keyBits >= 1024 else { throw JointModelError.keyTooShort(bits: keyBits) }
        guard learningRate > 0, l2 >= 0, epochs > 0 else { throw JointModelError.invalidConfiguration("学习率、正则系数或轮数无效") }
        let minimum = 2 * max(guestWeights, hostWeights) + 1
        guard batchSize >= minimum else {
            throw JointModelError.invalidConfiguration("批大小 \(batchSize) 过小：至少应为双方特征数较大者的两倍加一（\(minimum)），否则梯度会泄露对方的逐行数据")
        }
        guard rows >= batchSize else { throw JointModelError.invalidConfiguration("对齐样本数 \(rows) 少于批大小 \(batchSize)") }
        guard (8...30).contains(featureFractionBits), (8...40).contains(residualFractionBits) else {
            throw JointModelError.invalidConfiguration("定点精度超出范围")
        }
    }

    /// The mini-batches of one epoch: a permutation from the public seed, cut into batches of `batchSize`,
    /// the remainder joining the last batch. Both parties compute the same plan.
    public func batches(rows: Int, epoch: Int) -> [[Int]] {
        var order = Array(0..<rows)
        var random = SplitMix64(seed: batchSeed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
        if rows > 1 {
            for i in stride(from: rows - 1, to: 0, by: -1) {
                let j = Int(random.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        let count = max(1, rows / batchSize)
        return (0..<count).map { b in
            Array(order[(b * batchSize)..<(b == count - 1 ? rows : (b + 1) * batchSize)])
        }
    }
}

/// A small deterministic generator for the public batch order, identical on every platform and Swift version.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
