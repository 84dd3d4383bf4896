import Foundation
import Testing
@testable import JointModel

@Suite("German credit, joint vs clear")
struct GermanCreditJointTests {
    /// 1024-bit keys by default so the suite stays fast in a debug build; JOINT_TEST_KEY_BITS=2048 runs the same
    /// check at 2048 bits (about 4× slower).
    static var keyBits: Int { Int(ProcessInfo.processInfo.environment["JOINT_TEST_KEY_BITS"] ?? "") ?? 1024 }

    @Test("On the 5 fixed folds, the joint model's test AUC is within 0.005 of plain LR on the joined data")
    func qualityMatchesClear() throws {
        let data = try GermanCredit.load()
        let config = HeteroLRConfig(keyBits: Self.keyBits, learningRate: 0.5, l2: 0.00125, batchSize: 200, epochs: 10,
                                    obfuscators: .shortExponent, batchSeed: 2024)
        let guestKey = try PaillierKeyPair.generate(bits: config.keyBits)
        let hostKey = try PaillierKeyPair.generate(bits: config.keyBits)
        var plainAUCs: [Double] = [], jointAUCs: [Double] = []
        for fold in 0..<5 {
            let train = data.rows.indices.filter { data.folds[$0] != fold }
            let test = data.rows.indices.filter { data.folds[$0] == fold }
            let bank = try data.encode(columns: GermanCredit.bankColumns, train: train, test: test)
            let center = try data.encode(columns: GermanCredit.centerColumns, train: train, test: test)
            let yTrain = train.map { data.labels[$0] }, yTest = test.map { data.labels[$0] }

            // Clear reference: exact logistic regression on the joined columns, L2 as scikit-learn's default C = 1.
            let plain = try PlainLogisticRegression.fit(try bank.train.joined(with: center.train), labels: yTrain,
                                                        l2: 1 / Double(train.count))
            let plainAUC = AUC.compute(scores: plain.probabilities(try bank.test.joined(with: center.test)), labels: yTest)

            let run = try HeteroLRLocalRun.train(runId: "german-\(fold)", guestFeatures: bank.train, labels: yTrain,
                                                 hostFeatures: center.train, config: config,
                                                 guestKey: guestKey, hostKey: hostKey)
            // Scored the way the bank will: the center's share plus the bank's part.
            let ids = test.map { "row\($0)" }
            let share = try run.hostModel.scoreShare(ids: ids, features: center.test)
            let probabilities = try run.guestModel.probabilities(share: share, features: bank.test)
            let jointAUC = AUC.compute(scores: ids.map { probabilities[$0]! }, labels: yTest)
            print(String(format: "German fold %d (%d-bit): plain LR AUC %.4f, joint AUC %.4f, Δ %+.4f, %d steps, %.1f MB exchanged",
                         fold, config.keyBits, plainAUC, jointAUC, jointAUC - plainAUC, run.steps,
                         Double(run.bytesExchanged) / 1e6))
            #expect(bank.train.columns == 28 && center.train.columns == 20)
            #expect(jointAUC >= plainAUC - 0.005, "fold \(fold): joint \(jointAUC) vs plain \(plainAUC)")
            plainAUCs.append(plainAUC)
            jointAUCs.append(jointAUC)
        }
        let plainMean = plainAUCs.reduce(0, +) / 5, jointMean = jointAUCs.reduce(0, +) / 5
        print(String(format: "German 5-fold mean: plain LR %.4f, joint %.4f, Δ %+.4f", plainMean, jointMean, jointMean - plainMean))
        #expect(abs(jointMean - plainMean) <= 0.005)
        #expect(plainMean > 0.75)  // the data and the encoding are sane
    }
}
