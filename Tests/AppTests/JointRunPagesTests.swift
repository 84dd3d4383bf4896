import App
import Domain
import Fluent
import Foundation
import Persistence
import Testing
import TestSupport
import VaporTesting

/// The joint-modelling runs as pages (issue 15 §1): the credit center sees every bank's runs with the features that
/// took part, the aligned count and the AUC; a bank sees only its own; firms are refused; the features the center
/// offers are listed with whether a firm's authorisation must cover them.
@Suite struct JointRunPagesTests {
    @Test(arguments: Backend.allCases)
    func theCenterSeesEveryRunAndABankOnlyItsOwn(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await MarketplaceAPITests.setUp(app)
            let store = JointRunStore(database: app.db)
            for (bank, name, auc) in [(f.bankA, "甲行预授信模型", 0.8123), (f.bankB, "乙行小微模型", nil as Double?)] {
                var run = try await store.record(JointRun(
                    runId: "run-\(bank.id)", name: name, institutionID: bank.id, status: .trained,
                    centerFeatures: ["tax_paid_12m_log", "penalties_3y"], featureDigest: String(repeating: "a", count: 64), bankFeatureCount: 3,
                    alignedCount: 2, offeredCount: 2, modelDigest: String(repeating: "b", count: 64), keyBits: 2048, createdAt: Date()),
                    members: [SampleFiles.firmA, SampleFiles.firmB])
                if let auc { run = try await store.reportAUC(runId: run.runId, institutionID: bank.id, auc: auc, at: Date()) }
            }

            let center = try await send(app, .GET, "/console/joint-runs", token: f.base.centerToken)
            #expect(center.status == .ok)
            #expect(center.body.contains("甲行预授信模型") && center.body.contains("乙行小微模型"))
            #expect(center.body.contains("甲银行") && center.body.contains("乙银行"), "the institution column")
            #expect(center.body.contains("近12个月纳税额（对数）") && center.body.contains("近三年行政处罚次数"), "features by their Chinese names")
            #expect(center.body.contains("0.8123") && center.body.contains("待银行报告"))
            #expect(center.body.contains("信用中心可提供的特征") && center.body.contains("需企业授权"))

            let bankA = try await send(app, .GET, "/bank/joint-runs", token: f.bankAToken)
            #expect(bankA.status == .ok && bankA.body.contains("甲行预授信模型") && !bankA.body.contains("乙行小微模型"))
            let bankB = try await send(app, .GET, "/bank/joint-runs", token: f.bankBToken)
            #expect(bankB.body.contains("乙行小微模型") && !bankB.body.contains("甲行预授信模型"))

            #expect(try await send(app, .GET, "/console/joint-runs", token: f.bankAToken).status == .forbidden)
            #expect(try await send(app, .GET, "/bank/joint-runs", token: f.firmAToken).status == .forbidden)
            #expect(try await send(app, .GET, "/console/joint-runs", token: f.firmAToken).status == .forbidden)
        }
    }
}
