import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Timings of the joint-modelling core: PSI throughput, Paillier operations, one hetero-LR epoch. Wall time and
/// process CPU time (all threads) are both reported, since the machines are shared and have 2 cores.
public enum JointBenchmark {
    public struct Measurement: Sendable, CustomStringConvertible {
        public let name: String
        public let operations: Int
        public let wallSeconds: Double
        public let cpuSeconds: Double

        public var perSecond: Double { Double(operations) / wallSeconds }
        public var description: String {
            String(format: "%@: %d ops, wall %.3f s, CPU %.3f s, %.1f ops/s (wall), %.4f ms CPU/op", name, operations,
                   wallSeconds, cpuSeconds, perSecond, cpuSeconds * 1000 / Double(max(operations, 1)))
        }
    }

    /// Process CPU seconds (user + system, all threads).
    static func cpuNow() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    static func measure<T>(_ name: String, operations: Int, _ body: () throws -> T) rethrows -> (Measurement, T) {
        let wall = Date(), cpu = cpuNow()
        let result = try body()
        return (Measurement(name: name, operations: operations, wallSeconds: Date().timeIntervalSince(wall),
                            cpuSeconds: cpuNow() - cpu), result)
    }

    /// PSI of n × n ids with half of them in common; ops = ids on both sides (2n).
    public static func psi(ids n: Int) throws -> Measurement {
        let hostIds = (0..<n).map { String(format: "91210200%010d", $0) }
        let guestIds = (n / 2..<(n + n / 2)).map { String(format: "91210200%010d", $0) }
        let (m, aligned) = try measure("PSI \(n) × \(n) ids", operations: 2 * n) { () throws -> Int in
            var host = PSIHost(ids: hostIds, isAllowed: { _ in true }, domain: "bench", maxQuerySize: n)
            let guest = PSIGuest(ids: guestIds)
            let offer = try host.offer()
            let reply = try host.reply(to: try guest.query(domain: offer.domain))
            let (aligned, result) = try guest.finish(offer: offer, reply: reply)
            _ = try host.finish(result)
            return aligned.count
        }
        precondition(aligned == n - n / 2, "PSI benchmark found \(aligned) instead of \(n - n / 2)")
        return m
    }

    /// Key generation and the per-operation costs of Paillier at `bits`, over `operations` operations each.
    public static func paillier(bits: Int, operations: Int) throws -> [Measurement] {
        let (keyTime, pair) = try measure("keygen \(bits)", operations: 1) { try PaillierKeyPair.generate(bits: bits) }
        let pk = pair.publicKey, sk = pair.privateKey
        var out = [keyTime]
        var textbook = ObfuscatorPool(publicKey: pk)
        out.append(measure("obfuscator r^n mod n² (\(bits), public key only)", operations: operations) { textbook.fill(operations) }.0)
        var crt = ObfuscatorPool(publicKey: pk, privateKey: sk)
        out.append(measure("obfuscator r^n by CRT (\(bits), key owner)", operations: operations) { crt.fill(operations) }.0)
        let (tableTime, short) = measure("fixed-base table for h_s^t (\(bits), once per key)", operations: 1) {
            ObfuscatorPool(publicKey: pk, kind: .shortExponent)
        }
        out.append(tableTime)
        var shortPool = short
        out.append(measure("obfuscator h_s^t, |t| = \(bits / 2) (\(bits))", operations: operations) { shortPool.fill(operations) }.0)
        let values = (0..<operations).map { GMPInteger($0 * 7919 + 1) }
        var pool = crt
        pool.fill(operations)
        let (encrypt, cts) = measure("encrypt with pooled obfuscator (\(bits))", operations: operations) {
            values.map { pk.encrypt($0, pool: &pool) }
        }
        out.append(encrypt)
        out.append(measure("decrypt CRT (\(bits))", operations: operations) { cts.map { sk.decrypt($0) } }.0)
        out.append(measure("add ct+ct (\(bits))", operations: operations) { zip(cts, cts.reversed()).map { pk.add($0, $1) } }.0)
        let scalars: [GMPInteger] = (0..<operations).map { i -> GMPInteger in
            let raw: Int = (i * 2_654_435_761) % (1 << 20)
            return GMPInteger(raw - (1 << 19))
        }
        out.append(measure("scalar-mul by a signed 20-bit k (\(bits))", operations: operations) {
            zip(cts, scalars).map { pk.multiply($0, by: $1) }
        }.0)
        let rows = operations, columns = 8
        let exponents: [[Int64]] = (0..<rows).map { i in
            (0..<columns).map { j -> Int64 in
                let raw: Int = (i * 31 + j * 17) % (1 << 20)
                return Int64(raw - (1 << 19))
            }
        }
        out.append(measure("weighted sums Σ k·[[d]] by buckets (\(bits)), per term, \(rows)×\(columns)", operations: rows * columns) {
            pk.weightedSums(cts, weights: exponents)
        }.0)
        return out
    }

    /// One epoch of vertical LR on synthetic data: `rows` aligned firms, `bankFeatures` + `centerFeatures` columns.
    /// Key generation is excluded (reported apart); everything else, obfuscator tables and pools included, counts.
    public static func heteroLREpoch(rows: Int, bankFeatures: Int = 30, centerFeatures: Int = 300, bits: Int,
                                     batchSize: Int = 1024, obfuscators: ObfuscatorKind = .shortExponent) throws
        -> (Measurement, bytes: Int)
    {
        var random = SplitMix64(seed: 42)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) * 2 - 1 }
        let bank = try FeatureMatrix(names: (0..<bankFeatures).map { "b\($0)" },
                                     rows: (0..<rows).map { _ in (0..<bankFeatures).map { _ in uniform() * 1.7 } })
        let center = try FeatureMatrix(names: (0..<centerFeatures).map { "c\($0)" },
                                       rows: (0..<rows).map { _ in (0..<centerFeatures).map { _ in uniform() * 1.7 } })
        let labels = (0..<rows).map { i in Logistic.sigmoid(bank[i, 0] - center[i, 0]) > (uniform() + 1) / 2 ? 1 : 0 }
        let guestKey = try PaillierKeyPair.generate(bits: bits), hostKey = try PaillierKeyPair.generate(bits: bits)
        let config = HeteroLRConfig(keyBits: bits, learningRate: 0.1, batchSize: min(batchSize, rows), epochs: 1,
                                    obfuscators: obfuscators)
        let (m, run) = try measure("hetero-LR epoch \(rows)×(\(bankFeatures)+\(centerFeatures)) \(bits)-bit \(obfuscators)",
                                   operations: rows) {
            try HeteroLRLocalRun.train(runId: "bench", guestFeatures: bank, labels: labels, hostFeatures: center,
                                       config: config, guestKey: guestKey, hostKey: hostKey)
        }
        return (m, run.bytesExchanged)
    }

    /// Everything at the given scale, as printable lines.
    public static func report(psiIds: Int, paillierOperations: Int, lrRows: Int, lrBankFeatures: Int = 30,
                              lrCenterFeatures: Int = 300, bits: [Int] = [1024, 2048],
                              print emit: (String) -> Void = { print($0) }) throws {
        emit("cores: \(ProcessInfo.processInfo.activeProcessorCount)")
        emit(try psi(ids: psiIds).description)
        for b in bits {
            for m in try paillier(bits: b, operations: paillierOperations) { emit(m.description) }
        }
        for b in bits {
            let (m, bytes) = try heteroLREpoch(rows: lrRows, bankFeatures: lrBankFeatures, centerFeatures: lrCenterFeatures,
                                               bits: b, batchSize: max(1024, 2 * lrCenterFeatures + 2))
            emit(m.description + String(format: ", %.1f MB exchanged", Double(bytes) / 1e6))
        }
    }
}
