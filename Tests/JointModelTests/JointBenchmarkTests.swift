import Testing
@testable import JointModel

@Suite("Joint benchmark, scaled down")
struct JointBenchmarkTests {
    @Test("PSI, Paillier and one hetero-LR epoch run at small scale and report positive times")
    func smallScale() throws {
        var lines: [String] = []
        try JointBenchmark.report(psiIds: 200, paillierOperations: 20, lrRows: 80, lrBankFeatures: 3, lrCenterFeatures: 5,
                                  bits: [1024], print: { lines.append($0) })
        #expect(lines.count == 1 + 1 + 10 + 1)  // cores, PSI, 10 Paillier figures, one epoch
        #expect(lines.dropFirst().allSatisfy { $0.contains("wall") && $0.contains("CPU") })
        let psi = try JointBenchmark.psi(ids: 100)
        #expect(psi.operations == 200 && psi.wallSeconds > 0 && psi.cpuSeconds >= 0)
        let (epoch, bytes) = try JointBenchmark.heteroLREpoch(rows: 60, bankFeatures: 3, centerFeatures: 5, bits: 1024, batchSize: 30)
        #expect(epoch.wallSeconds > 0 && bytes > 60 * 2 * 128)
    }
}
