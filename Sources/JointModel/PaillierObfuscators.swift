/// How obfuscators (the random factor of a Paillier ciphertext) are made.
public enum ObfuscatorKind: String, Sendable, Codable, CaseIterable {
    /// r^n mod n² for a uniform unit r: the textbook scheme. With the private key, computed by CRT
    /// (r^n mod p² and mod q², half-size moduli), about 3–4× faster.
    case standard
    /// h_s^t mod n² with t uniform of ⌈|n|/2⌉ bits and a fixed-base window table (Damgård–Jurik–Nielsen):
    /// an order of magnitude faster, under the additional short-exponent assumption.
    case shortExponent
}

/// A pool of precomputed obfuscators for one public key, so that encrypting or re-randomizing costs one
/// multiplication mod n² at the time it is needed. Owned by one party (not shared between tasks); refill it while
/// waiting for the other party. Every obfuscator is used once.
public struct ObfuscatorPool: Sendable {
    public let publicKey: PaillierPublicKey
    public let kind: ObfuscatorKind
    let privateKey: PaillierPrivateKey?
    let table: FixedBaseTable?
    private var stock: [GMPInteger] = []

    /// - Parameter privateKey: give it when the pool is for one's own key, to use CRT (standard kind).
    public init(publicKey: PaillierPublicKey, kind: ObfuscatorKind = .standard, privateKey: PaillierPrivateKey? = nil) {
        self.publicKey = publicKey
        self.kind = kind
        self.privateKey = privateKey.flatMap { $0.publicKey == publicKey ? $0 : nil }
        table = kind == .shortExponent
            ? FixedBaseTable(base: publicKey.shortExponentBase, modulus: publicKey.nSquared,
                             exponentBits: (publicKey.bits + 1) / 2, windowBits: 8)
            : nil
    }

    public var available: Int { stock.count }

    /// Computes `count` more obfuscators now.
    public mutating func fill(_ count: Int) {
        stock.reserveCapacity(stock.count + count)
        for _ in 0..<count { stock.append(makeOne()) }
    }

    /// Computes `count` more obfuscators on all cores.
    public mutating func fillInParallel(_ count: Int) {
        let pool = self
        stock.append(contentsOf: Parallel.map(count) { _ in pool.makeOne() })
    }

    /// The next obfuscator; computed on the spot if the pool is empty.
    public mutating func next() -> GMPInteger {
        stock.popLast() ?? makeOne()
    }

    func makeOne() -> GMPInteger {
        switch kind {
        case .standard:
            let r = SecureRandom.unit(modulo: publicKey.n)
            if let sk = privateKey {
                return sk.combineSquares(r.powmod(publicKey.n, sk.pSquared), r.powmod(publicKey.n, sk.qSquared))
            }
            return r.powmod(publicKey.n, publicKey.nSquared)
        case .shortExponent:
            let t = SecureRandom.integer(bits: (publicKey.bits + 1) / 2)
            return table!.power(t)
        }
    }
}

/// Powers of one fixed base by precomputed windows: table[k][d] = base^(d·2^(w·k)), so base^e is one product
/// of one entry per window (|e|/w multiplications, no squarings).
final class FixedBaseTable: @unchecked Sendable {
    let modulus: GMPInteger
    let windowBits: Int
    let windows: Int
    /// Immutable after init.
    let entries: [[GMPInteger]]

    init(base: GMPInteger, modulus: GMPInteger, exponentBits: Int, windowBits: Int) {
        self.modulus = modulus
        self.windowBits = windowBits
        windows = (exponentBits + windowBits - 1) / windowBits
        var all: [[GMPInteger]] = []
        var windowBase = base.mod(modulus)
        for _ in 0..<windows {
            var row = [GMPInteger(1)]
            for _ in 1..<(1 << windowBits) { row.append(row[row.count - 1].mulmod(windowBase, modulus)) }
            windowBase = row[row.count - 1].mulmod(windowBase, modulus)  // base^(2^w) of this window's base
            all.append(row)
        }
        entries = all
    }

    func power(_ exponent: GMPInteger) -> GMPInteger {
        let bytes = exponent.bigEndianBytes
        precondition(bytes.count * 8 <= windows * windowBits + 7)
        let result = GMPInteger(1)
        let mask = (1 << windowBits) - 1
        for k in 0..<windows {
            let digit = Self.bits(bytes, from: k * windowBits, count: windowBits) & mask
            if digit != 0 { result.multiplyModInPlace(by: entries[k][digit], modulus) }
        }
        return result
    }

    /// Bits [from, from+count) of a big-endian byte string, least significant bit first.
    static func bits(_ bytes: [UInt8], from: Int, count: Int) -> Int {
        var value = 0
        for i in 0..<count {
            let bit = from + i
            let byteIndex = bytes.count - 1 - bit / 8
            guard byteIndex >= 0 else { break }
            if (bytes[byteIndex] >> (bit % 8)) & 1 == 1 { value |= 1 << i }
        }
        return value
    }
}
