import Foundation
import JointModel
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// `xyd bench joint`: the joint-modelling core at a city's scale — an X25519 PSI of `ids` × `ids` (half in common) and
/// one hetero-LR epoch on `firms` aligned firms with 30 bank + 300 center features, at 2048-bit keys and at 1024 for
/// comparison with FATE (whose 2.x default is 1024). Wall and CPU seconds (all threads) and the process's peak
/// resident memory; beside them the published FATE figures (`JOINT-MODELLING.md` §5) converted to core-seconds, since
/// FATE used 16 cores and this machine has far fewer. Key generation is excluded from the epoch (reported by FATE apart too).
struct JointBench {
    let app: Application
    let ids: Int
    let firms: Int
    let bankFeatures = 30
    let centerFeatures = 300

    func say(_ text: String) { app.console.print(text) }

    /// Peak resident set size of this process so far, in MB (Linux reports ru_maxrss in KiB).
    static func peakMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    // FATE, 16 cores used (Xeon 8255C): PSI of 10 M ids 7 m 10 s (`performance_multi_engines.md`); hetero (coordinated)
    // LR 2 m 16 s per epoch at 100k × (30 + 300) (`performance_comparison.md`, FATE 2.0, key length not stated, 2.x default 1024).
    static let fateCores = 16.0
    static let fatePSISeconds = 430.0, fatePSIIds = 10_000_000.0
    static let fateEpochSeconds = 136.0, fateEpochRows = 100_000.0

    func run() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        say("== 联合建模基准（\(cores) 核；机器若同时有其他任务，墙钟时间偏大，以 CPU 时间为准）==")
        say(String(format: "FATE 公布数据（16 核）：PSI 1000 万 id %.0f s = 每百万 id %.0f 核·秒；纵向 LR 10 万×330 每轮 %.0f s = %.0f 核·秒",
                   Self.fatePSISeconds, Self.fatePSISeconds * Self.fateCores / (Self.fatePSIIds / 1e6),
                   Self.fateEpochSeconds, Self.fateEpochSeconds * Self.fateCores))

        let psi = try JointBenchmark.psi(ids: ids)
        let psiPerMillion = psi.cpuSeconds / (Double(ids) / 1e6)
        let fatePerMillion = Self.fatePSISeconds * Self.fateCores / (Self.fatePSIIds / 1e6)
        say(String(format: "PSI（X25519）%d × %d id：墙钟 %.1f s，CPU %.1f s，峰值内存 %.0f MB；每百万 id %.0f 核·秒（FATE %.0f，%.1f 倍）",
                   ids, ids, psi.wallSeconds, psi.cpuSeconds, Self.peakMB(), psiPerMillion, fatePerMillion, fatePerMillion / psiPerMillion))

        for bits in [2048, 1024] {
            let (m, bytes) = try JointBenchmark.heteroLREpoch(rows: firms, bankFeatures: bankFeatures, centerFeatures: centerFeatures,
                                                              bits: bits, batchSize: 1024)
            let scaled = m.cpuSeconds * Self.fateEpochRows / Double(firms)
            let comparison = bits == 1024 ? String(format: "同为 1024 位，%.1f 倍", Self.fateEpochSeconds * Self.fateCores / scaled)
                : "FATE 为 1024 位，仅供参考"
            say(String(format: "纵向 LR 一轮 %d×(%d+%d)，%d 位密钥：墙钟 %.1f s，CPU %.1f s，峰值内存 %.0f MB，通信 %.1f MB；折合 10 万行 %.0f 核·秒（FATE %.0f 核·秒，",
                       firms, bankFeatures, centerFeatures, bits, m.wallSeconds, m.cpuSeconds, Self.peakMB(), Double(bytes) / 1e6, scaled,
                       Self.fateEpochSeconds * Self.fateCores) + comparison + "）")
        }
        say("说明：FATE 的 PSI 是 RSA/ECDH 两种实现之一（文档未注明），LR 的密钥长度未注明（2.x 默认 1024 位）；本基准每轮不含密钥生成。")
    }
}
